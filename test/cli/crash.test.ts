// The console filter that takes crash lines out of the device's output (sdk/cli/crash.ts),
// and the parsing and formatting of a crash line without an image.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { callBefore, CrashLineFilter, crashFrames, formatCrashReport, parseCrashLine } from "../../sdk/cli/crash.ts";
import { build } from "../../sdk/compiler/index.ts";
import type { LinkedImage, LinkedSymbol } from "../../sdk/compiler/link/types.ts";
import { PANIC_MESSAGES } from "../../sdk/compiler/crash-messages.ts";
import * as Panic from "../../sdk/lib/rt/panic-codes.ts";

const CRASH = "!mote-crash kind=panic code=0x00000001 pc=0x100002b0 lr=0x100002b5 sp=0x20041fd8 frames=0x100002b5,0x1000020b";

/** Feeds `input` cut at `cuts` (offsets) and returns what came out. */
function filter(input: string, cuts: number[]): { output: string; crashes: string[]; heldBeforeEnd: string } {
  const out: Buffer[] = [];
  const crashes: string[] = [];
  const f = new CrashLineFilter({
    output: (bytes) => out.push(Buffer.from(bytes)),
    crash: (line) => crashes.push(line),
  });
  const bytes = Buffer.from(input, "latin1");
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    f.write(bytes.subarray(from, cut));
    from = cut;
  }
  const heldBeforeEnd = Buffer.concat(out).toString("latin1");
  f.end();
  return { output: Buffer.concat(out).toString("latin1"), crashes, heldBeforeEnd };
}

describe("CrashLineFilter", () => {
  const stream = `one\ntwo\n\n${CRASH}\n`;

  it("passes output through and takes the crash line out, with only the marker's own newline", () => {
    const { output, crashes } = filter(stream, []);
    expect(output).toBe("one\ntwo\n");
    expect(crashes).toEqual([CRASH]);
  });

  it("gives the same result wherever the chunks are cut (every single cut, every pair of cuts)", () => {
    for (let i = 0; i <= stream.length; i++) {
      expect(filter(stream, [i]), `cut at ${i}`).toMatchObject({ output: "one\ntwo\n", crashes: [CRASH] });
      for (let j = i; j <= stream.length; j += 3) {
        expect(filter(stream, [i, j]), `cuts at ${i}, ${j}`).toMatchObject({ output: "one\ntwo\n", crashes: [CRASH] });
      }
    }
  });

  it("handles a marker arriving one byte per chunk (QEMU's micro:bit UART)", () => {
    const cuts = Array.from({ length: stream.length }, (_, i) => i);
    expect(filter(stream, cuts)).toMatchObject({ output: "one\ntwo\n", crashes: [CRASH] });
  });

  it("holds back only what could start a marker", () => {
    // Before end(): "partial" is out; "\n!mote" could be a marker and waits.
    const { heldBeforeEnd, output, crashes } = filter("partial\n!mote", []);
    expect(heldBeforeEnd).toBe("partial");
    expect(output).toBe("partial\n!mote");
    expect(crashes).toEqual([]);
    expect(filter("a!mote-crash b\n", []).heldBeforeEnd).toBe("a!mote-crash b");
  });

  it("lets through text that starts like a marker but is not one", () => {
    const text = "x\n!mote-crasher\n\n!mote-cra\n!moth\n";
    for (let i = 0; i <= text.length; i++) {
      expect(filter(text, [i])).toMatchObject({ output: text, crashes: [] });
    }
  });

  it("keeps output after a crash line, and reports a crash line cut short at the end", () => {
    expect(filter(`a\n${CRASH}\nafter\n`, [5])).toMatchObject({ output: "aafter\n", crashes: [CRASH] });
    const cut = filter(`a\n${CRASH.slice(0, 40)}`, [3]);
    expect(cut.output).toBe("a");
    expect(cut.crashes).toEqual([CRASH.slice(0, 40)]);
  });

  it("keeps program output that follows a crash line", () => {
    expect(filter(`\n${CRASH}\nafter\n`, [7]).output).toBe("after\n");
  });

  it("release() lets a held newline go; a marker that follows is still recognised", () => {
    const out: string[] = [];
    const crashes: string[] = [];
    const f = new CrashLineFilter({ output: (b) => out.push(Buffer.from(b).toString("latin1")), crash: (l) => crashes.push(l) });
    f.write(Buffer.from("tick\n"));
    expect(out.join("")).toBe("tick");
    expect(f.holding).toBe(true);
    f.release();
    expect(out.join("")).toBe("tick\n");
    f.write(Buffer.from(`\n${CRASH}\n`));
    f.end();
    expect(out.join("")).toBe("tick\n");
    expect(crashes).toEqual([CRASH]);
  });
});

describe("parseCrashLine and formatCrashReport", () => {
  it("reads the fields and the frame words", () => {
    const crash = parseCrashLine(CRASH);
    expect(crash).toMatchObject({ kind: "panic", code: 1, pc: 0x100002b0, lr: 0x100002b5, sp: 0x20041fd8, frames: [0x100002b5, 0x1000020b] });
  });

  it("names the error and shows the registers (no image: the raw stack words)", () => {
    const report = formatCrashReport(parseCrashLine(CRASH), undefined);
    expect(report.split("\n")).toEqual([
      PANIC_MESSAGES[Panic.PANIC_INT_OVERFLOW],
      "mote: crash report (panic code 1) pc=0x100002b0 lr=0x100002b5 sp=0x20041fd8",
      "mote: stack words: 0x100002b5,0x1000020b",
    ]);
    const fault = formatCrashReport(parseCrashLine("!mote-crash kind=hardfault code=0x00000000 pc=0x1 lr=0x2 sp=0x3 frames="), undefined);
    expect(fault).toMatch(/^HardFault/);
    expect(fault).toContain("mote: crash report (hardfault, code 0) pc=0x1 lr=0x2 sp=0x3");
  });

  it("has one message for every panic code", () => {
    const codes = Object.values(Panic);
    const byValue = (a: number, b: number) => a - b;
    expect(Object.keys(PANIC_MESSAGES).map(Number).sort(byValue)).toEqual([...codes].sort(byValue));
    // Named like the error Node throws (RangeError, TypeError, ReferenceError, Error).
    for (const code of codes) expect(PANIC_MESSAGES[code]).toMatch(/^([A-Z][a-z]+)?Error: /);
  });
});

describe("crashFrames on a built image", () => {
  // g is called by f, f by the top level; a fault in g must read g ← f ← top level.
  const source = [
    "function g(x: number): number {",
    "  return x + 1;",
    "}",
    "function f(x: number): number {",
    "  return g(x) * 2;",
    "}",
    "console.log(f(3));",
    "",
  ].join("\n");

  function buildChain(): { image: LinkedImage; file: string } {
    const dir = mkdtempSync(path.join(tmpdir(), "mote-crash-test-"));
    try {
      const file = path.join(dir, "chain.ts");
      writeFileSync(file, source);
      const built = build({ entry: file, board: findBoard("mps2-an385"), forSimulator: true });
      if (!built.ok) throw new Error(built.diagnostics);
      return { image: built.image, file };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const symbol = (image: LinkedImage, displayName: string): LinkedSymbol => {
    const found = image.symbols.find((s) => s.kind === "func" && s.displayName === displayName);
    if (!found) throw new Error(`no function ${displayName}`);
    return found;
  };
  /** Return addresses (Thumb bit set) of the BLs inside `caller`, with their targets. */
  const callsIn = (image: LinkedImage, caller: LinkedSymbol) => {
    const calls: Array<{ returnAddress: number; target: number }> = [];
    for (let site = caller.address; site + 4 <= caller.address + caller.size; site += 2) {
      const call = callBefore(image, site + 4 + 1);
      if (call?.target !== undefined && call.site === site) calls.push({ returnAddress: site + 4 + 1, target: call.target });
    }
    return calls;
  };

  it("follows the call chain and skips stale return addresses and data words", () => {
    const { image } = buildChain();
    const g = symbol(image, "g");
    const f = symbol(image, "f");
    const init = image.symbols.find((s) => s.kind === "func" && s.name.endsWith("chain.<init>"));
    expect(init, image.symbols.map((s) => s.name).join(" ")).toBeDefined();
    const intoF = callsIn(image, f).find((c) => c.target === g.address);
    const intoInit = callsIn(image, init!).find((c) => c.target === f.address);
    const stale = callsIn(image, init!).find((c) => c.target !== f.address);
    expect(intoF && intoInit && stale).toBeTruthy();

    const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;
    const words = [g.address + 3, stale!.returnAddress, intoF!.returnAddress, stale!.returnAddress, intoInit!.returnAddress, 0x4001];
    const crash = parseCrashLine(`!mote-crash kind=hardfault code=0x0 pc=${hex(g.address + 2)} lr=${hex(0x4001)} sp=0x20000000 frames=${words.map(hex).join(",")}`);
    const frames = crashFrames(image, crash);
    expect(frames.map((fr) => [fr.function, fr.line])).toEqual([["g", expect.any(Number)], ["f", 5], [expect.stringContaining("chain"), 7]]);

    const report = formatCrashReport(crash, image).split("\n");
    expect(report[0]).toMatch(/^HardFault/);
    expect(report[1]).toMatch(/^ {4}at g \(.*chain\.ts:[12]:\d+\)$/);
    expect(report[2]).toMatch(/^ {4}at f \(.*chain\.ts:5:\d+\)$/);
    expect(report[3]).toMatch(/^ {4}at .*chain\.ts:7:\d+$/);
  });

  it("uses lr for a fault in a function that has not saved it yet", () => {
    const { image } = buildChain();
    const g = symbol(image, "g");
    const f = symbol(image, "f");
    const intoF = callsIn(image, f).find((c) => c.target === g.address)!;
    const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;
    const crash = parseCrashLine(`!mote-crash kind=hardfault code=0x0 pc=${hex(g.address)} lr=${hex(intoF.returnAddress)} sp=0x20000000 frames=`);
    expect(crashFrames(image, crash).map((fr) => fr.function)).toEqual(["g", "f"]);
  });
});
