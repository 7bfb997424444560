// What the code generator makes of a recursion's base case and of a loop over a typed array
// (ports/armv6m/codegen/early-exit.ts, sdk/compiler/passes/loop-invariants.ts): the base case
// returns before the frame is pushed; a wide loop bound and the array's data address are
// computed once, before the loop; a byte compared with 0 is compared raw (CBZ on armv7m); on
// armv7m the stack check compares SP with r11 (ports/armv7m/rt/runtime.ts sets it at reset).
// Whether such programs print what Node prints is conformance's loop-invariants-early-exits.ts.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import type { Block, IrFunction } from "../../sdk/compiler/ir/ir.ts";
import { successors } from "../../sdk/compiler/ir/ir.ts";

const READELF = "arm-none-eabi-readelf";
const hasReadelf = !spawnSync(READELF, ["--version"]).error;

const work = mkdtempSync(path.join(tmpdir(), "mote-loops-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const entry = path.join(work, "shapes.ts");
writeFileSync(entry, [
  "function fib(n: number): number {",
  "  if (n < 2) return n;",
  "  return fib(n - 1) + fib(n - 2);",
  "}",
  "function primes(): number {",
  "  const composite = new Uint8Array(20002);",
  "  let count = 0;",
  "  for (let i = 2; i <= 20001; i++) {",
  "    if (composite[i] === 0) {",
  "      count++;",
  "      for (let j = i * i; j <= 20001; j += i) composite[j] = 1;",
  "    }",
  "  }",
  "  return count;",
  "}",
  "console.log(fib(12), primes());",
].join("\n"));

// Thumb encodings (ARMv6-M ARM A6.7): CMP Rn, #imm8; B<cond>; BX LR; PUSH {…, LR}; CBZ/CBNZ.
const isCmpImmediate = (h: number) => (h & 0xf800) === 0x2800;
const isConditionalBranch = (h: number) => (h & 0xf000) === 0xd000 && (h & 0x0e00) !== 0x0e00;
const BX_LR = 0x4770;
const isPushLr = (h: number) => (h & 0xff00) === 0xb500;
const isCompareZeroBranch = (h: number) => (h & 0xf500) === 0xb100;

function halfwords(image: { flashBytes: Uint8Array; layout: { flash: { origin: number } }; symbols: { name: string; address: number; size: number }[] }, symbol: string): number[] {
  const s = image.symbols.find((x) => x.name === symbol)!;
  const at = s.address - image.layout.flash.origin;
  const view = new DataView(image.flashBytes.buffer, image.flashBytes.byteOffset + at, s.size);
  return Array.from({ length: s.size / 2 }, (_, i) => view.getUint16(2 * i, true));
}

/** Blocks inside some loop (on a cycle). */
function loopBlocks(fn: IrFunction): Set<Block> {
  const inLoop = new Set<Block>();
  for (const start of fn.blocks) {
    const seen = new Set<Block>();
    const work = [...successors(start.term)];
    while (work.length > 0) {
      const b = work.pop()!;
      if (b === start) { inLoop.add(start); break; }
      if (seen.has(b)) continue;
      seen.add(b);
      work.push(...successors(b.term));
    }
  }
  return inLoop;
}

describe.each(["mps2-an385", "microbit"])("on %s", (boardId) => {
  const result = build({ entry, board: findBoard(boardId), forSimulator: true, outDir: path.join(work, boardId) });
  if (!result.ok) throw new Error(result.diagnostics);
  const fn = (name: string) => result.program.functions.find((f) => f.symbol === `shapes.${name}`)!;

  it("returns from the base case before pushing the frame", () => {
    const code = halfwords(result.image, "shapes.fib");
    expect(isCmpImmediate(code[0])).toBe(true);
    expect(isConditionalBranch(code[1])).toBe(true);
    expect(code[2]).toBe(BX_LR);
    expect(isPushLr(code[3])).toBe(true);
  });

  it("computes the loop bound and the array's data address before the loops", () => {
    const primes = fn("primes");
    const loops = loopBlocks(primes);
    const insideLoops = [...loops].flatMap((b) => b.insts);
    expect(insideLoops.filter((inst) => inst.op === "const" && inst.word === 2 * 20001 + 1)).toEqual([]);
    const accesses = insideLoops.filter((inst) => inst.op === "typed-get" || inst.op === "typed-set");
    expect(accesses.length).toBe(2);
    for (const access of accesses) expect(access).toHaveProperty("data");
    const loads = primes.blocks.filter((b) => !loops.has(b)).flatMap((b) => b.insts).filter((inst) => inst.op === "typed-data");
    expect(loads.length).toBe(1);
  });

  it.runIf(boardId === "mps2-an385")("checks the stack against r11, which holds the limit (CMP SP, r11)", () => {
    const CMP_SP_R11 = 0x45dd;
    expect(halfwords(result.image, "shapes.fib")).toContain(CMP_SP_R11);
  });

  it.runIf(boardId === "mps2-an385")("tests a byte against 0 with CBZ/CBNZ", () => {
    expect(halfwords(result.image, "shapes.primes").some(isCompareZeroBranch)).toBe(true);
  });

  it.runIf(hasReadelf && boardId === "mps2-an385")("describes the frame after the early return (.debug_frame)", () => {
    const elf = path.join(work, "shapes.elf");
    writeFileSync(elf, result.elf);
    const out = spawnSync(READELF, ["-W", "--debug-dump=frames", elf], { encoding: "utf8" }).stdout;
    const fib = result.image.symbols.find((s) => s.name === "shapes.fib")!;
    const fde = out.split("\n\n").find((text) => text.includes(`pc=${fib.address.toString(16).padStart(8, "0")}`))!;
    // Entry: CFA = SP; after the PUSH of r4, r5, LR: 12, and it stays 12 for the body and its
    // slow paths after the first epilogue (no row goes back to the entry's 0).
    const offsets = [...fde.matchAll(/DW_CFA_def_cfa_offset: (\d+)/g)].map((m) => Number(m[1]));
    expect(offsets).toEqual([12]);
    expect(fde).toMatch(new RegExp(`DW_CFA_advance_loc: 8 to 0*${(fib.address + 8).toString(16)}`));
  });
});
