// sdk/lib/rt/math-double.ts must give Node's results bit for bit: device programs print what
// Node prints. The module is device TypeScript with JavaScript semantics, so it runs here as is
// (with the double-bit intrinsics on Node) and is compared with Node's Math on inputs from a
// fixed-seed generator: random encodings, the ranges sensor code uses, every threshold the
// algorithms branch on, and each function's hard cases. A mismatch names the seed, the input
// and both results in hex.

import { describe, expect, it, vi } from "vitest";

vi.mock("mote/intrinsics", () => import("./host-intrinsics.ts"));

import * as device from "../../sdk/lib/rt/math-double.ts";
import { fround } from "../../sdk/lib/rt/dataview.ts";
import { mulberry32 } from "./mulberry32.ts";

const SEED = 0x6d6f7465;


const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

function fromWords(high: number, low: number): number {
  words[1] = high >>> 0;
  words[0] = low >>> 0;
  return float[0];
}

function hex(x: number): string {
  float[0] = x;
  return `0x${words[1].toString(16).padStart(8, "0")}${words[0].toString(16).padStart(8, "0")} (${x})`;
}

/** The double `steps` encodings away from x (same sign, towards larger magnitude when positive). */
function nudge(x: number, steps: number): number {
  float[0] = x;
  let low = words[0] + steps;
  let high = words[1];
  while (low < 0) { low += 0x100000000; high -= 1; }
  while (low > 0xffffffff) { low -= 0x100000000; high += 1; }
  return fromWords(high, low);
}

class Inputs {
  readonly values: number[] = [];
  constructor(readonly next: () => number) {}

  add(...xs: number[]): void { for (const x of xs) this.values.push(x); }

  /** x and its neighbours up to `radius` encodings away on both sides, with both signs. */
  around(x: number, radius = 2): void {
    for (let s = -radius; s <= radius; s++) { const y = nudge(x, s); this.add(y, -y); }
  }

  unit(): number { return this.next() / 0x100000000; }
  uniform(low: number, high: number): number { return low + (high - low) * this.unit(); }
  bits(): number { return fromWords(this.next(), this.next()); }
  /** Any finite magnitude from 2^-1074 to 2^1024, log-uniformly, with a random sign. */
  anyMagnitude(): number {
    const exponent = this.next() % 2047;
    return fromWords(((this.next() & 0x80000000) | (exponent << 20) | (this.next() & 0xfffff)) >>> 0, this.next());
  }
}

const SPECIALS = [
  0, -0, Infinity, -Infinity, NaN, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 10, -10, 0.1, -0.1,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, Number.EPSILON,
  2.2250738585072014e-308, -2.2250738585072014e-308, 2.225073858507201e-308, 1 - Number.EPSILON / 2,
  1 + Number.EPSILON, Math.PI, -Math.PI, Math.PI / 2, -Math.PI / 2, Math.PI / 4, Math.E, 1e300, -1e300,
  1e-300, 2 ** 31, 2 ** 53, 2 ** 64, 2 ** 66, 2 ** 1023, 2 ** -1022, 2 ** -1074,
];

/** High words the algorithms compare against (fdlibm thresholds), plus exponent boundaries. */
const THRESHOLDS = [
  0x3fe921fb, 0x4002d97c, 0x400921fb, 0x4012d97c, 0x413921fb, 0x3e400000, 0x3e300000, 0x3fd33333,
  0x3fe90000, 0x3fe59428, 0x3fe00000, 0x3fef3333, 0x3c600000, 0x44100000, 0x3fdc0000, 0x3ff30000,
  0x3fe60000, 0x40038000, 0x40862e42, 0x3fd62e42, 0x3fd62e43, 0x3ff0a2b2, 0x4043687a, 0x3c900000,
  0x3fda827a, 0x3e200000, 0x3fd2bec4, 0x43400000, 0x40360000, 0x3c800000, 0x41b00000, 0x40000000,
  0x3ff00000, 0x00100000, 0x3ff6a09e, 0x3fe6a09e, 0x41e00000, 0x43f00000, 0x3fefffff, 0x40900000,
  0x4090cc00, 0x7fefffff, 0x7ff00000, 0x00000001, 0x3ff921fb, 0x408633ce, 0x40874910,
];

function commonInputs(inputs: Inputs): void {
  inputs.add(...SPECIALS);
  for (const s of SPECIALS) if (Number.isFinite(s) && s !== 0) inputs.around(s, 3);
  for (const high of THRESHOLDS) {
    for (const h of [high - 1, high, high + 1]) {
      for (const low of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, inputs.next()]) {
        inputs.add(fromWords(h, low), fromWords((h | 0x80000000) >>> 0, low));
      }
    }
  }
  for (let i = 0; i < 6000; i++) inputs.add(inputs.bits());
  for (let i = 0; i < 4000; i++) inputs.add(inputs.anyMagnitude());
  for (let i = 0; i < 4000; i++) inputs.add(inputs.uniform(-10, 10));
  for (let i = 0; i < 3000; i++) inputs.add(inputs.uniform(-1e6, 1e6));
  for (let i = 0; i < 1000; i++) inputs.add(inputs.uniform(-1, 1));
  for (let i = 0; i < 1000; i++) inputs.add(inputs.uniform(-1e-5, 1e-5));
  for (let i = 0; i < 500; i++) inputs.add(fromWords(inputs.next() & 0x800fffff, inputs.next())); // subnormals
  for (let i = 0; i < 500; i++) inputs.add(inputs.uniform(-1, 1) * 1e300);
}

/** Close to multiples of pi/2, where sin, cos and tan lose the most bits to cancellation. */
function nearHalfPiMultiples(inputs: Inputs): void {
  for (let i = 0; i < 6000; i++) {
    const scale = [10, 1e3, 2 ** 19, 2 ** 20, 2 ** 30, 2 ** 52, 2 ** 80][i % 7];
    const k = Math.floor(inputs.unit() * scale) + 1;
    inputs.add(nudge(k * (Math.PI / 2), (inputs.next() % 9) - 4) * (i & 1 ? -1 : 1));
  }
  // Known hard cases for argument reduction (Kahan, Muller): x extremely close to n*pi/2.
  for (const x of [
    6381956970095103 * 2 ** 797, 5706189623982011 * 2 ** 106, 8248251512623094 * 2 ** 2,
    1.5707963267948966, 3.141592653589793, 4.71238898038469, 6.283185307179586, 1e22, 1e300,
    2 ** 19 * (Math.PI / 2), 1.7976931348623157e308, 355, 103993, 1146408, 5419351, 80143857,
    // The doubles below 2^19 pi/2 nearest to multiples of pi/2 (a search with 2/pi to 1584 bits).
    45.553093477052, 91.106186954104, 182.212373908208, 321307.9594422229, 642615.9188844458,
    413441.44719405076, 505574.93494587863, 229174.47169039503, 458348.94338079006,
    781975.3982013622, 687523.4150711851,
  ]) {
    inputs.around(x, 4);
  }
  for (let i = 0; i < 1000; i++) inputs.add(inputs.uniform(-1, 1) * 10 ** (inputs.next() % 309));
}

function near(inputs: Inputs, centres: number[], radius = 8): void {
  for (const c of centres) inputs.around(c, radius);
}

function between(inputs: Inputs, low: number, high: number, count: number): void {
  for (let i = 0; i < count; i++) inputs.add(inputs.uniform(low, high));
}

type Unary = (x: number) => number;

const UNARY: Array<[string, Unary, Unary, (inputs: Inputs) => void]> = [
  ["sin", device.sin, Math.sin, nearHalfPiMultiples],
  ["cos", device.cos, Math.cos, nearHalfPiMultiples],
  ["tan", device.tan, Math.tan, nearHalfPiMultiples],
  ["asin", device.asin, Math.asin, (i) => { between(i, -1, 1, 3000); near(i, [0.5, 0.975, 1]); }],
  ["acos", device.acos, Math.acos, (i) => { between(i, -1, 1, 3000); near(i, [0.5, 0.975, 1, 2 ** -57]); }],
  ["atan", device.atan, Math.atan, (i) => { between(i, -3, 3, 3000); near(i, [0.4375, 0.6875, 1.1875, 2.4375, 2 ** 66]); }],
  ["exp", device.exp, Math.exp, (i) => {
    between(i, -745.2, 709.8, 3000);
    near(i, [709.782712893384, 709.7822265625, -745.1332191019411, -708.3964185322641, 1, 0.34657359027997264, 1.0397207708399179], 64);
  }],
  ["expm1", device.expm1, Math.expm1, (i) => {
    between(i, -40, 709.8, 3000);
    between(i, -1, 1, 1000);
    near(i, [709.782712893384, 38.816242111356935, 0.34657359027997264, 1.0397207708399179, 709.43], 32);
  }],
  ["log", device.log, Math.log, (i) => { between(i, 0, 10, 2000); between(i, 0.99, 1.01, 1000); near(i, [1, Math.E, 2, 0.5], 64); }],
  ["log1p", device.log1p, Math.log1p, (i) => { between(i, -1, 1, 2000); near(i, [-1, 0.41421356237309503, -0.2928932188134524, 2 ** 53], 32); }],
  ["log2", device.log2, Math.log2, (i) => { between(i, 0, 10, 2000); near(i, [1, Math.SQRT2, Math.SQRT1_2, 2 ** 100, 2 ** -1074], 32); }],
  ["log10", device.log10, Math.log10, (i) => {
    between(i, 0, 10, 2000);
    for (let n = -30; n <= 30; n++) near(i, [10 ** n], 3);
  }],
  ["sinh", device.sinh, Math.sinh, (i) => { between(i, -30, 30, 2000); near(i, [22, 709.7822265625, 710.4758600739439, 710.475860073944, 1, 2 ** -28], 32); }],
  ["cosh", device.cosh, Math.cosh, (i) => { between(i, -30, 30, 2000); near(i, [22, 709.7822265625, 710.4758600739439, 710.475860073944, 0.34657359027997264, 2 ** -55], 32); }],
  ["tanh", device.tanh, Math.tanh, (i) => { between(i, -25, 25, 3000); near(i, [22, 1, 2 ** -28], 32); }],
  ["asinh", device.asinh, Math.asinh, (i) => { between(i, -10, 10, 2000); near(i, [2, 2 ** 28, 2 ** -28], 32); }],
  ["acosh", device.acosh, Math.acosh, (i) => { between(i, 1, 3, 2000); between(i, 1, 1 + 1e-6, 1000); near(i, [1, 2, 2 ** 28], 64); }],
  ["atanh", device.atanh, Math.atanh, (i) => { between(i, -1, 1, 2000); near(i, [1, 0.5, 2 ** -28], 64); }],
  ["cbrt", device.cbrt, Math.cbrt, (i) => {
    between(i, -1000, 1000, 2000);
    for (let n = -50; n <= 50; n++) near(i, [n * n * n || 1, 2 ** (3 * n)], 2);
  }],
  ["fround", fround, Math.fround, (i) => {
    between(i, -1e6, 1e6, 2000);
    for (let k = 0; k < 3000; k++) {
      // A float32 plus exactly, just under and just over half its spacing: ties and near-ties.
      const f = Math.fround(i.anyMagnitude() % 3.4e38);
      const spacing = Math.abs(f) < 1.1754943508222875e-38 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(Math.abs(f))) - 23);
      const half = f + spacing / 2;
      i.add(f, half, nudge(half, 1), nudge(half, -1));
    }
    near(i, [3.4028234663852886e38, 3.4028235677973366e38, 1.1754943508222875e-38, 2 ** -149, 2 ** -150, 1.401298464324817e-45 * 1.5], 8);
  }],
];

function compareUnary(name: string, ours: Unary, node: Unary, inputs: number[]): string[] {
  const mismatches: string[] = [];
  for (const x of inputs) {
    const expected = node(x);
    const actual = ours(x);
    if (!Object.is(expected, actual) && mismatches.length < 10) {
      mismatches.push(`seed 0x${SEED.toString(16)}: ${name}(${hex(x)}) = ${hex(actual)}, Node ${hex(expected)}`);
    }
  }
  return mismatches;
}

describe("math-double is bit-identical to Node's Math", () => {
  UNARY.forEach(([name, ours, node, extra], index) => {
    it(name, () => {
      const inputs = new Inputs(mulberry32(SEED + index));
      commonInputs(inputs);
      extra(inputs);
      expect(inputs.values.length).toBeGreaterThanOrEqual(10_000);
      expect(compareUnary(name, ours, node, inputs.values)).toEqual([]);
    });
  });

  it("atan2", () => {
    const inputs = new Inputs(mulberry32(SEED + 100));
    const pairs: Array<[number, number]> = [];
    for (const y of SPECIALS) for (const x of SPECIALS) pairs.push([y, x]);
    for (let i = 0; i < 5000; i++) pairs.push([inputs.bits(), inputs.bits()]);
    for (let i = 0; i < 5000; i++) pairs.push([inputs.uniform(-10, 10), inputs.uniform(-10, 10)]);
    for (let i = 0; i < 3000; i++) pairs.push([inputs.anyMagnitude(), inputs.anyMagnitude()]);
    for (let i = 0; i < 2000; i++) {
      // |y/x| around 2^60 and 2^-60, where the quotient is no longer computed.
      const x = inputs.uniform(-10, 10);
      const ratio = 2 ** (56 + (inputs.next() % 9)) * (inputs.next() & 1 ? 1 : -1);
      pairs.push([x * ratio, x], [x, x * ratio]);
    }
    for (let i = 0; i < 500; i++) pairs.push([inputs.uniform(-10, 10), 1], [inputs.uniform(-10, 10), nudge(1, (i % 5) - 2)]);
    const mismatches: string[] = [];
    for (const [y, x] of pairs) {
      const expected = Math.atan2(y, x);
      const actual = device.atan2(y, x);
      if (!Object.is(expected, actual) && mismatches.length < 10) {
        mismatches.push(`seed 0x${SEED.toString(16)}: atan2(${hex(y)}, ${hex(x)}) = ${hex(actual)}, Node ${hex(expected)}`);
      }
    }
    expect(pairs.length).toBeGreaterThanOrEqual(10_000);
    expect(mismatches).toEqual([]);
  });

  it("pow", () => {
    const inputs = new Inputs(mulberry32(SEED + 200));
    const pairs: Array<[number, number]> = [];
    const bases = [
      ...SPECIALS, -8, 8, 1.5, -1.5, 27, -27, 1 + 2 ** -52, 1 - 2 ** -53, -(1 + 2 ** -52), 1 + 2 ** -20, 1 - 2 ** -21,
      0.9999999, 1.0000001, -0.9999999, 4, 16, 1e10, 1e-10, 2.220446049250313e-16, 1.0000000000000002,
    ];
    const exponents = [
      ...SPECIALS, 1 / 3, -1 / 3, 3, -3, 4, -4, 5, 0.25, 1.5, -1.5, 2 ** 31, 2 ** 31 + 1, -(2 ** 31) - 1,
      2 ** 52 + 1, -(2 ** 52 + 1), 2 ** 53 + 2, 2 ** 63, 2 ** 64 + 2 ** 12, -(2 ** 64), 1023, 1024, 1025,
      -1074, -1075, -1076, 0.1, 7, 2 ** 40 + 1, 2 ** 21 + 1, 2 ** 20 + 1, 2 ** 30 + 3,
    ];
    for (const b of bases) for (const e of exponents) pairs.push([b, e]);
    for (let i = 0; i < 4000; i++) pairs.push([inputs.bits(), inputs.bits()]);
    for (let i = 0; i < 4000; i++) pairs.push([inputs.uniform(0, 100), inputs.uniform(-20, 20)]);
    for (let i = 0; i < 2000; i++) pairs.push([inputs.anyMagnitude(), inputs.uniform(-4, 4)]);
    for (let i = 0; i < 2000; i++) {
      // Negative bases with integer and non-integer exponents, and integer powers.
      pairs.push([-inputs.uniform(0, 20), Math.round(inputs.uniform(-40, 40))], [-inputs.uniform(0, 20), inputs.uniform(-5, 5)]);
      pairs.push([Math.round(inputs.uniform(-50, 50)), Math.round(inputs.uniform(0, 30))]);
    }
    for (let i = 0; i < 2000; i++) {
      // Bases within 2^-20 of 1 with huge exponents (the series for log), and results at the edge
      // of overflow and underflow.
      pairs.push([nudge(1, (inputs.next() % 4096) - 2048), (inputs.next() & 1 ? 1 : -1) * 2 ** (31 + inputs.unit() * 34)]);
      const b = inputs.uniform(1.01, 100);
      const edge = (inputs.next() & 1 ? 1024 : -1075) / Math.log2(b);
      pairs.push([b, nudge(edge, (inputs.next() % 64) - 32)], [1 / b, nudge(-edge, (inputs.next() % 64) - 32)]);
      pairs.push([2, 1024 - (i % 3)], [2, -1074 - (i % 3) * 0.5], [0.5, 1074 + (i % 4) * 0.25]);
    }
    const mismatches: string[] = [];
    for (const [x, y] of pairs) {
      const expected = Math.pow(x, y);
      const actual = device.pow(x, y);
      if (!Object.is(expected, actual) && mismatches.length < 10) {
        mismatches.push(`seed 0x${SEED.toString(16)}: pow(${hex(x)}, ${hex(y)}) = ${hex(actual)}, Node ${hex(expected)}`);
      }
    }
    expect(pairs.length).toBeGreaterThanOrEqual(10_000);
    expect(mismatches).toEqual([]);
  });

  it("hypot, with two and with any number of arguments", () => {
    const inputs = new Inputs(mulberry32(SEED + 300));
    const lists: number[][] = [[]];
    for (const a of SPECIALS) { lists.push([a]); for (const b of SPECIALS) lists.push([a, b]); }
    for (let i = 0; i < 4000; i++) lists.push([inputs.bits(), inputs.bits()]);
    for (let i = 0; i < 4000; i++) lists.push([inputs.uniform(-1e3, 1e3), inputs.uniform(-1e3, 1e3)]);
    for (let i = 0; i < 2000; i++) lists.push([inputs.anyMagnitude(), inputs.anyMagnitude()]);
    for (let i = 0; i < 2000; i++) {
      const length = 1 + (i % 6);
      const list: number[] = [];
      for (let k = 0; k < length; k++) list.push(i % 4 === 0 ? inputs.anyMagnitude() : inputs.uniform(-100, 100));
      if (i % 50 === 0) list[i % length] = [NaN, Infinity, -Infinity, -0][(i / 50) % 4];
      lists.push(list);
    }
    const mismatches: string[] = [];
    for (const list of lists) {
      const expected = Math.hypot(...list);
      const actual = device.hypotOf(list);
      const args = list.map(hex).join(", ");
      if (!Object.is(expected, actual) && mismatches.length < 10) {
        mismatches.push(`seed 0x${SEED.toString(16)}: hypotOf([${args}]) = ${hex(actual)}, Node ${hex(expected)}`);
      }
      if (list.length === 2) {
        const two = device.hypot(list[0], list[1]);
        if (!Object.is(expected, two) && mismatches.length < 10) {
          mismatches.push(`seed 0x${SEED.toString(16)}: hypot(${args}) = ${hex(two)}, Node ${hex(expected)}`);
        }
      }
    }
    expect(lists.length).toBeGreaterThanOrEqual(10_000);
    expect(mismatches).toEqual([]);
  });
});
