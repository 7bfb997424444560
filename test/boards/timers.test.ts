// The event loop sleeps: between timers the core waits in `wfi` for the next SysTick, so a
// program that waits 300 ms executes a few hundred instructions per millisecond tick at
// most, where a busy wait would execute millions (instruction counts are exact, so the
// bound cannot pass by luck of timing). A program without timers links none of it.

import { fileURLToPath } from "node:url";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { build } from "../../sdk/compiler/index.ts";
import { findBoard } from "../../boards/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const SLEEP_MS = 300;
const MAX_INSTRUCTIONS_PER_TICK = 300;

function buildFixture(file: string, boardId: string) {
  const board = findBoard(boardId);
  const result = build({ entry: file, board, outDir: mkdtempSync(path.join(tmpdir(), "mote-timers-")), forSimulator: true });
  if (!result.ok) throw new Error(result.diagnostics);
  return { board, result };
}

describe("the event loop", () => {
  const boards = qemuAvailable()
    ? ["mps2-an385", "microbit", "pico", "lm3s6965evb", "mps2-an386", "netduinoplus2", "stm32vldiscovery"]
    : ["pico"];
  if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; the event-loop sleep test runs on pico only");
  for (const boardId of boards) {
    it(`sleeps between timers on ${boardId}`, async () => {
      const { board, result } = buildFixture(path.join(here, "fixtures/sleep-300ms.ts"), boardId);
      let stdout = "";
      const run = await targetFor(board).run({
        board, image: bootImageOf(result.image, result.files!.elf), timeoutMs: 30_000, countInstructions: true,
        onConsole: (bytes) => { stdout += Buffer.from(bytes).toString(); },
      });
      expect(run.reason, run.simulatorLog).toBe("exit");
      expect(run.exitCode).toBe(0);
      expect(stdout).toBe("waiting\n300 ms later\n");
      expect(run.instructions).toBeGreaterThan(0);
      expect(run.instructions).toBeLessThan(SLEEP_MS * MAX_INSTRUCTIONS_PER_TICK);
    }, 60_000);
  }

  it("is not linked into a program without timers (no SysTick handler, no loop)", () => {
    const withTimers = buildFixture(path.join(here, "fixtures/sleep-300ms.ts"), "mps2-an385").result;
    const without = buildFixture(path.join(here, "../../examples/hello/app.ts"), "mps2-an385").result;
    const names = (r: typeof without) => r.image.symbols.map((s) => s.name);
    expect(names(withTimers)).toEqual(expect.arrayContaining(["__rt_systick"]));
    expect(names(withTimers).some((n) => n.includes("runEventLoop"))).toBe(true);
    expect(names(without)).not.toContain("__rt_systick");
    expect(names(without).some((n) => n.includes("runEventLoop") || n.includes("timers"))).toBe(false);
  });
});
