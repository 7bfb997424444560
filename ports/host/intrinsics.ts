// `mote/intrinsics` on Node: there is no memory to peek at. The one address sdk/lib's API
// asks for is the heap's extent (device.heapUsed), which is V8's here. Portable library code
// (mote/cbor) also uses the number intrinsics: Node's numbers are doubles, with fractions.

import { getHeapStatistics } from "node:v8";

export function symbolAddress(name: string): number {
  if (name === "__heap_start") return 0;
  if (name === "__heap_end") return getHeapStatistics().heap_size_limit;
  throw new Error(`mote/intrinsics: the host port has no symbol '${name}'`);
}

/** Node's numbers are doubles and may be fractions. */
export const DOUBLES = true;
export const FRACTIONS = true;
/** Never the bare profile (mote-boot's, device images only). */
export const BARE = false;

/** 31-bit integers, the ones a device keeps unboxed (-0 is a double). */
export function isSmallInt(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 30) && value < 2 ** 30 && !Object.is(value, -0);
}

// A double's two words through a shared 8-byte view (big-endian: the high word first).
const words = new DataView(new ArrayBuffer(8));

/** The high word (sign, exponent, top 20 fraction bits) of x's binary64 encoding, as an int32. */
export function f64High(x: number): number {
  words.setFloat64(0, x);
  return words.getInt32(0);
}

/** The low word (the other 32 fraction bits) of x's binary64 encoding, as an int32. */
export function f64Low(x: number): number {
  words.setFloat64(0, x);
  return words.getInt32(4);
}

/** The number whose binary64 encoding is the two words. */
export function f64FromWords(high: number, low: number): number {
  words.setInt32(0, high | 0);
  words.setInt32(4, low | 0);
  return words.getFloat64(0);
}

/** Memory reads, for sdk/lib's flash, image-slot and storage code: the host board has no
 *  flash (no layout, no driver), so that code is never called here; these only let the
 *  bundle link, and say so if reached. */
export function peek8(address: number): number {
  throw new Error(`mote/intrinsics: the host port has no memory to read (peek8 at ${address})`);
}
export function peek16(address: number): number {
  throw new Error(`mote/intrinsics: the host port has no memory to read (peek16 at ${address})`);
}
