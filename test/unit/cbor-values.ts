// Shared by the CBOR tests: a seeded generator of values that mote/cbor encodes (the kinds
// cbor-x also maps to the same JavaScript values), and value equality that tells -0 from 0
// and NaN from everything but NaN.

import { mulberry32 } from "./mulberry32.ts";

/** Random values: nested arrays and maps of integers of every head width, floats of the three
 *  widths, strings with multi-byte UTF-8 and surrogate pairs, byte strings, booleans, null. */
export function valueGenerator(seed: number): (depth?: number) => unknown {
  const next = mulberry32(seed);
  const below = (n: number) => next() % n;
  const pick = <T>(items: readonly T[]): T => items[below(items.length)];
  const integer = (): number => {
    switch (below(6)) {
      case 0: return below(24);
      case 1: return below(0x10000);
      case 2: return next();
      case 3: return next() * 0x200000 + (next() & 0x1fffff); // up to 2^53
      case 4: return -1 - next();
      default: return pick([0, 23, 24, 255, 256, 65535, 65536, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -24, -25, -256, -257, -65536, -65537, -(2 ** 32), -(2 ** 32) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 63, -(2 ** 64), 2 ** 64]);
    }
  };
  const float = (): number => {
    const words = new DataView(new ArrayBuffer(8));
    switch (below(6)) {
      case 0: words.setUint16(0, next() & 0xffff); return halfValue(words.getUint16(0));
      case 1: words.setUint32(0, next()); return words.getFloat32(0);
      case 2: words.setUint32(0, next()); words.setUint32(4, next()); return words.getFloat64(0);
      case 3: return (next() - 2 ** 31) / 1000;
      case 4: return pick([0.5, -0.5, 1.1, 23.5, -4.1, 65504.5, 1e300, 5e-324, 1e-7, 3.4028234663852886e38, 0.1, NaN, Infinity, -Infinity, -0]);
      default: return (next() % 2000 - 1000) / 8;
    }
  };
  const text = (): string => {
    let s = "";
    const length = below(4) === 0 ? below(300) : below(12);
    for (let i = 0; i < length; i++) {
      const kind = below(10);
      if (kind < 6) s += String.fromCharCode(0x20 + below(0x5f));
      else if (kind === 6) s += String.fromCharCode(0x80 + below(0x780));
      else if (kind === 7) s += String.fromCharCode(0x800 + below(0xd000)); // below the surrogates
      else if (kind === 8) s += String.fromCodePoint(0x10000 + below(0x100000));
      else s += String.fromCharCode(0xe000 + below(0x2000));
    }
    return s;
  };
  const generate = (depth = 0): unknown => {
    const kind = below(depth >= 4 ? 7 : 10);
    switch (kind) {
      case 0: case 1: return integer();
      case 2: return float();
      case 3: return text();
      case 4: return Uint8Array.from({ length: below(5) === 0 ? below(600) : below(8) }, () => next() & 0xff);
      case 5: return pick([true, false, null]);
      case 6: return below(2) === 0 ? integer() : text();
      case 7: case 8: return Array.from({ length: below(6) }, () => generate(depth + 1));
      default: {
        const map: Record<string, unknown> = {};
        const size = below(6);
        for (let i = 0; i < size; i++) map[below(3) === 0 ? `k${i}` : text() + i] = generate(depth + 1);
        return map;
      }
    }
  };
  return generate;
}

/** The value of a binary16 encoding (for generating exactly representable halves). */
export function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f, fraction = bits & 0x3ff;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Deep equality of decoded values: numbers with Object.is (-0 and NaN), byte arrays by
 *  content, arrays and plain objects by their entries in order. */
export function sameValue(a: unknown, b: unknown): boolean {
  // cbor-x decodes 64-bit integers as bigints.
  if (typeof a === "bigint") a = Number(a);
  if (typeof b === "bigint") b = Number(b);
  if (typeof a === "number" || typeof b === "number") return Object.is(a, b);
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
    return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

export function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "hex"));
}
