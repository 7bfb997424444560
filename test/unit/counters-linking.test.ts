// A counter only compared with constants stops at 2^29 instead of growing without end
// (passes/saturating-counters.ts), so the bench's blinky (ten toggles counted by `++toggles`,
// then clearInterval) keeps int32 numbers and allocates only at start-up: no soft-float
// routines, no collector. A counter whose value is printed stays a number that can leave
// int32, as in Node. counters-compared.ts (conformance) runs the forms on the boards.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const BENCH_BLINKY = readFileSync(new URL("../../bench/programs/libos/blinky.ts", import.meta.url), "utf8");
const softFloat = (names: string[]) => names.filter((n) => /^__rt_(dadd|dcmp|i2d|u2d)$/.test(n));

describe("a counter compared only with constants costs no doubles and no collector", () => {
  it("the bench's blinky links neither", () => {
    const names = linked(BENCH_BLINKY);
    expect(softFloat(names)).toEqual([]);
    expect(names).toContain("heap.staticAlloc");
    expect(names).not.toContain("heap.collectFrom");
  });
  it("a counter that is printed, or added to another number, links both", () => {
    const printed = linked(BENCH_BLINKY.replace("clearInterval(timer);", "{ clearInterval(timer); console.log(toggles); }"));
    expect(softFloat(printed)).not.toEqual([]);
    expect(printed).toContain("heap.collectFrom");
  });
});
