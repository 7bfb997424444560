// Host versions of the device intrinsics ("mote/intrinsics") that the number conversions use,
// so that device TypeScript from sdk/lib/rt runs under Node in unit tests (vi.mock the module
// with this one). Doubles go through a shared 8-byte buffer. Strings that runtime code builds
// the device way (newString, poke8 into the data, objectAt) are byte arrays behind fake
// addresses; newString here stands in for the one in sdk/lib/rt/strings.ts.

import { STRING_DATA } from "../../sdk/lib/rt/layout.ts";

const view = new DataView(new ArrayBuffer(8));

export function f64High(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(0);
}

export function f64Low(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(4);
}

export function f64FromWords(high: number, low: number): number {
  view.setInt32(0, high | 0);
  view.setInt32(4, low | 0);
  return view.getFloat64(0);
}

/** 31-bit integers, the ones a device keeps unboxed (-0 is a double). */
export function isSmallInt(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 30) && value < 2 ** 30 && !Object.is(value, -0);
}

// Strings under construction, by address. Addresses are multiples of 2^16, far apart enough
// for any string the conversions make.
const STRING_SPACING = 0x10000;
const building = new Map<number, Uint8Array>();
let nextAddress = STRING_SPACING;

export function newString(length: number, wide: boolean): number {
  if (wide) throw new Error("host strings: only one byte per code unit");
  if (STRING_DATA + length > STRING_SPACING) throw new Error(`host strings: ${length} code units is too long`);
  const address = nextAddress;
  nextAddress = nextAddress >= 0x3fff0000 ? STRING_SPACING : nextAddress + STRING_SPACING;
  building.set(address, new Uint8Array(length));
  return address;
}

function stringFor(address: number): [Uint8Array, number] {
  const base = address - (address % STRING_SPACING);
  const bytes = building.get(base);
  if (bytes === undefined) throw new Error(`host strings: no string at ${address}`);
  return [bytes, address - base - STRING_DATA];
}

export function poke8(address: number, value: number): void {
  const [bytes, offset] = stringFor(address);
  if (offset < 0 || offset >= bytes.length) throw new Error(`host strings: write outside the string at ${address}`);
  bytes[offset] = value;
}

/** The finished string at an address (it is then no longer being built). */
export function objectAt<T = unknown>(address: number): T {
  const [bytes] = stringFor(address);
  building.delete(address);
  let text = "";
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text as T;
}

/** The unit tests run the runtime as a program with fractions would (integral programs'
 *  integerToString is tested directly). */
export const DOUBLES = true;
export const FRACTIONS = true;

export function panic(code: number): never {
  throw new Error(`device panic ${code}`);
}
