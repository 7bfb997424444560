// The number <-> text conversions of the device runtime (sdk/lib/rt/numconv.ts), run under
// Node and compared with Node's own String(x), toFixed, toPrecision, toExponential,
// toString(radix), Number(s), parseFloat and parseInt on inputs from a fixed-seed generator
// (device TypeScript has JavaScript semantics, so the module runs here as it is, with the
// intrinsics it uses from ./host-intrinsics.ts). A mismatch names the seed and the input.
// NUMCONV_CASES=<n> runs n cases per function (default 20000); NUMCONV_SEED=<n> another seed.

import { describe, expect, it, vi } from "vitest";

vi.mock("mote/intrinsics", () => import("./host-intrinsics.ts"));
vi.mock("../../sdk/lib/rt/strings.ts", async () => {
  const host = await import("./host-intrinsics.ts");
  return {
    newString: host.newString,
    intToString: String,
    concat: (a: string, b: string) => a + b,
    isString: (value: unknown) => typeof value === "string",
    toString: String,
  };
});

import {
  integerToString, numberToExponential, numberToFixed, numberToPrecision, numberToString, numberToStringRadix,
  parseFloatPrefix, parseIntRadix, parseNumber,
} from "../../sdk/lib/rt/numconv.ts";
import {
  BigNat, LIMB_BITS, bitLength, bitsAt, compare, divideSmall, divideStep, hasBitsBelow, multiplyAdd, multiplyInto,
  normalize, plusCompare, setSmall, shiftLeft, shiftRight,
} from "../../sdk/lib/rt/bignum.ts";

const CASES = Number(process.env.NUMCONV_CASES ?? 20000);
const SEED = Number(process.env.NUMCONV_SEED ?? 0x5eed1234);

// ---------------------------------------------------------------------------- random inputs

/** splitmix32: small, fast and good enough to pick test inputs. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.next() / 2 ** 32) * n);
  }
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() / 2 ** 32 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
  digits(count: number, radix = 10): string {
    let s = "";
    for (let i = 0; i < count; i++) s += this.below(radix).toString(radix);
    return s;
  }
}

const view = new DataView(new ArrayBuffer(8));

function fromBits(high: number, low: number): number {
  view.setUint32(0, high >>> 0);
  view.setUint32(4, low >>> 0);
  return view.getFloat64(0);
}

function bitsOf(x: number): string {
  view.setFloat64(0, x);
  return `0x${view.getBigUint64(0).toString(16).padStart(16, "0")}`;
}

/** The double `steps` encodings away (same sign; crosses zero and infinity as the bits do). */
function neighbour(x: number, steps: number): number {
  view.setFloat64(0, x);
  view.setBigUint64(0, BigInt.asUintN(64, view.getBigUint64(0) + BigInt(steps)));
  return view.getFloat64(0);
}

const SPECIAL_DOUBLES = [
  0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE,
  Number.EPSILON, 2 ** -1022, 2 ** -1022 - 2 ** -1074, 1, -1, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, Math.PI, Math.E,
  1e21, 1e21 - 65536, 999999999999999900000, 1e-7, 1.5e-7, 9.999999999999999e-8, 1e-6, 0.000001, 123456789012345680000,
  2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 30, -(2 ** 30), 2 ** 30 - 1, 2 ** 53, 2 ** 53 - 1, 2 ** 53 + 2, 2 ** 54,
  2 ** 60, 2 ** 64, 1.005, 2.5, 0.125, 0.5, 1.5, -2.5, -0.5, 1.45, 8.345, 123.456, 4.35, 0.615, 10.235, 1.0049999999999999,
  5e-324, 2.5e300, -2.5e300, 1e308, 1e-308, 2.2250738585072014e-308, 2.225073858507201e-308, 4.9406564584124654e-324,
];

function randomDouble(random: Random): number {
  const sign = random.chance(0.3) ? -1 : 1;
  switch (random.below(12)) {
    case 0: return fromBits(random.next(), random.next());
    case 1: return fromBits(random.next() & 0x800fffff, random.next());
    case 2: return sign * random.below(10 ** random.between(1, 9)) / 10 ** random.between(0, 12);
    case 3: {
      const base = random.pick([2 ** 30, 2 ** 31, 2 ** 32, 2 ** 52, 2 ** 53, 2 ** 54, 2 ** 63, 1e15, 1e16, 1e17]);
      return sign * (base + random.between(-40, 40));
    }
    case 4: return neighbour(sign * 2 ** random.between(-1074, 1023), random.between(-2, 2));
    case 5: return neighbour(sign * Number(`1e${random.between(-323, 308)}`), random.between(-2, 2));
    case 6: return neighbour(sign * random.pick([1e21, 1e-7, 1e-6, 1e20, 1e-5, 5e-7]), random.between(-3, 3));
    case 7: return random.next() / 2 ** 32 + random.next() / 2 ** 53;
    case 8: return random.pick(SPECIAL_DOUBLES);
    case 9: return sign * (random.next() * 2 ** 21 + (random.next() >>> 11)) * 2 ** random.between(-120, 80);
    // Between 2^49 and 2^53 the shortest digits can tie (2^50 + 0.25 prints as ….2, 2^51 - 0.25 as ….8).
    case 10: return sign * (2 ** random.between(49, 52) + random.below(2 ** 20) * 2 ** 20 + random.below(2 ** 20) + random.below(8) / 8);
    default: return sign * Number(`${random.digits(random.between(1, 4))}.${random.digits(random.between(1, 6))}`);
  }
}

// ------------------------------------------------------------------------- random strings

const WHITE_SPACE = [" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\ufeff", "\u1680", "\u2000", "\u2005", "\u200a",
  "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"];
const NOT_WHITE_SPACE = ["\u180e", "\u200b", "\u0085", "_", "x"];
const JUNK = ["", "", "", "x", "e", "e+", "E-", ".", "..", "_1", " 1", "abc", "Infinity", "e5x", "-", "+1", "\u0661"];

const EDGE_STRINGS = [
  "", " ", "0x", "0b", "0o", "-", "+", ".", ".5", "5.", "-.5", "+.5", "1e", "1e+", "1e-", "e5", ".e5", "1.e5",
  "Infinity", "-Infinity", "+Infinity", "infinity", "INFINITY", "Infinityx", "NaN", "-NaN", "0x1F", "0X1f", "0b101",
  "0B101", "0o17", "0O17", "-0x10", "+0x10", "0x-1", "0b2", "0o8", "0xg", "00x1", "1_000", "1,5", "\u0661\u0662",
  "\u00a05\u00a0", "\ufeff5", "\u180e5", "0.0e-99999999999", "0e99999999999", "1e-400", "1e400", "1e99999999999",
  "1e-99999999999", "2.2250738585072011e-308", "2.2250738585072012e-308", "9007199254740993", "9007199254740995",
  "9007199254740993.0000000000000000001", "4.9406564584124654e-324", "2.4703282292062327e-324",
  "2.4703282292062328e-324", "2.47032822920623272e-324", "1.7976931348623157e308", "1.7976931348623158e308",
  "1.7976931348623159e308", "-0", "-0.0", "+0", "0.000", "00000", "1" + "0".repeat(400), "0." + "0".repeat(400) + "1",
  "1" + "0".repeat(308), "1" + "0".repeat(309), "123456789012345678901234567890", "0.1", "0.30000000000000004",
  "1e21", "1e-7", "  12  ", "\n\t-12.5e-1\r\n", "1 2", "0x" + "f".repeat(300), "0b" + "1".repeat(70),
];

/** The exact decimal value halfway between a positive finite double and the next one up. */
function midpoint(x: number): string {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  const e = (biased === 0 ? 1 : biased) - 1075;
  const odd = 2n * m + 1n; // midpoint = odd × 2^(e-1)
  if (e - 1 >= 0) return (odd << BigInt(e - 1)).toString();
  const places = 1 - e; // odd / 2^places = odd × 5^places / 10^places
  const digits = (odd * 5n ** BigInt(places)).toString().padStart(places + 1, "0");
  return `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
}

/** A decimal string that Number() reads correctly, of many shapes. */
function randomDecimal(random: Random): string {
  switch (random.below(8)) {
    case 0: {
      const x = Math.abs(randomDouble(random));
      if (!Number.isFinite(x) || x === 0) return "0";
      const half = midpoint(x === Number.MAX_VALUE ? neighbour(x, -1) : x);
      // Exactly halfway, or a hair above or below it (a hair beyond the 780 digits that
      // are read exactly, too).
      const tweak = random.below(3);
      if (tweak === 0) return half;
      if (tweak === 1) return (half.includes(".") ? half : half + ".") + "0".repeat(random.chance(0.5) ? random.between(0, 10) : random.between(700, 800)) + "1";
      const dot = half.includes(".") ? half : half + ".";
      return dot.replace(/\d(?=0*$)/, (d) => String(Number(d) - 1)) + "9".repeat(random.between(1, 30));
    }
    case 1: return String(randomDouble(random));
    case 2: {
      const x = randomDouble(random);
      return Number.isFinite(x) ? x.toPrecision(random.between(1, 40)) : String(x);
    }
    case 3: {
      // Long mantissas.
      const integer = random.chance(0.2) ? "0" : random.digits(random.between(0, 400));
      const fraction = random.digits(random.between(0, 400));
      const exponent = random.chance(0.5) ? `e${random.between(-700, 400)}` : "";
      return `${integer}.${fraction}${exponent}`.replace(/^\.$/, "0");
    }
    case 4: {
      const digits = random.digits(random.between(20, 800));
      return `${digits.slice(0, 1)}.${digits.slice(1)}e${random.between(-340, 320)}`;
    }
    case 5: {
      const zeros = "0".repeat(random.between(0, 30));
      return `${zeros}${random.digits(random.between(1, 20))}${random.chance(0.5) ? "." + random.digits(random.between(0, 20)) : ""}`
        + (random.chance(0.5) ? `${random.pick(["e", "E"])}${random.pick(["", "+", "-"])}${random.digits(random.between(1, 4))}` : "");
    }
    case 6: return `${random.digits(random.between(1, 3))}e${random.between(-330, 330)}`;
    default: {
      const base = random.pick([16, 8, 2]);
      const prefix = random.pick(base === 16 ? ["0x", "0X"] : base === 8 ? ["0o", "0O"] : ["0b", "0B"]);
      const digits = random.digits(random.between(1, base === 2 ? 1100 : 300), base);
      return prefix + (random.chance(0.5) ? digits.toUpperCase() : digits);
    }
  }
}

function randomSpace(random: Random): string {
  let s = "";
  while (random.chance(0.3)) s += random.chance(0.9) ? random.pick(WHITE_SPACE) : random.pick(NOT_WHITE_SPACE);
  return s;
}

function randomNumberString(random: Random): string {
  if (random.chance(0.05)) return random.pick(EDGE_STRINGS);
  const sign = random.chance(0.3) ? random.pick(["-", "+"]) : "";
  return randomSpace(random) + sign + randomDecimal(random) + (random.chance(0.1) ? random.pick(JUNK) : "") + randomSpace(random);
}

function randomIntegerString(random: Random): [string, number] {
  const radix = random.chance(0.7) ? random.pick([0, 2, 8, 10, 16, 36, 0, 10]) : random.between(-2, 40);
  const digitsRadix = radix >= 2 && radix <= 36 ? radix : random.chance(0.5) ? 16 : 10;
  const length = random.chance(0.1) ? random.between(30, digitsRadix === 10 ? 800 : 400) : random.between(1, 30);
  let digits = random.digits(length, digitsRadix);
  if (random.chance(0.3)) digits = digits.toUpperCase();
  if (random.chance(0.1)) digits = "0".repeat(random.between(1, 40)) + digits;
  const prefix = random.chance(0.15) ? random.pick(["0x", "0X", "0"]) : "";
  const sign = random.chance(0.3) ? random.pick(["-", "+"]) : "";
  const junk = random.chance(0.2) ? random.pick(JUNK) : "";
  const s = random.chance(0.03) ? random.pick(EDGE_STRINGS) : randomSpace(random) + sign + prefix + digits + junk;
  return [s, radix];
}

// -------------------------------------------------------------------------------- checking

interface Mismatch { input: string; expected: string; actual: string }

function show(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : `${String(value)} (${bitsOf(value)})`;
  return JSON.stringify(value);
}

/** Runs `count` cases and lists those where the device code and Node differ. */
function differential<T>(name: string, count: number, input: (random: Random) => T, device: (x: T) => unknown,
  node: (x: T) => unknown, describeInput: (x: T) => string): void {
  const random = new Random(SEED ^ hash(name));
  const mismatches: Mismatch[] = [];
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const x = input(random);
    let expected: unknown, actual: unknown;
    try { expected = node(x); } catch (e) { expected = `throws ${(e as Error).name}: ${(e as Error).message}`; }
    try { actual = device(x); } catch (e) { actual = `throws ${(e as Error).name}: ${(e as Error).message}`; }
    if (!Object.is(expected, actual)) {
      failures++;
      if (mismatches.length < 10) mismatches.push({ input: describeInput(x), expected: show(expected), actual: show(actual) });
    }
  }
  const report = mismatches.map((m) => `  ${name}(${m.input}): Node ${m.expected}, device ${m.actual}`).join("\n");
  expect(failures, `${failures} of ${count} mismatches (seed ${SEED}):\n${report}`).toBe(0);
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const describeDouble = (x: number): string => show(x);

// --------------------------------------------------------------------------------- the tests

describe("number to text", () => {
  it("String(x)", () => {
    for (const x of SPECIAL_DOUBLES) expect(numberToString(x), show(x)).toBe(String(x));
    // Every power of two (unequal gaps below) and of ten, and their neighbours.
    for (let e = -1074; e <= 1023; e++) {
      for (let step = -1; step <= 1; step++) {
        const x = neighbour(2 ** e, step);
        expect(numberToString(x), show(x)).toBe(String(x));
      }
    }
    for (let e = -323; e <= 308; e++) {
      for (let step = -1; step <= 1; step++) {
        const x = neighbour(Number(`1e${e}`), step);
        expect(numberToString(x), show(x)).toBe(String(x));
      }
    }
    differential("String", CASES * 2, randomDouble, numberToString, String, describeDouble);
  });

  it("String(x) of integers, as integral programs print them (integerToString)", () => {
    for (const x of SPECIAL_DOUBLES.filter((d) => Number.isInteger(d) || !Number.isFinite(d))) expect(integerToString(x), show(x)).toBe(String(x));
    for (let e = 0; e <= 1023; e++) {
      for (let step = -1; step <= 1; step++) {
        const x = neighbour(2 ** e, step);
        if (Number.isInteger(x)) expect(integerToString(x), show(x)).toBe(String(x));
      }
    }
    for (let e = 0; e <= 308; e++) {
      for (let step = -1; step <= 1; step++) {
        const x = neighbour(Number(`1e${e}`), step);
        if (Number.isInteger(x)) expect(integerToString(x), show(x)).toBe(String(x));
      }
    }
    const integer = (random: Random): number => {
      for (;;) {
        const x = Math.trunc(randomDouble(random));
        if (Number.isFinite(x)) return x;
      }
    };
    differential("String of an integer", CASES, integer, integerToString, String, describeDouble);
    // A fraction never reaches it: integral programs cannot make one.
    expect(() => integerToString(0.5)).toThrow(/panic/);
  });

  it("toFixed", () => {
    const input = (random: Random): [number, number] => {
      const digits = random.chance(0.7) ? random.between(0, 20) : random.between(0, 100);
      if (random.chance(0.3)) {
        // Exact binary fractions: halfway cases when the digits stop at their last 5.
        return [(random.chance(0.3) ? -1 : 1) * random.below(2 ** 20) / 2 ** random.between(1, 12), random.between(0, 12)];
      }
      if (random.chance(0.2)) {
        // Short decimals, which are near (not at) halfway for one digit fewer.
        const places = random.between(1, 6);
        return [Number(`${random.digits(random.between(1, 5))}.${random.digits(places - 1)}5`), places - 1];
      }
      return [randomDouble(random), digits];
    };
    differential("toFixed", CASES, input, ([x, d]) => numberToFixed(x, d), ([x, d]) => x.toFixed(d), ([x, d]) => `${show(x)}, ${d}`);
  });

  it("toFixed argument handling", () => {
    for (const x of [1.5, -0, NaN, Infinity, -1e21, 1e21, 0.0001]) {
      for (const d of [undefined, 0, 2, -0.5, 100.9, NaN, 101, -1, Infinity]) {
        let expected: string, actual: string;
        try { expected = x.toFixed(d); } catch (e) { expected = `${(e as Error).name}: ${(e as Error).message}`; }
        try { actual = numberToFixed(x, d); } catch (e) { actual = `${(e as Error).name}: ${(e as Error).message}`; }
        expect(actual, `(${show(x)}).toFixed(${d})`).toBe(expected);
      }
    }
  });

  it("toPrecision", () => {
    const input = (random: Random): [number, number] => [randomDouble(random), random.chance(0.7) ? random.between(1, 21) : random.between(1, 100)];
    differential("toPrecision", CASES, input, ([x, p]) => numberToPrecision(x, p), ([x, p]) => x.toPrecision(p), ([x, p]) => `${show(x)}, ${p}`);
    for (const x of [1.5, -0, 0, NaN, -Infinity, 123456, 1e-7]) {
      for (const p of [undefined, 1, 3, 0, 101, 100.5, NaN, -Infinity]) {
        let expected: string, actual: string;
        try { expected = x.toPrecision(p); } catch (e) { expected = `${(e as Error).name}: ${(e as Error).message}`; }
        try { actual = numberToPrecision(x, p); } catch (e) { actual = `${(e as Error).name}: ${(e as Error).message}`; }
        expect(actual, `(${show(x)}).toPrecision(${p})`).toBe(expected);
      }
    }
  });

  it("toExponential", () => {
    const input = (random: Random): [number, number | undefined] =>
      [randomDouble(random), random.chance(0.2) ? undefined : random.chance(0.7) ? random.between(0, 20) : random.between(0, 100)];
    differential("toExponential", CASES, input, ([x, f]) => numberToExponential(x, f), ([x, f]) => x.toExponential(f), ([x, f]) => `${show(x)}, ${f}`);
    for (const x of [1.5, -0, 0, NaN, -Infinity, 123456]) {
      for (const f of [undefined, 0, 3, -1, 101, 100.5, NaN, Infinity]) {
        let expected: string, actual: string;
        try { expected = x.toExponential(f); } catch (e) { expected = `${(e as Error).name}: ${(e as Error).message}`; }
        try { actual = numberToExponential(x, f); } catch (e) { actual = `${(e as Error).name}: ${(e as Error).message}`; }
        expect(actual, `(${show(x)}).toExponential(${f})`).toBe(expected);
      }
    }
  });

  it("toString(radix)", () => {
    const input = (random: Random): [number, number] => {
      const radix = random.between(2, 36);
      if (random.chance(0.2)) return [(random.chance(0.3) ? -1 : 1) * random.below(2 ** 31), radix];
      if (random.chance(0.1)) return [(random.chance(0.3) ? -1 : 1) * (random.next() * 2 ** 21 + (random.next() >>> 11)), radix];
      return [randomDouble(random), radix];
    };
    differential("toString", CASES, input, ([x, r]) => numberToStringRadix(x, r), ([x, r]) => x.toString(r), ([x, r]) => `${show(x)}, ${r}`);
    for (const r of [1, 37, 0, NaN, 2.5, 36.9, -Infinity]) {
      let expected: string, actual: string;
      try { expected = (255.5).toString(r); } catch (e) { expected = `${(e as Error).name}: ${(e as Error).message}`; }
      try { actual = numberToStringRadix(255.5, r); } catch (e) { actual = `${(e as Error).name}: ${(e as Error).message}`; }
      expect(actual, `(255.5).toString(${r})`).toBe(expected);
    }
  });
});

describe("text to number", () => {
  it("Number(s)", () => {
    for (const s of EDGE_STRINGS) expect(show(parseNumber(s)), JSON.stringify(s)).toBe(show(Number(s)));
    differential("Number", CASES, randomNumberString, parseNumber, Number, (s) => JSON.stringify(s));
  });

  it("parseFloat", () => {
    for (const s of EDGE_STRINGS) expect(show(parseFloatPrefix(s)), JSON.stringify(s)).toBe(show(parseFloat(s)));
    differential("parseFloat", CASES, randomNumberString, parseFloatPrefix, parseFloat, (s) => JSON.stringify(s));
  });

  it("parseInt", () => {
    for (const s of EDGE_STRINGS) {
      for (const radix of [0, 10, 16, 2, 36]) {
        expect(show(parseIntRadix(s, radix)), `${JSON.stringify(s)}, ${radix}`).toBe(show(parseInt(s, radix)));
      }
    }
    differential("parseInt", CASES, randomIntegerString, ([s, r]) => parseIntRadix(s, r), ([s, r]) => parseInt(s, r), ([s, r]) => `${JSON.stringify(s)}, ${r}`);
  });
});

// The big integers underneath (sdk/lib/rt/bignum.ts), against BigInt.
describe("bignum", () => {
  const toBig = (a: BigNat): bigint => {
    let v = 0n;
    for (let i = a.length - 1; i >= 0; i--) v = (v << BigInt(LIMB_BITS)) | BigInt(a.limbs[i]);
    return v;
  };
  const fromBig = (v: bigint): BigNat => {
    const a = new BigNat(2);
    setSmall(a, 0);
    const limbs: number[] = [];
    for (let x = v; x > 0n; x >>= BigInt(LIMB_BITS)) limbs.push(Number(x & ((1n << BigInt(LIMB_BITS)) - 1n)));
    for (let i = limbs.length - 1; i >= 0; i--) multiplyAdd(a, 1 << LIMB_BITS, limbs[i]);
    return a;
  };
  const randomBig = (random: Random, maxBits: number): bigint => {
    let v = 0n;
    const bits = random.between(0, maxBits);
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(random.below(65536));
    return v >> BigInt(Math.max(0, Math.ceil(bits / 16) * 16 - bits));
  };

  it("matches BigInt", () => {
    const random = new Random(SEED);
    for (let i = 0; i < 3000; i++) {
      const x = randomBig(random, 400), y = randomBig(random, 400), z = randomBig(random, 400);
      const a = fromBig(x);
      expect(toBig(a)).toBe(x);
      expect(bitLength(a)).toBe(x.toString(2).length - (x === 0n ? 1 : 0));
      const factor = random.below(1 << LIMB_BITS), addend = random.below(1 << LIMB_BITS);
      multiplyAdd(a, factor, addend);
      expect(toBig(a)).toBe(x * BigInt(factor) + BigInt(addend));
      const shift = random.below(100);
      const b = fromBig(x);
      shiftLeft(b, shift);
      expect(toBig(b)).toBe(x << BigInt(shift));
      shiftRight(b, shift + 3);
      expect(toBig(b)).toBe(x >> 3n);
      const divisor = 1 + random.below((1 << LIMB_BITS) - 1);
      const c = fromBig(y);
      expect(divideSmall(c, divisor)).toBe(Number(y % BigInt(divisor)));
      expect(toBig(c)).toBe(y / BigInt(divisor));
      const product = new BigNat(2);
      multiplyInto(product, fromBig(x), fromBig(y));
      expect(toBig(product)).toBe(x * y);
      expect(compare(fromBig(x), fromBig(y))).toBe(x < y ? -1 : x > y ? 1 : 0);
      expect(plusCompare(fromBig(x), fromBig(y), fromBig(z))).toBe(x + y < z ? -1 : x + y > z ? 1 : 0);
      expect(plusCompare(fromBig(x), fromBig(y), fromBig(x + y))).toBe(0);
      const at = random.between(-20, 420), count = random.between(1, LIMB_BITS);
      expect(bitsAt(fromBig(x), at, count)).toBe(Number((at >= 0 ? x >> BigInt(at) : x << BigInt(-at)) & ((1n << BigInt(count)) - 1n)));
      expect(hasBitsBelow(fromBig(x), at)).toBe(at > 0 && (x & ((1n << BigInt(at)) - 1n)) !== 0n);
      // A long-division step: s normalized, r < 2^14 × s.
      if (y !== 0n) {
        const s = fromBig(y);
        const shifted = normalize(s);
        const sValue = y << BigInt(shifted);
        const r = fromBig(randomBig(random, 400) % (sValue << BigInt(LIMB_BITS)));
        const rValue = toBig(r);
        expect(divideStep(r, s)).toBe(Number(rValue / sValue));
        expect(toBig(r)).toBe(rValue % sValue);
      }
    }
  });
});
