// The value-call convention (sdk/compiler/ir/ir.ts): calls through function values and method
// tables pass three arguments in registers and, once some function reached that way takes
// more (or a rest parameter), the argument count and the others on the stack. A program
// without such a function pays nothing for it. (What programs print is checked by the
// conformance programs calls-*.ts; this pins the mechanism and its cost model.)

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { type IrFunction, type IrProgram, newBlock, newVReg } from "../../sdk/compiler/ir/ir.ts";
import { cleanupFunction } from "../../sdk/compiler/passes/cleanup.ts";
import { UNDEFINED, tagInt } from "../../sdk/compiler/values.ts";

const NARROW = `
class Counter {
  total = 0;
  add(a: number, b: number, c: number): number { return (this.total += a + b + c); }
}
const c = new Counter();
const twice = (x: number, y: number) => c.add(x, y, x);
console.log(twice(1, 2), [1, 2].map((v, i) => v + i).join(","));
`;

const WIDE = `
class Mixer {
  mix(a: number, b: number, c: number, d: number, e: number, f: number): number { return a + f; }
}
const sum = (...xs: number[]) => xs.length;
console.log(new Mixer().mix(1, 2, 3, 4, 5, 6), sum(1, 2));
`;

let dir: string;
const programs = new Map<string, IrProgram>();
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mote-value-calls-"));
  for (const [name, source] of Object.entries({ narrow: NARROW, wide: WIDE })) {
    const entry = path.join(dir, `${name}.ts`);
    writeFileSync(entry, source);
    const result = build({ entry, board: findBoard("mps2-an385"), forSimulator: true });
    if (!result.ok) throw new Error(result.diagnostics);
    programs.set(name, result.program);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fn = (program: IrProgram, suffix: string): IrFunction => {
  const found = program.functions.find((f) => f.symbol.endsWith(suffix));
  if (!found) throw new Error(`no function ${suffix} in ${program.functions.map((f) => f.symbol).join(" ")}`);
  return found;
};

describe("the value-call convention", () => {
  it("costs nothing in a program whose function values and methods take at most three parameters", () => {
    const program = programs.get("narrow")!;
    expect(program.countsArguments ?? false).toBe(false);
    expect(program.functions.filter((f) => f.argumentCount !== undefined).map((f) => f.symbol)).toEqual([]);
    // `this` and the three parameters, nothing on the stack.
    expect(fn(program, "Counter.add").params).toHaveLength(4);
  });

  it("passes the count once a method takes six parameters: its fifth parameter, then the stack arguments", () => {
    const program = programs.get("wide")!;
    expect(program.countsArguments).toBe(true);
    const mix = fn(program, "Mixer.mix");
    expect(mix.params).toHaveLength(1 + 3 + 1 + 3);
    expect(mix.argumentCount).toBe(mix.params[4]);
  });

  it("gives a function value with a rest parameter the count, and no fixed parameter after the registers", () => {
    const sum = fn(programs.get("wide")!, ".lambda0");
    expect(sum.params).toHaveLength(1 + 3 + 1);
    expect(sum.argumentCount).toBe(sum.params[4]);
  });
});

describe("cleanup after a parameter nobody reads", () => {
  it("drops its undefined when the call passed too few, then the test that chose it", () => {
    // count < 5 ? (p = undefined) : (p kept); return undefined   →   return undefined
    const f: IrFunction = { symbol: "f", displayName: "f", module: "m", params: [], blocks: [], vregs: [], pos: { file: "m.ts", line: 1, column: 1 }, returnsSmallInt: false };
    const count = newVReg(f, { smallInt: true }), p = newVReg(f, { name: "p" });
    f.params.push(count, p);
    const entry = newBlock(f), missing = newBlock(f), join = newBlock(f);
    const five = newVReg(f), undef = newVReg(f);
    entry.insts.push({ op: "const", dst: five, word: tagInt(5) });
    entry.term = { op: "branch", kind: "cmp", cmp: "lt", numeric: true, a: count, b: five, then: missing, else: join };
    missing.insts.push({ op: "const", dst: undef, word: UNDEFINED }, { op: "move", dst: p, src: undef });
    missing.term = { op: "jump", target: join };
    join.term = { op: "return", value: undefined };
    cleanupFunction(f);
    // The entry jumps straight to the return (which the back end lays out next: no code).
    expect(f.blocks.flatMap((b) => b.insts)).toEqual([]);
    expect(f.blocks.map((b) => b.term.op)).toEqual(["jump", "return"]);
  });
});
