// A strict little XML 1.0 reader for tests: rejects what a real parser would, returns an element tree.
import * as assert from 'node:assert/strict';

/** An element with decoded attribute values and children. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

// eslint-disable-next-line no-control-regex -- the check is about control characters
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NAME = /^[A-Za-z_:][\w.:-]*/;

function decode(raw: string, where: string): string {
  assert.ok(!raw.includes('<'), `raw < in ${where}`);
  return raw.replace(/&([^;]*);|&/g, (whole, entity: string | undefined) => {
    if (entity === undefined) assert.fail(`bare & in ${where}`);
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity in named) return named[entity]!;
    const match = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(entity);
    assert.ok(match, `unknown entity &${entity}; in ${where}`);
    const code = match[1] ? parseInt(match[1], 16) : parseInt(match[2]!, 10);
    const char = String.fromCodePoint(code);
    assert.ok(!ILLEGAL.test(char), `character reference to an illegal character ${whole} in ${where}`);
    return char;
  });
}

/** Parses a document (XML declaration, elements, attributes, text, comments) or throws an assertion error. */
export function parseXml(xml: string): XmlElement {
  const illegal = ILLEGAL.exec(xml);
  assert.equal(illegal, null, `illegal XML character U+${illegal?.[0].charCodeAt(0).toString(16)} at ${illegal?.index}`);
  let pos = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (declaration) pos = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (pos < xml.length) {
    if (xml.startsWith('<!--', pos)) {
      const end = xml.indexOf('-->', pos + 4);
      assert.ok(end >= 0, 'unterminated comment');
      pos = end + 3;
    } else if (xml.startsWith('</', pos)) {
      const name = NAME.exec(xml.slice(pos + 2))?.[0];
      assert.ok(name, `bad end tag at ${pos}`);
      const open = stack.pop();
      assert.equal(name, open?.name, `</${name}> closes <${open?.name}>`);
      pos += 2 + name.length;
      const close = /^\s*>/.exec(xml.slice(pos));
      assert.ok(close, `bad end tag </${name}>`);
      pos += close[0].length;
    } else if (xml[pos] === '<') {
      assert.ok(!xml.startsWith('<!', pos) && !xml.startsWith('<?', pos), `unsupported markup at ${pos}`);
      const name = NAME.exec(xml.slice(pos + 1))?.[0];
      assert.ok(name, `bad start tag at ${pos}`);
      pos += 1 + name.length;
      const element: XmlElement = { name, attributes: {}, children: [] };
      for (;;) {
        const attribute = /^\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(pos));
        if (!attribute) break;
        const key = attribute[1]!;
        assert.ok(!(key in element.attributes), `duplicate attribute ${key} on <${name}>`);
        element.attributes[key] = decode(attribute[3] ?? attribute[4]!, `attribute ${key} of <${name}>`);
        pos += attribute[0].length;
      }
      const end = /^\s*(\/?)>/.exec(xml.slice(pos));
      assert.ok(end, `bad start tag <${name}> at ${pos}: ${JSON.stringify(xml.slice(pos, pos + 20))}`);
      pos += end[0].length;
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else {
        assert.equal(root, undefined, 'more than one root element');
        root = element;
      }
      if (end[1] !== '/') stack.push(element);
    } else {
      const next = xml.indexOf('<', pos);
      const raw = xml.slice(pos, next < 0 ? xml.length : next);
      const text = decode(raw, 'text');
      if (stack.length > 0) stack[stack.length - 1]!.children.push(text);
      else assert.match(text, /^\s*$/, 'text outside the root element');
      pos += raw.length;
    }
  }
  assert.equal(stack.length, 0, `unclosed <${stack[stack.length - 1]?.name}>`);
  assert.ok(root, 'no root element');
  return root;
}

/** The child elements of an element with a given name. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
}

/** The concatenated text content of an element. */
export function textContent(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textContent(child))).join('');
}
