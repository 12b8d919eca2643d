// Validates SARIF output against the SARIF 2.1.0 JSON schema with ajv (formats checked, not ignored).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import { formatSarif } from '../../src/core/reporters/sarif';
import { repoRoot } from '../helpers';
import { goldenDir } from './golden';
import { cleanInput, edgeInput, sampleInput } from './sample-input';

const schemaFile = path.join(goldenDir, 'sarif-schema-2.1.0.json');
const packagedSchemaFile = path.join(repoRoot, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'sarif-2.1.0.json');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
}

// RFC 3986 characters: unreserved, reserved and percent-encoded octets. Nothing else (no spaces, no raw Unicode).
const URI_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;

/** A validator for the schema the SARIF Multitool ships (it declares JSON Schema draft 2020-12). */
function compileSarifSchema(): ValidateFunction {
  // The file declares draft 2020-12, so ajv's 2020 dialect is the one that compiles it; the keywords it uses
  // (type, properties, items, $ref to #/definitions, enum, oneOf, …) mean the same in draft-07.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uri', (value: string) => URI_CHARS.test(value) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value));
  ajv.addFormat('uri-reference', (value: string) => URI_CHARS.test(value));
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value));
  return ajv.compile(readJson(schemaFile) as object);
}

void describe('sarif output against the SARIF 2.1.0 schema', () => {
  const validate = compileSarifSchema();

  for (const [name, build] of [['sample', sampleInput], ['clean', cleanInput], ['edge', edgeInput]] as const) {
    void it(`the ${name} log is valid`, () => {
      const valid = validate(JSON.parse(formatSarif(build())));
      assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    });
  }

  void it('rejects what the schema forbids (the check can fail)', () => {
    const log = JSON.parse(formatSarif(sampleInput())) as { runs: { results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    log.runs[0]!.results[1]!.locations[0]!.physicalLocation.artifactLocation.uri = 'has space.py';
    assert.equal(validate(log), false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    assert.ok(paths.includes('/runs/0/results/0/level'), paths.join('\n'));
    assert.ok(paths.includes('/runs/0/results/1/locations/0/physicalLocation/artifactLocation/uri'), paths.join('\n'));
  });

  void it('uses the same schema as the installed SARIF Multitool', (t) => {
    if (!fs.existsSync(packagedSchemaFile)) {
      t.skip('@microsoft/sarif-multitool-linux is not installed (it installs on Linux only)');
      return;
    }
    assert.deepEqual(readJson(schemaFile), readJson(packagedSchemaFile));
  });
});
