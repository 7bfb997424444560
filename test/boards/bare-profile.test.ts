// The bare profile (build's `profile: "bare"`, sdk/compiler/passes/bare-profile.ts), which
// mote-boot is built with: start-up code may allocate, run-time code may not (MOTE2004 at the
// allocation, throw statements excepted); the image links no collector and no soft-float, and
// computes what JavaScript computes.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, targetFor } from "../../sdk/sim/index.ts";
import { fixture } from "./boot-images.ts";

const BOARD = "pico";

function buildBare(name: string) {
  return build({ entry: fixture(name), board: findBoard(BOARD), forSimulator: true, profile: "bare", outDir: mkdtempSync(path.join(tmpdir(), "mote-bare-")) });
}

describe("the bare profile", () => {
  it("runs start-up allocations only, links no collector and no soft-float, and computes what JavaScript computes", async () => {
    const built = buildBare("bare-app.ts");
    if (!built.ok) throw new Error(built.diagnostics);
    const names = new Set(built.image.symbols.map((s) => s.name));
    expect([...names].filter((n) => /collectFrom|__rt_f64|softfloat|numconv/i.test(n))).toEqual([]);
    expect(built.program.doubles).toBe(false);
    // The same program built as usual has the collector.
    const usual = build({ entry: fixture("bare-app.ts"), board: findBoard(BOARD), forSimulator: true });
    if (!usual.ok) throw new Error(usual.diagnostics);
    expect(usual.image.symbols.some((s) => /collectFrom/.test(s.name))).toBe(true);

    let stdout = "";
    const board = findBoard(BOARD);
    const run = await targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 60_000, onConsole: (bytes) => { stdout += Buffer.from(bytes).toString(); } });
    expect(run.exitCode).toBe(0);
    // What the fixture computes, computed here.
    const weights = [3, 5, 7, 11];
    const sums = weights.map((w) => {
      let sum = 0;
      for (let n = 1; n <= 1000; n++) sum = (sum + n * w) & 0xffff;
      return sum;
    });
    expect(stdout).toBe(`${sums.map((sum, i) => `sum ${i} ${sum}\n`).join("")}done\n`);
  });

  it("refuses an allocation at run time with its file, line and column, and allows a throw's", () => {
    const built = buildBare("bare-allocates.ts");
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const lines = built.diagnostics.split("\n");
    // The template in label (not the one in its throw), the array in the entry's code, and
    // the arrays of both fresh() methods, which make() calls through the method table;
    // printing a string allocates nothing.
    expect(lines).toEqual([
      expect.stringMatching(/bare-allocates\.ts:8:15 - error MOTE2004: this allocates at run time \(it calls the runtime's concat\)/),
      expect.stringMatching(/bare-allocates\.ts:11:17 - error MOTE2004: this allocates at run time \(it calls the runtime's typedArrayNew(OfInt)?\)/),
      expect.stringMatching(/bare-buffers\.ts:18:32 - error MOTE2004: /),
      expect.stringMatching(/bare-buffers\.ts:18:52 - error MOTE2004: /),
      expect.stringMatching(/bare-buffers\.ts:24:12 - error MOTE2004: /),
    ]);
  });
});
