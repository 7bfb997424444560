// A string made from bytes in one allocation, each byte one code unit (Latin-1, so ASCII too):
// what a decoder that has checked its bytes (mote/cbor's text strings) uses instead of a
// String.fromCharCode per character, which allocates an argument array and a string each.
// On the host port, ports/host/rt/latin1.ts does the same with Node's strings.

import { objectAt, poke8 } from "mote/intrinsics";
import { STRING_DATA } from "./layout.ts";
import { newString } from "./strings.ts";

/** The string whose code units are bytes[from, to). */
export function latin1String(bytes: Uint8Array, from: number, to: number): string {
  const length = to - from;
  const address = newString(length, false);
  const data = address + STRING_DATA;
  for (let i = 0; i < length; i++) poke8(data + i, bytes[from + i]);
  return objectAt<string>(address);
}
