// What keeps blinky and hello small (issue 8's blinky ≤ 2 KB, issue 12's hello ≤ 512 B), one
// describe per lever, each failing without it:
// - a counter only compared with constants stops at 2^29 (passes/saturating-counters.ts), so
//   the bench's blinky (ten toggles counted by `++toggles`, then clearInterval) keeps int32
//   numbers and allocates only at start-up: no soft-float routines, no collector. A counter
//   whose value is used otherwise stays a number that can leave int32, as in Node
//   (conformance/counters-compared.ts runs the forms on the boards); its clearInterval links
//   no string code (timers.ts clearTimer);
// - a program that nothing but a hardware fault can stop gets the short fault report (heading,
//   code, pc, lr) instead of the crash report's stack scan, keeps no crash record unless
//   something reads it, and its vector table ends at HardFault; a console driver's byte proven
//   small is written without the unboxing path (passes/ranges.ts proves the untag). test/boards/faults.test.ts
//   runs the short report on a board.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { linkedSizes } from "./linked-symbols.ts";
import { countingVariables } from "../../sdk/compiler/passes/saturating-counters.ts";

const BENCH_BLINKY = readFileSync(new URL("../../bench/programs/libos/blinky.ts", import.meta.url), "utf8");
const HELLO = `console.log("hello");\n`;
const softFloat = (names: string[]) => names.filter((n) => /^__rt_(dadd|dcmp|i2d|u2d)$/.test(n));
const sizeOf = (sizes: Array<{ name: string; size: number }>, name: string) => sizes.find((s) => s.name === name)?.size;
const names = (sizes: Array<{ name: string }>) => sizes.map((s) => s.name);

describe("a counter compared only with constants costs no doubles and no collector", () => {
  it("the bench's blinky links neither (and keeps SysTick's vector)", () => {
    const sizes = linkedSizes(BENCH_BLINKY);
    expect(softFloat(names(sizes))).toEqual([]);
    expect(names(sizes)).toContain("heap.staticAlloc");
    expect(names(sizes)).not.toContain("heap.collectFrom");
    expect(sizeOf(sizes, "__vectors")).toBe(64);
    // clearInterval tells a timer id by isSmallInt (ids stay small), not by typeof and generic
    // equality: no type names, no string comparison (strings.ts).
    expect(names(sizes).filter((n) => n.startsWith("strings."))).toEqual([]);
  });
  it("a counter whose value is used otherwise, or stepped both ways, is none", () => {
    const counters = (source: string) => {
      const host = ts.createCompilerHost({ noLib: true });
      const read = host.getSourceFile;
      host.getSourceFile = (name, ...rest) => (name === "app.ts" ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022, true) : read(name, ...rest));
      const program = ts.createProgram(["app.ts"], { noLib: true, noResolve: true }, host);
      return countingVariables([program.getSourceFile("app.ts")!], program.getTypeChecker()).map((c) => c.symbol.name);
    };
    const tick = (body: string) => `let n = 0;\nlet other = 0;\nfunction tick(): void {\n  ${body}\n}\n`;
    expect(counters(tick("if (++n === 10) other = 1;"))).toEqual(["n"]);
    expect(counters(tick("n += 2; if (n >= 10) n = 0;"))).toEqual(["n"]);
    expect(counters(tick("if (++n > 4 && n - 2 < 6) other = 1;"))).toEqual([]);
    expect(counters(tick("n++; if (n === 3) n--;"))).toEqual([]);
    expect(counters(tick("other = n++;"))).toEqual([]);
    expect(counters(tick("if (++n === 0.5) other = 1;"))).toEqual([]);
    expect(counters(`let n = 0;\n++n;\nfunction f(): boolean { return ++n === 2; }\n`)).toEqual([]);
  });
});

describe("hello links a console and a short fault report", () => {
  for (const board of ["mps2-an385", "microbit"]) {
    it(`on ${board}: ≤ 512 B`, () => {
      const sizes = linkedSizes(HELLO, board);
      expect(names(sizes).filter((n) => ["__rt_crash", "__rt_panic", "__rt_unbox", "__rt_crash_record"].includes(n))).toEqual([]);
      expect(names(sizes)).toContain("__rt_fault");
      expect(sizeOf(sizes, "__vectors")).toBe(16);
      expect(sizes.reduce((sum, s) => sum + s.size, 0)).toBeLessThanOrEqual(512);
    });
  }
  it("a number poked that may be boxed links the unboxing, whose panic links the full report", () => {
    const poked = names(linkedSizes(`import { peek32, poke32 } from "mote/intrinsics";\nfunction put(word: number): void { poke32(0x20001000, word); }\nput(peek32(0x20001004));\n`));
    expect(poked).toContain("__rt_unbox");
    expect(poked).toContain("__rt_crash");
  });
});
