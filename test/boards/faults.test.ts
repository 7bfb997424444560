// Faults and limits on the simulated boards: a HardFault is a crash report with TypeScript
// frames and exit status 1; an image larger than the board is refused with its size breakdown.

import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runApp } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { findBoard } from "../../boards/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

describe("a HardFault on QEMU boards", () => {
  if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; HardFault tests skipped");
  for (const board of ["mps2-an385", "microbit"]) {
    it.skipIf(!qemuAvailable())(`on ${board} prints a crash report naming the TypeScript frames`, async () => {
      const run = await runApp(path.join(here, "fixtures/bad-read.ts"), board, { timeoutMs: 60_000 });
      expect(run.reason, run.stderr).toBe("exit");
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toBe("before\n");
      expect(run.stderr).toContain("HardFault");
      expect(run.stderr).toMatch(/at readMissing \(.*bad-read\.ts:4:\d+\)/);
      expect(run.stderr).toMatch(/bad-read\.ts:7:\d+/);
    });
  }
  // Nothing but the fault can stop this one: the short report (pc and lr, no stack scan).
  it.skipIf(!qemuAvailable())("on mps2-an385 in a program that cannot panic, the short report names the function and its caller", async () => {
    const run = await runApp(path.join(here, "fixtures/bad-read-only.ts"), "mps2-an385", { timeoutMs: 60_000 });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toBe("before\n");
    expect(run.stderr).toContain("HardFault");
    expect(run.stderr).toMatch(/at readMissing \(.*bad-read-only\.ts:5:\d+\)/);
    expect(run.stderr).toMatch(/bad-read-only\.ts:8:\d+/);
  });
});

describe("an image larger than the board", () => {
  it("is refused with the size breakdown, and nothing is written", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mote-too-large-"));
    const app = path.join(dir, "big.ts");
    writeFileSync(app, `const big = "${"x".repeat(300_000)}";\nconsole.log(big.length);\n`);
    const out = path.join(dir, "out");
    const result = build({ entry: app, board: findBoard("microbit"), outDir: out, forSimulator: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toContain("MOTE3002");
    expect(result.diagnostics).toMatch(/flash: needs \d+ bytes, has 262144/);
    expect(result.diagnostics).toMatch(/rodata 30\d{4}/);
    expect(existsSync(out)).toBe(false);
  });
});
