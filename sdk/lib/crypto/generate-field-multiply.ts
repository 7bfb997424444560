// Writes field-multiply.ts: multiplication and squaring modulo p = 2^255 - 19 on 20 limbs of
// 13 bits (field25519.ts describes the representation), as straight-line code.
//
//   node --import tsx sdk/lib/crypto/generate-field-multiply.ts     (test/crypto checks it is current)
//
// Why generated: a device number is a tagged 31-bit integer, and the compiler proves ranges
// per operation. Unrolled, every limb is a local with a known range (a load masked to 13
// bits), every product and column sum provably stays below 2^30, and nothing is checked or
// boxed; a loop over typed arrays pays a bounds check and an index computation per product,
// about four times the instructions (measured on mps2-an385). This script keeps the bound of
// every intermediate and splits a column's sum where the next product would pass 2^30 - 1.
//
// The price is size: 11 KB for the multiplication and 7.4 KB for the squaring (mps2-an385).
// Squaring as fieldMultiply(out, a, a) saves the 7.4 KB and costs 2.5 M instructions more
// per verification (measured: 17.8 M -> 20.3 M); mote-boot may want that trade.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const LIMBS = 20;
export const LIMB_BITS = 13;
const LIMB_MASK = (1 << LIMB_BITS) - 1;
/** The top limb holds bits 247..255 of a reduced element, so 9 bits (field25519.ts). */
const TOP_LIMB_MASK = 0x1ff;
const SMALL_MAX = 2 ** 30 - 1;
/** 2^260 = 2^5 * 2^255 = 32 * 19 (mod p): the weight of column 20 folded onto column 0. */
const FOLD_260 = 32 * 19;

interface Term { text: string; bound: number }

class Emitter {
  lines: string[] = [];
  private temporaries = 0;
  emit(line: string): void {
    this.lines.push(`  ${line}`);
  }
  /** A new constant holding `text` whose largest value is `bound`. */
  define(text: string, bound: number): Term {
    if (bound > SMALL_MAX) throw new Error(`generate-field-multiply: ${text} can reach ${bound}, past 2^30 - 1`);
    const name = `t${this.temporaries++}`;
    this.emit(`const ${name} = ${text};`);
    return { text: name, bound };
  }
}

/** Sums the terms with the incoming carry into one column digit and the carry out; a sum that
 *  would pass 2^30 - 1 is split: its low bits start a new sum and its high bits join the carry. */
function column(e: Emitter, carry: Term | undefined, terms: Term[]): { digit: Term; carry: Term } {
  let sum: Term | undefined = carry;
  const extraCarries: Term[] = [];
  let pending: Term[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const parts = sum ? [sum, ...pending] : pending;
    sum = e.define(parts.map((p) => p.text).join(" + "), parts.reduce((s, p) => s + p.bound, 0));
    pending = [];
  };
  for (const term of terms) {
    const current = (sum?.bound ?? 0) + pending.reduce((s, p) => s + p.bound, 0);
    if (current + term.bound > SMALL_MAX) {
      flush();
      extraCarries.push(e.define(`${sum!.text} >> ${LIMB_BITS}`, Math.floor(sum!.bound / 2 ** LIMB_BITS)));
      sum = e.define(`${sum!.text} & ${hex(LIMB_MASK)}`, LIMB_MASK);
    }
    pending.push(term);
  }
  flush();
  const digit = e.define(`${sum!.text} & ${hex(LIMB_MASK)}`, Math.min(LIMB_MASK, sum!.bound));
  const carryParts = [{ text: `(${sum!.text} >> ${LIMB_BITS})`, bound: Math.floor(sum!.bound / 2 ** LIMB_BITS) }, ...extraCarries];
  const next = e.define(carryParts.map((p) => p.text).join(" + "), carryParts.reduce((s, p) => s + p.bound, 0));
  return { digit, carry: next };
}

/** The 40 column digits of a product reduced to 20 limbs below 2^256, stored in `out`. */
function reduce(e: Emitter, digits: Term[]): void {
  // 2^(13 * (20 + i)) = 2^260 * 2^(13 i) = 608 * 2^(13 i) (mod p).
  let carry: Term | undefined;
  const limbs: Term[] = [];
  for (let i = 0; i < LIMBS; i++) {
    const high = digits[i + LIMBS];
    const parts = [digits[i], { text: `${FOLD_260} * ${high.text}`, bound: FOLD_260 * high.bound }, ...(carry ? [carry] : [])];
    const sum = e.define(parts.map((p) => p.text).join(" + "), parts.reduce((s, p) => s + p.bound, 0));
    limbs.push(e.define(`${sum.text} & ${hex(LIMB_MASK)}`, Math.min(LIMB_MASK, sum.bound)));
    carry = e.define(`${sum.text} >> ${LIMB_BITS}`, Math.floor(sum.bound / 2 ** LIMB_BITS));
  }
  // Bits 255 and up (limb 19 holds bits 247..259, the carry 260 and up) fold back as 19 each.
  const top = e.define(`(${limbs[19].text} >> 8) + (${carry!.text} << 5)`, (limbs[19].bound >> 8) + carry!.bound * 32);
  limbs[19] = e.define(`${limbs[19].text} & 0xff`, 0xff);
  let next: Term = e.define(`${limbs[0].text} + 19 * ${top.text}`, limbs[0].bound + 19 * top.bound);
  for (let i = 0; i < LIMBS - 1; i++) {
    e.emit(`out[${i}] = ${next.text} & ${hex(LIMB_MASK)};`);
    next = e.define(`${limbs[i + 1].text} + (${next.text} >> ${LIMB_BITS})`, limbs[i + 1].bound + Math.floor(next.bound / 2 ** LIMB_BITS));
  }
  if (next.bound > TOP_LIMB_MASK) throw new Error(`generate-field-multiply: the top limb can reach ${next.bound}`);
  e.emit(`out[${LIMBS - 1}] = ${next.text};`);
}

function loadLimbs(e: Emitter, array: string, name: string): Term[] {
  const limbs: Term[] = [];
  for (let i = 0; i < LIMBS; i++) {
    const mask = i === LIMBS - 1 ? TOP_LIMB_MASK : LIMB_MASK;
    e.emit(`const ${name}${i} = ${array}[${i}] & ${hex(mask)};`);
    limbs.push({ text: `${name}${i}`, bound: mask });
  }
  return limbs;
}

function multiply(): string[] {
  const e = new Emitter();
  const a = loadLimbs(e, "a", "a"), b = loadLimbs(e, "b", "b");
  const digits: Term[] = [];
  let carry: Term | undefined;
  for (let k = 0; k < 2 * LIMBS - 1; k++) {
    const terms: Term[] = [];
    for (let i = Math.max(0, k - LIMBS + 1); i <= Math.min(k, LIMBS - 1); i++) {
      terms.push({ text: `${a[i].text} * ${b[k - i].text}`, bound: a[i].bound * b[k - i].bound });
    }
    const result = column(e, carry, terms);
    digits.push(result.digit);
    carry = result.carry;
  }
  digits.push(carry!);
  reduce(e, digits);
  return e.lines;
}

function square(): string[] {
  const e = new Emitter();
  const a = loadLimbs(e, "a", "a");
  // Cross products a_i a_j (i < j) count twice: a_i times the doubled limb d_j.
  const doubled: Term[] = a.map((limb, j) => {
    e.emit(`const d${j} = ${limb.text} << 1;`);
    return { text: `d${j}`, bound: limb.bound * 2 };
  });
  const digits: Term[] = [];
  let carry: Term | undefined;
  for (let k = 0; k < 2 * LIMBS - 1; k++) {
    const terms: Term[] = [];
    for (let i = Math.max(0, k - LIMBS + 1); 2 * i <= k; i++) {
      const j = k - i;
      if (i === j) terms.push({ text: `${a[i].text} * ${a[i].text}`, bound: a[i].bound * a[i].bound });
      else terms.push({ text: `${a[i].text} * ${doubled[j].text}`, bound: a[i].bound * doubled[j].bound });
    }
    const result = column(e, carry, terms);
    digits.push(result.digit);
    carry = result.carry;
  }
  digits.push(carry!);
  reduce(e, digits);
  return e.lines;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

export function fieldMultiplySource(): string {
  return [
    "// Generated by generate-field-multiply.ts (which says why); do not edit. Multiplication and",
    "// squaring modulo 2^255 - 19 on 20 limbs of 13 bits (field25519.ts): inputs below 2^256 with",
    "// limbs 0..18 of 13 bits and limb 19 of 9 bits; the result has the same form.",
    "",
    "/** out = a * b (mod 2^255 - 19). out may be a or b. */",
    "export function fieldMultiply(out: Uint16Array, a: Uint16Array, b: Uint16Array): void {",
    ...multiply(),
    "}",
    "",
    "/** out = a * a (mod 2^255 - 19). out may be a. */",
    "export function fieldSquare(out: Uint16Array, a: Uint16Array): void {",
    ...square(),
    "}",
    "",
  ].join("\n");
}

export const FIELD_MULTIPLY_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "field-multiply.ts");

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(FIELD_MULTIPLY_FILE, fieldMultiplySource());
  console.log(`wrote ${FIELD_MULTIPLY_FILE}`);
}
