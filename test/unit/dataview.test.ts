// The binary32 conversions of sdk/lib/rt/dataview.ts (DataView.getFloat32/setFloat32,
// Float32Array, Math.fround), run under Node against Node's own Float32Array: rounding to
// nearest even, subnormals, overflow to Infinity, NaN, signed zeros.

import { describe, expect, it, vi } from "vitest";

vi.mock("mote/intrinsics", () => import("./host-intrinsics.ts"));

import { float32Bits, float32FromBits, fround } from "../../sdk/lib/rt/dataview.ts";

const SEED = 0x66333233;
const buffer = new ArrayBuffer(8);
const f64 = new Float64Array(buffer), f32 = new Float32Array(buffer), u32 = new Uint32Array(buffer), i32 = new Int32Array(buffer);

function doubleOf(high: number, low: number): number {
  u32[1] = high >>> 0;
  u32[0] = low >>> 0;
  return f64[0];
}

/** Doubles around binary32's boundaries and random bit patterns (xorshift32, fixed seed). */
function inputs(): number[] {
  let s = SEED;
  const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return s >>> 0; };
  const out = [0, -0, NaN, Infinity, -Infinity, 0.1, 16777217, 3.4028235e38, 3.4028236e38, 3.5e38, 1e-45, 7e-46, 1.401298464324817e-45, 1e-46, 5e-324, 1.1754942e-38, 1.1754943e-38];
  for (let i = 0; i < 20000; i++) {
    const kind = i % 4;
    // Exponents near binary32's range: the normal range, the subnormal range and past both.
    const exponent = kind === 0 ? next() >>> 21 : 1023 - 160 + (next() % 300);
    const high = ((next() & 0x80000000) | (exponent << 20) | (next() & 0xfffff)) >>> 0;
    // Low words that sit on, or next to, the halfway point between two floats.
    const low = kind === 3 ? ((next() & 0xe0000000) | 0x10000000 | (next() & 1)) >>> 0 : next();
    out.push(doubleOf(high, low));
  }
  return out;
}

describe("binary32 conversions match Node's Float32Array", () => {
  it("float32Bits rounds every double as a Float32Array store does", () => {
    const bad: string[] = [];
    for (const x of inputs()) {
      f32[0] = x;
      const expected = i32[0];
      const actual = float32Bits(x);
      if (actual !== expected && bad.length < 10) bad.push(`seed ${SEED}: ${x} -> ${actual.toString(16)}, Node ${expected.toString(16)}`);
    }
    expect(bad).toEqual([]);
  });
  it("float32FromBits and fround give Node's values", () => {
    const bad: string[] = [];
    for (const x of inputs()) {
      f32[0] = x;
      const bits = i32[0];
      const expected = f32[0];
      const back = float32FromBits(bits);
      if (!Object.is(back, expected) && bad.length < 10) bad.push(`bits ${bits.toString(16)} -> ${back}, Node ${expected}`);
      if (!Object.is(fround(x), Math.fround(x)) && bad.length < 10) bad.push(`fround(${x}) = ${fround(x)}, Node ${Math.fround(x)}`);
    }
    expect(bad).toEqual([]);
  });
});
