// Date costs only the programs that make dates (sdk/lib/rt/date.ts): printing objects and
// writing JSON (which look for a toJSON method by name) link no date code and no wall clock,
// and keep int32 numbers; a program that makes a date links the calendar and the clock record.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const dateCode = (names: string[]): string[] => names.filter((n) => n.startsWith("date.") || n === "__rt_wall_clock");

describe("Date is linked only into programs that use it", () => {
  it("a program that prints objects and writes JSON links no date code and no soft-float code", () => {
    const names = linked(`const reading = { id: "t1", values: [1, 2, 3] };\nconsole.log(reading, JSON.stringify(reading));\n`);
    expect(dateCode(names)).toEqual([]);
    expect(names.filter((n) => n.startsWith("__rt_d") || n.startsWith("numconv."))).toEqual([]);
  });
  it("a program that makes a date links the calendar and the wall-clock record", () => {
    const names = linked(`console.log(new Date(Date.now()).getUTCFullYear());\n`);
    for (const symbol of ["date.Date.now", "date.CivilDate<constructor>", "__rt_wall_clock"]) expect(names.some((n) => n.startsWith(symbol))).toBe(true);
  });
});
