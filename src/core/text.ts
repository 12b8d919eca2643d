// Text helpers shared by the engine and rules: decoding, line maps, edit distance.

/** The result of decoding a file's bytes. */
export interface DecodedText {
  text: string;
  hadBom: boolean;
  /** True when the bytes were not valid UTF-8 (replacement characters were inserted). */
  hadInvalidUtf8: boolean;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes UTF-8 leniently, dropping a BOM so that column 1 is the first visible character. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: strictDecoder.decode(bytes), hadBom, hadInvalidUtf8: false };
  } catch {
    return { text: lenientDecoder.decode(bytes), hadBom, hadInvalidUtf8: true };
  }
}

/** Whether bytes look binary (a NUL byte in the first 8 KB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 8192);
  for (let i = 0; i < limit; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Splits text into lines without their terminators (`\r\n`, `\n` or `\r`). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** Restricted Damerau–Levenshtein (optimal string alignment) distance, case-sensitive. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows - 1]![cols - 1]!;
}

/** The closest candidate within a length-scaled edit distance, or undefined. Case-insensitive. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const max = lower.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), max);
    if (distance > 0 && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Whether `text` matches a simple `*` glob (no other wildcards), optionally ignoring case. */
export function matchesSimpleGlob(text: string, pattern: string, options: { caseInsensitive?: boolean } = {}): boolean {
  if (!pattern.includes('*')) return options.caseInsensitive ? text.toLowerCase() === pattern.toLowerCase() : text === pattern;
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`, options.caseInsensitive ? 'i' : '').test(text);
}
