// Base64 (RFC 4648 §4, the standard alphabet with "=" padding), as SMP's serial transport
// carries packets in text lines. Bytes in, ASCII bytes out and back, in caller-given buffers:
// no strings, so a line costs no allocation. The alphabet is computed, not tabled (64 bytes of
// flash saved for a few compares a character).

const PAD = 0x3d; // "="

/** The ASCII code of the base64 digit for `value` (0–63). */
function digit(value: number): number {
  if (value < 26) return 0x41 + value; // A–Z
  if (value < 52) return 0x61 + value - 26; // a–z
  if (value < 62) return 0x30 + value - 52; // 0–9
  return value === 62 ? 0x2b : 0x2f; // + /
}

/** The value (0–63) of the base64 digit whose ASCII code is `c`, or -1 for any other byte. */
function valueOf(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62;
  if (c === 0x2f) return 63;
  return -1;
}

/** How many characters base64 makes of `count` bytes (padding included). */
export function encodedLength(count: number): number {
  return ((count + 2) / 3 | 0) * 4;
}

/** Writes the base64 of bytes[start, end) into `out` from `at`; returns where it ended. */
export function encodeBase64(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  let i = start;
  for (; i + 3 <= end; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[at++] = digit(n >> 18);
    out[at++] = digit((n >> 12) & 63);
    out[at++] = digit((n >> 6) & 63);
    out[at++] = digit(n & 63);
  }
  const left = end - i;
  if (left > 0) {
    const n = (bytes[i] << 16) | (left === 2 ? bytes[i + 1] << 8 : 0);
    out[at++] = digit(n >> 18);
    out[at++] = digit((n >> 12) & 63);
    out[at++] = left === 2 ? digit((n >> 6) & 63) : PAD;
    out[at++] = PAD;
  }
  return at;
}

/** How many bytes the base64 text text[start, end) stands for, from its length and padding
 *  alone, or -1 when its length is not a multiple of 4 (decodeBase64 checks the rest). */
export function decodedLength(text: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if ((length & 3) !== 0) return -1;
  if (length === 0) return 0;
  const pad = text[end - 1] !== PAD ? 0 : text[end - 2] === PAD ? 2 : 1;
  return (length >> 2) * 3 - pad;
}

/** Decodes the base64 text text[start, end) into `out` from `at` (room for decodedLength
 *  bytes); returns where it ended, or -1 when the text is not base64: a byte outside the
 *  alphabet, padding other than one or two "=" at the very end. One pass: what it wrote
 *  before finding out is the caller's to drop. */
export function decodeBase64(text: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  for (let i = start; i < end; i += 4) {
    const a = valueOf(text[i]);
    const b = valueOf(text[i + 1]);
    if (a < 0 || b < 0) return -1;
    const c2 = text[i + 2];
    const c3 = text[i + 3];
    const last = i + 4 === end;
    let c = 0;
    let d = 0;
    if (c2 === PAD) {
      if (!last || c3 !== PAD) return -1;
    } else {
      c = valueOf(c2);
      if (c < 0) return -1;
    }
    if (c3 === PAD) {
      if (!last) return -1;
    } else {
      d = valueOf(c3);
      if (d < 0) return -1;
    }
    out[at++] = (a << 2) | (b >> 4);
    if (c2 !== PAD) out[at++] = ((b & 15) << 4) | (c >> 2);
    if (c3 !== PAD) out[at++] = ((c & 3) << 6) | d;
  }
  return at;
}
