// The heap on a real board model: running out of memory is a crash report naming the
// allocation site, not a hang or a wrong answer. (That garbage is collected is shown by
// test/conformance/gc-churn-live-data.ts, which allocates far more than the micro:bit has.)

import { fileURLToPath } from "node:url";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runApp } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

describe("heap exhaustion", () => {
  const boardsToTry = qemuAvailable() ? ["microbit", "pico"] : ["pico"];
  if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; heap exhaustion runs on pico only");
  for (const board of boardsToTry) {
    it(`on ${board} ends with an out-of-memory crash report`, async () => {
      const run = await runApp(path.join(here, "fixtures/exhaust-heap.ts"), board, { timeoutMs: 120_000 });
      expect(run.reason, run.stderr).toBe("exit");
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("out of memory");
      // Whichever allocation finds the heap full: the concatenation (line 5) or the push that
      // grows the array's store (line 6).
      expect(run.stderr).toMatch(/exhaust-heap\.ts:[56]:/);
    }, 180_000);
  }
});
