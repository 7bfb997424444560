// A program pays only for the numbers its own source can make (sdk/compiler/lower/doubles.ts):
// with no arithmetic that can leave int32, no soft-float routine, number formatting or
// parsing is linked; with integer arithmetic, the soft-float operations it reaches and the
// integer printer, but no big-integer conversion; with one fractional literal, all of it.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const INT32_PROGRAM = `const names = ["a", "b", "c"];
for (const name of names) console.log(names.indexOf(name), name, name.length, [name.toUpperCase()]);
const format = names[0] + " %s %i";
console.log(format, names[1], names.length, names);
`;

const INTEGER_PROGRAM = `let total = 0;
for (let i = 0; i < 10; i++) total = (total * 31 + i) | 0;
console.log(total, (total / 7) | 0, total % 5, -total, [1, 2, 3].map((x) => x * 2));
`;

const softFloat = (names: string[]): string[] => names.filter((n) => n.startsWith("__rt_d") || n === "__rt_i2d");
const bigIntegers = (names: string[]): string[] => names.filter((n) => n.startsWith("bignum.") && !n.startsWith("bignum.BigNat<"));

describe("doubles are linked only into programs that can make them", () => {
  it("a program with no arithmetic that can leave int32 has no soft-float code, number formatting or parsing", () => {
    const names = linked(INT32_PROGRAM);
    expect(softFloat(names)).toEqual([]);
    expect(names.filter((n) => n.startsWith("numconv.") || n.startsWith("bignum."))).toEqual([]);
  });
  it("an integer program links soft-float arithmetic and the integer printer, no big integers", () => {
    const names = linked(INTEGER_PROGRAM);
    for (const routine of ["__rt_dadd", "__rt_dmul", "numconv.integralDigits"]) expect(names).toContain(routine);
    expect(bigIntegers(names)).toEqual([]);
    expect(names).not.toContain("numconv.shortestDigits");
  });
  it("one fractional literal brings in the double runtime", () => {
    const names = linked(`${INTEGER_PROGRAM}console.log(total * 0.5);\n`);
    for (const routine of ["__rt_dadd", "__rt_dmul", "__rt_dresult", "numconv.numberToString", "numconv.shortestDigits", "bignum.divideStep"]) expect(names).toContain(routine);
    expect(names).not.toContain("numconv.integralDigits");
  });
});

describe("the library builds in every number model", () => {
  it("an app of int32 numbers that only imports the SMP server builds (boot-id's hash constant is an int32)", () => {
    const names = linked(`import "mote/smp";\nconsole.log("up");\n`);
    expect(names).toContain("boot-id.bootId");
  });
});
