// Golden-file comparison for reporter output; `UPDATE_GOLDENS=1` rewrites the goldens instead of comparing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

/** Where the reporter goldens live. */
export const goldenDir = path.join(repoRoot, 'test', 'fixtures', 'reporters');

/** Whether this run regenerates goldens (`UPDATE_GOLDENS=1`). */
export const isUpdatingGoldens = process.env.UPDATE_GOLDENS === '1';

/** Asserts `actual` equals the golden file `name`, or writes it when updating goldens. */
export function assertGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (isUpdatingGoldens) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) {
    assert.fail(`golden ${path.relative(repoRoot, file)} is missing: run the tests with UPDATE_GOLDENS=1 and review the diff`);
  }
  const expected = fs.readFileSync(file, 'utf8');
  assert.equal(actual, expected, `output differs from ${path.relative(repoRoot, file)} (UPDATE_GOLDENS=1 regenerates it; review the diff)`);
}
