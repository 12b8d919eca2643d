// FNV-1a (64-bit) over UTF-8: a small, pure, stable hash for SARIF fingerprints (not for security).
import { toWellFormed } from './shared';

const encoder = new TextEncoder();

/** The 64-bit FNV-1a hash of a string's UTF-8 bytes, as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  // The state is kept as two 32-bit halves; every intermediate stays below 2^53, so doubles are exact.
  // Multiplying by the prime 2^40 + 0x1b3 is `hash * 0x1b3 + (hash << 40)`.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of encoder.encode(toWellFormed(text))) {
    lo = (lo ^ byte) >>> 0;
    const low = lo * 0x1b3;
    hi = (hi * 0x1b3 + Math.floor(low / 0x100000000) + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
