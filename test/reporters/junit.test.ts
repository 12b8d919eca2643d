// Tests for the junit reporter: well-formed XML, consistent counts, escaping of everything XML 1.0 forbids.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatJunit } from '../../src/core/reporters/junit';
import { escapeXmlAttribute, escapeXmlText } from '../../src/core/reporters/xml';
import { cleanInput, edgeInput, sampleInput } from './sample-input';
import { childElements, parseXml, textContent, type XmlElement } from './xml-check';

function suites(root: XmlElement): XmlElement[] {
  return childElements(root, 'testsuite');
}

function cases(suite: XmlElement): XmlElement[] {
  return childElements(suite, 'testcase');
}

function numberAttribute(element: XmlElement, name: string): number {
  return Number(element.attributes[name]);
}

/** Asserts every count attribute equals what the document contains. */
function assertCounts(root: XmlElement): void {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const suite of suites(root)) {
    const list = cases(suite);
    const suiteFailures = list.filter((testCase) => childElements(testCase, 'failure').length > 0).length;
    const suiteSkipped = list.filter((testCase) => childElements(testCase, 'skipped').length > 0).length;
    assert.equal(numberAttribute(suite, 'tests'), list.length, `tests of ${suite.attributes.name}`);
    assert.equal(numberAttribute(suite, 'failures'), suiteFailures, `failures of ${suite.attributes.name}`);
    assert.equal(numberAttribute(suite, 'skipped'), suiteSkipped, `skipped of ${suite.attributes.name}`);
    assert.equal(numberAttribute(suite, 'errors'), 0);
    tests += list.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
  }
  assert.equal(numberAttribute(root, 'tests'), tests);
  assert.equal(numberAttribute(root, 'failures'), failures);
  assert.equal(numberAttribute(root, 'skipped'), skipped);
}

void describe('junit reporter', () => {
  void it('writes one suite per file with a case per finding and per clean file', () => {
    const root = parseXml(formatJunit(sampleInput()));
    assert.equal(root.name, 'testsuites');
    assertCounts(root);
    assert.equal(root.attributes.time, '1.234');
    const hunt = suites(root).find((suite) => suite.attributes.name === 'src/hunt.py')!;
    assert.deepEqual(cases(hunt).map((testCase) => testCase.attributes.name), [
      'unapproved-import at 3:8',
      'unapproved-import at 4:8',
      'untested-function at 12:5',
      'untested-function at 40:5',
    ]);
    const enrich = suites(root).find((suite) => suite.attributes.name === 'src/enrich.py')!;
    assert.deepEqual(cases(enrich).map((testCase) => [testCase.attributes.name, testCase.children.length]), [['no problems', 0]]);
    assert.equal(suites(root).length, 14, '12 checked files and 2 skipped ones');
  });

  void it('fails errors and warnings, skips suppressed findings and skipped files, passes infos', () => {
    const root = parseXml(formatJunit(sampleInput()));
    const all = suites(root).flatMap(cases);
    const outcome = (testCase: XmlElement): string =>
      childElements(testCase, 'failure')[0]?.attributes.type ?? (childElements(testCase, 'skipped').length > 0 ? 'skipped' : 'passed');
    const byName = new Map(all.map((testCase) => [`${testCase.attributes.classname} ${testCase.attributes.name}`, outcome(testCase)]));
    assert.equal(byName.get('src/hunt.py unapproved-import at 3:8'), 'error');
    assert.equal(byName.get('src/hunt.py untested-function at 12:5'), 'warning');
    assert.equal(byName.get('src/hunt.py untested-function at 40:5'), 'skipped');
    assert.equal(byName.get('scripts/Get-Triage.ps1 untested-function at 120:10'), 'passed');
    assert.equal(byName.get('data/huge.py not checked'), 'skipped');
    const info = all.find((testCase) => testCase.attributes.name === 'untested-function at 120:10')!;
    assert.match(textContent(childElements(info, 'system-out')[0]!), /`Get-TriageData` has no test/);
  });

  void it('summarizes clean files in one case when the file list is missing', () => {
    const input = sampleInput();
    delete input.files;
    const root = parseXml(formatJunit(input));
    assertCounts(root);
    const summary = suites(root).find((suite) => suite.attributes.name === 'socguard')!;
    assert.equal(cases(summary)[0]!.attributes.name, '9 files without problems');
  });

  void it('reports a clean run as one passing test', () => {
    const root = parseXml(formatJunit(cleanInput()));
    assertCounts(root);
    assert.equal(root.attributes.tests, '1');
    assert.equal(root.attributes.failures, '0');
    assert.equal(root.attributes.time, undefined);
  });

  void it('escapes markup, quotes, line breaks, unicode and characters XML 1.0 cannot carry', () => {
    const input = edgeInput();
    const xml = formatJunit(input);
    const root = parseXml(xml);
    assertCounts(root);
    const policy = suites(root)[0]!;
    assert.equal(policy.attributes.name, 'policy');
    assert.equal(childElements(cases(policy)[0]!, 'failure')[0]!.attributes.message, '.socguard.yaml:3:5  unknown key `foo` <bar>');
    const odd = suites(root).find((suite) => suite.attributes.name === 'odd dir/a&b <c> "d" #1 %20 ü.py')!;
    const failure = childElements(cases(odd)[0]!, 'failure')[0]!;
    const expected = 'a <b> & "c" \'d\' 100% done: x, y\nsecond line\r\nthird\tcol ü 日本 😀 \\u001B[31mred\\u0000 \\uD800 end';
    assert.equal(failure.attributes.message, expected, 'attribute values keep line breaks and tabs');
    assert.ok(textContent(failure).includes(expected), 'element text keeps line breaks');
    const suppressed = childElements(cases(odd)[1]!, 'skipped')[0]!;
    assert.equal(suppressed.attributes.message, 'suppressed: reason with <xml> & "quotes"\nand a newline');
    assert.ok(suites(root).some((suite) => suite.attributes.name === 'weird\nname.py'));
    assert.ok(root.attributes.name!.includes('Contoso <SOC> & "Co" 2.3.0'));
  });

  void it('escapes text and attributes', () => {
    assert.equal(escapeXmlText('a<b>&c\r\n"\''), 'a&lt;b&gt;&amp;c&#13;\n"\'');
    assert.equal(escapeXmlAttribute('a<b>&c\r\n\t"\''), 'a&lt;b&gt;&amp;c&#13;&#10;&#9;&quot;&apos;');
    assert.equal(escapeXmlText('\u0000\u0008\u000b\u000c\u001f\ufffe\uffff'), '\\u0000\\u0008\\u000B\\u000C\\u001F\\uFFFE\\uFFFF');
    assert.equal(escapeXmlText('\udc00x\ud83d\ude00'), '\\uDC00x\ud83d\ude00', 'a lone surrogate is replaced, a pair kept');
    assert.equal(escapeXmlText('\u0085\u007f'), '\u0085\u007f', 'C1 controls and DEL are legal in XML 1.0');
  });
});
