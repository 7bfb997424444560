// The port contract (sdk/compiler/port.ts): which port compiles for each board, what the
// ARMv7-M port emits that the ARMv6-M one cannot, and that a code generator failure stops the
// build with "internal error" and the function's name instead of emitting anything.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allBoards, findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { portFor } from "../../sdk/compiler/ports.ts";
import { type IrFunction, newBlock, newVReg } from "../../sdk/compiler/ir/ir.ts";

const work = mkdtempSync(path.join(tmpdir(), "mote-ports-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the port registry", () => {
  it("chooses the port by cpu, as each chip says: armv7m for M3/M4, armv6m for M0/M0+", () => {
    for (const board of allBoards) {
      if (board.chip.port === "host") {
        expect(() => portFor(board)).toThrow(/has no code generator/);
        continue;
      }
      const expected = board.chip.cpu === "cortex-m3" || board.chip.cpu === "cortex-m4" ? "armv7m" : "armv6m";
      expect(portFor(board).id, board.id).toBe(expected);
      expect(board.chip.port, board.id).toBe(expected);
    }
  });
});

/** objdump's mnemonics in one function of a built image. */
function mnemonics(elf: Uint8Array, symbol: string): string[] {
  const file = path.join(work, `${symbol}.elf`);
  writeFileSync(file, elf);
  const run = spawnSync("arm-none-eabi-objdump", ["-d", file], { encoding: "utf8" });
  const start = run.stdout.indexOf(`<${symbol}>:`);
  const body = run.stdout.slice(start, run.stdout.indexOf("\n\n", start));
  return [...body.matchAll(/^\s+[0-9a-f]+:\t[0-9a-f ]+\t(\S+)/gm)].map((m) => m[1]);
}

const objdump = spawnSync("arm-none-eabi-objdump", ["--version"]).status === 0;

describe.skipIf(!objdump)("what each port emits for integer division, multiply and wide constants", () => {
  const source = path.join(work, "arith.ts");
  writeFileSync(source, [
    "function arith(a: number, b: number): number {",
    "  return ((a / b) | 0) + (a % b) * 7 + a * b + 0x1234;",
    "}",
    "console.log(arith(100, 7), arith(-9, 4));",
  ].join("\n"));
  it("armv7m (mps2-an385): SDIV, MLS and SMULL inline, MOVW for the constant", () => {
    const result = build({ entry: source, board: findBoard("mps2-an385"), forSimulator: true });
    if (!result.ok) throw new Error(result.diagnostics);
    const used = mnemonics(result.elf, "arith.arith");
    expect(used).toEqual(expect.arrayContaining(["sdiv", "mls", "smull"]));
    expect(used.some((m) => m.startsWith("movw") || m.startsWith("mov.w"))).toBe(true);
  });
  it("armv6m (microbit): the port routines, no Thumb-2", () => {
    const result = build({ entry: source, board: findBoard("microbit"), forSimulator: true });
    if (!result.ok) throw new Error(result.diagnostics);
    const used = mnemonics(result.elf, "arith.arith");
    expect(used).not.toEqual(expect.arrayContaining(["sdiv"]));
    expect(used.filter((m) => m.includes(".w") || ["sdiv", "mls", "smull", "movw"].includes(m))).toEqual([]);
  });
});

describe("a code generator that cannot translate a function", () => {
  // A division reaching the back end as a `num` instruction: the lowering always makes it a
  // call to the port's routine, so no code generator has a translation for it.
  function brokenFunction(): IrFunction {
    const fn: IrFunction = {
      symbol: "app.brokenDivision", displayName: "brokenDivision", module: "app", params: [], blocks: [], vregs: [],
      pos: { file: "app.ts", line: 1, column: 1 }, returnsSmallInt: false,
    };
    const a = newVReg(fn, { smallInt: true }), b = newVReg(fn, { smallInt: true }), q = newVReg(fn, { smallInt: true });
    const block = newBlock(fn);
    block.insts.push({ op: "const", dst: a, word: 7 }, { op: "const", dst: b, word: 5 });
    block.insts.push({ op: "num", kind: "div", dst: q, a, b, pos: fn.pos });
    block.term = { op: "return", value: q };
    return fn;
  }
  for (const boardId of ["microbit", "mps2-an385"]) {
    it(`stops with "internal error" and the function's name (${portFor(findBoard(boardId)).id})`, () => {
      const port = portFor(findBoard(boardId));
      expect(() => port.generateFunction(brokenFunction(), { arraySet: "arraySet", doubles: false }))
        .toThrow(new RegExp(`^internal error: the ${port.id} code generator failed on function brokenDivision \\(app.brokenDivision\\): internal: num div reaches the back end`));
    });
  }
});

describe("the SysTick clock's limits", () => {
  it("refuses a board whose SysTick counts too slowly for the tickless clock's arithmetic, naming it", async () => {
    const { libOsChunks } = await import("../../ports/armv6m/rt/libos.ts");
    const mps2 = findBoard("mps2-an385");
    expect(libOsChunks(mps2).some((c) => c.name === "__rt_systick")).toBe(true);
    // A 1 MHz reference clock: 1,000 counts per millisecond, a 16.7 s period.
    const slow = { ...mps2, id: "slow-systick", chip: { ...mps2.chip, systickReferenceHz: 1_000_000 } };
    expect(() => libOsChunks(slow)).toThrow("board 'slow-systick': SysTick counts 1000 per millisecond; the tickless clock needs at least 8,192");
  });
});
