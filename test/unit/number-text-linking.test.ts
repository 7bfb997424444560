// Turning values into text costs only the conversions they can need: a number the range
// analysis proves a small integer is printed by the small-integer printer
// (passes/number-text.ts), and an uncaught exception converts values other than Errors and
// strings only in programs that can throw one (passes/thrown-values.ts). Otherwise the double
// printer (numconv.ts, with bignum.ts in programs with fractions) is not linked.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

/** The double printer's routines (numconv's module init and variables may stay: its init runs
 *  where anything in it was lowered, and costs a few dozen bytes). */
const doublePrinter = (names: string[]): string[] => names.filter((n) => ["numconv.numberToString", "numconv.integerToString"].includes(n) || n.startsWith("bignum."));

describe("the double printer is linked only where a number that needs it can be printed", () => {
  it("a program with fractions that prints only small integers in text links no double printer", () => {
    const names = linked(`const scale = 2.5;\nfor (let i = 0; i < 3; i++) {\n  const line = "step " + i;\n  console.log(line);\n  console.log(i);\n}\nconsole.log(scale > 2 ? "big" : "small");\n`);
    expect(doublePrinter(names)).toEqual([]);
    expect(names).toContain("strings.smallIntText");
    expect(names).toContain("print.printSmallInt");
    expect(names).not.toContain("strings.numberText");
    expect(names).not.toContain("print.printValue");
  });

  it("a number not proven a small integer keeps it", () => {
    const names = linked(`const scale = 2.5;\nfor (let i = 0; i < 3; i++) {\n  const line = \`step \${i * scale}\`;\n  console.log(line);\n}\n`);
    expect(names).toContain("strings.numberText");
    expect(names).toContain("numconv.numberToString");
  });

  it("a program that throws only Errors prints its uncaught exceptions without number conversion", () => {
    const names = linked(`let n = 0;\nsetInterval(() => { n++; if (n > 1000) throw new RangeError("too many"); }, 10);\n`);
    expect(doublePrinter(names)).toEqual([]);
    expect(names).not.toContain("errors.thrownValueText");
    expect(names).not.toContain("strings.toString");
  });

  it("a program that throws a number converts it, with the double printer", () => {
    const names = linked(`function halve(n: number): number { return n / 2; }\nconst r = halve(5);\nif (r < 3) throw r;\n`);
    expect(names).toContain("errors.thrownValueText");
    expect(names).toContain("numconv.numberToString");
  });

  // Promises whose rejections are all Errors: Promise.reject, an executor's reject (called, or
  // kept in a field typed to take an Error), a catch clause's value thrown again, and a typed
  // array of a proven length (its RangeError prints only small integers).
  const PROMISES = `class Pending { fail: (error: Error) => void = () => {}; }
const pending = new Pending();
const halfLife = 2.5;
function later(ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    pending.fail = reject;
    if (ms < 0) reject(new RangeError("negative"));
    setTimeout(() => resolve(ms * halfLife > 10 ? "late" : "soon"), ms);
  });
}
async function both(): Promise<void> {
  try { await Promise.reject(new Error("no")); } catch (e) { if (halfLife > 3) throw e; }
  console.log("later:", await later(5), new Uint8Array(4).length > 2 ? "four" : "few");
}
both().catch((e: Error) => console.log(e.message));
`;

  it("a program with promises that reject only with Errors links no double printer", () => {
    const names = linked(PROMISES);
    expect(doublePrinter(names)).toEqual([]);
    expect(names).not.toContain("errors.thrownValueText");
    expect(names).not.toContain("promise.checkPromiseResolver");
    expect(names).toContain("typed-arrays.typedArrayNewOfInt");
  });

  it("a rejection with a number converts it, with the double printer", () => {
    const names = linked(PROMISES.replace(`reject(new RangeError("negative"))`, "reject(ms * halfLife)"));
    expect(names).toContain("errors.thrownValueText");
    expect(names).toContain("numconv.numberToString");
  });
});
