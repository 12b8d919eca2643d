// XML 1.0 escaping for the JUnit reporter, including characters XML 1.0 cannot carry at all.
import { escapeCodeUnit } from './shared';

// Not allowed anywhere in an XML 1.0 document, not even as character references: C0 controls other than
// tab, LF and CR, U+FFFE, U+FFFF and unpaired surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const TEXT_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Replaces characters XML 1.0 forbids with a visible `\uXXXX`, so the document stays well-formed. */
export function replaceIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, escapeCodeUnit);
}

/** Escapes character data (element content); CR survives as `&#13;` instead of being normalized away. */
export function escapeXmlText(text: string): string {
  return replaceIllegalXmlChars(text).replace(/[&<>\r]/g, (char) => TEXT_ENTITIES[char]!);
}

/** Escapes an attribute value for double or single quotes; tab, LF and CR survive attribute normalization. */
export function escapeXmlAttribute(text: string): string {
  return replaceIllegalXmlChars(text).replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ENTITIES[char]!);
}
