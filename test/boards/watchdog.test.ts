// The watchdog (issue 8, item 10): once started, the event loop feeds the board's hardware
// watchdog; an app stuck in a callback is reset, with a report naming the function it was
// stuck in, kept for the next boot, whose device.resetReason is "watchdog". mps2-an385 uses
// the CMSDK watchdog's NMI, lm3s6965evb the same model's interrupt 18, pico the RP2040
// watchdog with a TIMER alarm as its warning; a board without a watchdog model rejects
// watchdog.start at compile time.
//
// QEMU boards run paced to the host's clock here: under the harness's usual `-icount
// sleep=off`, QEMU's virtual time runs ahead of the SysTick clock while the device sleeps
// (a 100 ms sleep by millis() was 200 ms to 1.5 s by the watchdog's count, measured on
// mps2-an385 and lm3s6965evb), so a watchdog fed on time by the device's clock would fire.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { boards, findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { formatCrashReport } from "../../sdk/cli/crash.ts";
import { runResettingDevice } from "./reset-run.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "fixtures/watchdog-stuck.ts");
const withWatchdog = boards.filter((b) => b.drivers.watchdog && (b.simulator.kind !== "qemu" || qemuAvailable()));

describe("the watchdog", () => {
  for (const board of withWatchdog) {
    it(`resets an app stuck in a callback and names where, on ${board.id}`, async () => {
      const { run, stdout, crashes, image } = await runResettingDevice(fixture, board, board.simulator.kind === "qemu");
      expect(run.reason, run.simulatorLog).toBe("exit");
      // Fed while the loop ran (a 500 ms timer outlives the 200 ms timeout), reset once stuck.
      expect(stdout).toBe("boot power-on\nstill fed\nboot watchdog\n");
      expect(crashes.map((c) => c.kind)).toEqual(["watchdog", "watchdog"]);
      expect(crashes[1].fields.kept).toBe("1");
      const report = formatCrashReport(crashes[0], image, { cwd: path.join(here, "../..") });
      expect(report).toContain("the watchdog reset the device");
      expect(report).toMatch(/at spin \(test\/boards\/fixtures\/watchdog-stuck\.ts:7:\d+\)/);
    });
  }

  it("is a compile error naming the board where the simulator models none (microbit)", () => {
    const result = build({ entry: fixture, board: findBoard("microbit"), forSimulator: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics).toMatch(/watchdog-stuck\.ts:12:\d+ - error TS2339: Property 'start' does not exist on type 'MicrobitHasNoWatchdog'/);
  });
});
