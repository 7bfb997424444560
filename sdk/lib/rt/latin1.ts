// Strings and bytes one for one (Latin-1, so ASCII too), for codecs such as mote/cbor: a string
// made from bytes in one allocation (instead of a String.fromCharCode per character, which
// allocates an argument array and a string each), and an ASCII string's bytes copied straight
// from its one-byte storage (instead of a charCodeAt per unit). On the host port,
// ports/host/rt/latin1.ts does the same with Node's strings.

import { addressOf, objectAt, peek8, poke8 } from "mote/intrinsics";
import { STRING_DATA } from "./layout.ts";
import { isWideString, newString } from "./strings.ts";

/** The string whose code units are bytes[from, to). */
export function latin1String(bytes: Uint8Array, from: number, to: number): string {
  const length = to - from;
  const address = newString(length, false);
  const data = address + STRING_DATA;
  for (let i = 0; i < length; i++) poke8(data + i, bytes[from + i]);
  return objectAt<string>(address);
}

/** Copies s's code units into bytes from `at` if they are all ASCII, and says whether they
 *  were (bytes past `at` may have been written either way; the caller has made room). */
export function copyAscii(s: string, bytes: Uint8Array, at: number): boolean {
  if (isWideString(s)) return false;
  const data = addressOf(s) + STRING_DATA;
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const unit = peek8(data + i);
    if (unit >= 0x80) return false;
    bytes[at + i] = unit;
  }
  return true;
}
