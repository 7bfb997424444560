// Crash reports survive a reset (issue 8, item 11): a device built to reset after a crash (as
// hardware builds are) keeps the report in RAM that start-up leaves alone, prints it again at
// the next boot marked kept=1, and says "crash" as its reset reason. The simulators keep RAM
// across the reset as the chips do (QEMU's SYSRESETREQ; the rp2040js harness's chip reset).

import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { boards } from "../../boards/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { formatCrashReport } from "../../sdk/cli/crash.ts";
import { runResettingDevice } from "./reset-run.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "fixtures/crash-then-boot.ts");

describe("a crash report kept across a reset", () => {
  for (const board of boards.filter((b) => b.simulator.kind !== "qemu" || qemuAvailable())) {
    it(`is printed again at the next boot, with reset reason "crash", on ${board.id}`, async () => {
      const { run, stdout, crashes, image } = await runResettingDevice(fixture, board);
      expect(run.reason, run.simulatorLog).toBe("exit");
      expect(run.exitCode).toBe(0);
      expect(stdout).toBe("boot power-on\nboot crash\n");
      const [live, kept] = crashes.filter((c) => c.kind === "throw");
      expect(kept.fields.kept).toBe("1");
      expect(kept.frames).toEqual(live.frames);
      const report = formatCrashReport(kept, image, { cwd: path.join(here, "../..") });
      expect(report).toContain("the device reset after this crash");
      expect(report).toMatch(/at checkSensor \(test\/boards\/fixtures\/crash-then-boot\.ts:6:\d+\)/);
    });
  }
});
