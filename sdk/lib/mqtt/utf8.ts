// UTF-8 for MQTT's strings (topics, client id, credentials), written out because a device has
// no TextEncoder. MQTT 3.1.1 §1.5.3: strings are well-formed UTF-8 without U+0000; a string
// from the broker that is not is a malformed packet, so decoding reports it instead of
// substituting U+FFFD. Encoding substitutes U+FFFD for a lone surrogate, as Node's
// TextEncoder does, so that the device and Node send the same bytes.

/** The number of bytes `text` takes in UTF-8. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isPairAt(text, i)) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Writes `text` as UTF-8 into `out` at `offset`; returns the offset after it. */
export function utf8Write(text: string, out: Uint8Array, offset: number): number {
  let at = offset;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[at++] = code;
      continue;
    }
    if (isPairAt(text, i)) {
      code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      code = 0xfffd;
    }
    // The lead byte, then 6 bits in each continuation byte (one store each: on a device a
    // typed array store is a good deal of code).
    const extra = code < 0x800 ? 1 : code < 0x10000 ? 2 : 3;
    out[at++] = ((0xf80 >> extra) & 0xf0) | (code >> (6 * extra));
    for (let shift = 6 * (extra - 1); shift >= 0; shift -= 6) out[at++] = 0x80 | ((code >> shift) & 0x3f);
  }
  return at;
}

/** Strings up to this many code units are encoded in one pass through a scratch buffer
 *  (3 bytes per unit at most), longer ones in two (length, then bytes): reading a code unit
 *  is most of the cost on a device, and a short scratch buffer is cheap to keep. */
const SCRATCH_UNITS = 64;
let scratch: Uint8Array | undefined;

/** `text` as UTF-8 bytes. */
export function utf8Encode(text: string): Uint8Array {
  if (text.length > SCRATCH_UNITS) {
    const out = new Uint8Array(utf8Length(text));
    utf8Write(text, out, 0);
    return out;
  }
  if (scratch === undefined) scratch = new Uint8Array(3 * SCRATCH_UNITS);
  const buffer = scratch;
  const length = utf8Write(text, buffer, 0);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = buffer[i];
  return out;
}

/** The string in `bytes[start, end)`, or undefined when those bytes are not well-formed UTF-8
 *  (overlong forms, surrogates, truncated sequences) or contain U+0000 (MQTT's rule; the
 *  key/value storage, which keeps it, passes `allowNul`). */
export function utf8Decode(bytes: Uint8Array, start: number, end: number, allowNul: boolean = false): string | undefined {
  let text = "";
  let i = start;
  while (i < end) {
    const lead = bytes[i];
    if (lead < 0x80) {
      if (lead === 0 && !allowNul) return undefined;
      text += String.fromCharCode(lead);
      i++;
      continue;
    }
    const extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
    if (extra === 0 || lead > 0xf4 || i + extra >= end) return undefined;
    let code = lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (next & 0x3f);
    }
    const smallest = extra === 1 ? 0x80 : extra === 2 ? 0x800 : 0x10000;
    if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    text += String.fromCodePoint(code);
    i += extra + 1;
  }
  return text;
}

/** Whether a high surrogate at `i` is followed by a low one: one code point in two units. */
function isPairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff || i + 1 >= text.length) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}
