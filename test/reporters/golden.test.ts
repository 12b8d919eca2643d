// Golden-output tests: every reporter on the sample, clean and edge inputs (UPDATE_GOLDENS=1 rewrites them).
import { describe, it } from 'node:test';
import { formatText, getReporter, REPORT_FORMATS, type ReportInput } from '../../src/core/reporters';
import { assertGolden } from './golden';
import { cleanInput, edgeInput, sampleInput } from './sample-input';

const EXTENSIONS: Record<(typeof REPORT_FORMATS)[number], string> = {
  text: 'txt',
  json: 'json',
  sarif: 'sarif',
  junit: 'junit.xml',
  github: 'github.txt',
};

const INPUTS: [string, () => ReportInput][] = [
  ['sample', sampleInput],
  ['clean', cleanInput],
  ['edge', edgeInput],
];

void describe('reporter goldens', () => {
  for (const [name, build] of INPUTS) {
    for (const format of REPORT_FORMATS) {
      void it(`${format} output for the ${name} input`, () => {
        assertGolden(`${name}.${EXTENSIONS[format]}`, getReporter(format)(build()));
      });
    }
  }

  void it('colored text output for the sample input', () => {
    assertGolden('sample.color.txt', formatText(sampleInput(), { color: true }));
  });
});
