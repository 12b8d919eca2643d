// Tests for the reporter registry.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGithub, formatJson, formatJunit, formatSarif, formatText, getReporter, isReportFormat, REPORT_FORMATS } from '../../src/core/reporters';
import type { ReportFormat } from '../../src/core/reporters';

void describe('reporter registry', () => {
  void it('has one reporter per format', () => {
    assert.deepEqual([...REPORT_FORMATS], ['text', 'json', 'sarif', 'junit', 'github']);
    assert.equal(getReporter('text'), formatText);
    assert.equal(getReporter('json'), formatJson);
    assert.equal(getReporter('sarif'), formatSarif);
    assert.equal(getReporter('junit'), formatJunit);
    assert.equal(getReporter('github'), formatGithub);
  });

  void it('recognizes format names and rejects others', () => {
    assert.ok(isReportFormat('sarif'));
    assert.ok(!isReportFormat('SARIF'));
    assert.ok(!isReportFormat('toString'));
    assert.throws(() => getReporter('xml' as ReportFormat), /unknown report format `xml`/);
  });
});
