// The shape async functions are lowered to (sdk/compiler/lower/async.ts): a starter under the
// function's own symbol and a resume function whose block 0 dispatches on the frame's state;
// each await saves exactly what is live across it and, on the way back in, restores it and
// re-enters the try blocks around it. (What programs print is checked by the conformance
// programs; this pins the mechanism they rely on.)

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import type { Block, Inst, IrFunction, IrProgram } from "../../sdk/compiler/ir/ir.ts";
import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import { FRAME_SLOTS, FRAME_STATE, tagInt } from "../../sdk/compiler/values.ts";

const PROGRAM = `
async function measure(offset: number): Promise<number> {
  const base = offset * 2;
  let tries = 0;
  try {
    tries = 1;
    await null;
  } catch (e) {
    return -1;
  }
  const twice = base + (await Promise.resolve(tries));
  return twice;
}
measure(3).then((v) => console.log(v));
`;

let dir: string;
let program: IrProgram;
let image: LinkedImage;
let timersOnlyImage: LinkedImage;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mote-async-"));
  const entry = path.join(dir, "measure.ts");
  writeFileSync(entry, PROGRAM);
  const result = build({ entry, board: findBoard("mps2-an385"), forSimulator: true });
  if (!result.ok) throw new Error(result.diagnostics);
  program = result.program;
  image = result.image;
  const timersOnly = path.join(dir, "timers-only.ts");
  writeFileSync(timersOnly, `setTimeout(() => console.log("later"), 10);\n`);
  const plain = build({ entry: timersOnly, board: findBoard("mps2-an385"), forSimulator: true });
  if (!plain.ok) throw new Error(plain.diagnostics);
  timersOnlyImage = plain.image;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fn = (symbol: string): IrFunction => {
  const found = program.functions.find((f) => f.symbol === symbol);
  if (!found) throw new Error(`no function ${symbol} in ${program.functions.map((f) => f.symbol).join(", ")}`);
  return found;
};
const insts = (f: IrFunction): Inst[] => f.blocks.flatMap((b) => b.insts);
const named = (f: IrFunction, name: string): number => f.vregs.findIndex((v) => v.name === name);

describe("async functions as state machines", () => {
  it("the starter keeps the calling convention and returns the frame's promise", () => {
    const starter = fn("measure.measure");
    expect(starter.params).toHaveLength(1);
    const calls = insts(starter).filter((i) => i.op === "call").map((i) => (i as { callee: string }).callee);
    expect(calls).toEqual(["promise.asyncFrame", "measure.measure<resume>"]);
    expect(insts(starter).some((i) => i.op === "store" && i.offset === FRAME_SLOTS && i.src === starter.params[0])).toBe(true);
  });

  it("the resume function takes (frame, outcome, rejected) and dispatches on the state in block 0", () => {
    const resume = fn("measure.measure<resume>");
    expect(resume.params).toHaveLength(3);
    const first = resume.blocks[0]!.insts[0]!;
    expect(first).toMatchObject({ op: "load", base: resume.params[0], offset: FRAME_STATE });
  });

  it("each await saves what is live across it, and only that", () => {
    const resume = fn("measure.measure<resume>");
    const constants = new Map(insts(resume).flatMap((i) => (i.op === "const" ? [[i.dst, i.word] as const] : [])));
    const suspending = (state: number): Block => {
      const found = resume.blocks.filter((b) => b.insts.some((i) => i.op === "store" && i.offset === FRAME_STATE && constants.get(i.src) === tagInt(state)));
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    const saved = (b: Block): number[] => b.insts.flatMap((i) => (i.op === "store" && i.offset >= FRAME_SLOTS ? [i.src] : []));
    const [base, tries, offset] = ["base", "tries", "offset"].map((n) => named(resume, n));
    // The first await keeps `base` and `tries` (the catch block does not need them, the code
    // after it does); the second keeps the value of `base` already read for the addition, and
    // not `tries`, read before it suspends. `offset` is dead after the first line.
    expect(new Set(saved(suspending(1)))).toEqual(new Set([base, tries]));
    expect(saved(suspending(2))).toHaveLength(1);
    expect(saved(suspending(2))).not.toContain(tries);
    expect([...saved(suspending(1)), ...saved(suspending(2))]).not.toContain(offset);
  });

  it("resuming inside a try block enters it again, with the same handler", () => {
    const resume = fn("measure.measure<resume>");
    const tries = resume.blocks.filter((b) => b.term.op === "try").map((b) => b.term as Extract<Block["term"], { op: "try" }>);
    // The body's own try (record 0), the program's try (record 1), and on the way back in
    // after the first await: both again, outermost first.
    const byRecord = (record: number) => tries.filter((t) => t.record === record);
    expect(byRecord(1).length).toBe(2);
    expect(new Set(byRecord(1).map((t) => t.handler)).size).toBe(1);
    expect(new Set(byRecord(0).map((t) => t.handler)).size).toBe(1);
  });

  it("promises cost nothing in a program that makes none", () => {
    const names = (i: LinkedImage) => i.symbols.map((sym) => sym.name);
    expect(names(image).some((n) => n.startsWith("promise."))).toBe(true);
    expect(names(timersOnlyImage).some((n) => n.startsWith("promise."))).toBe(false);
  });
});
