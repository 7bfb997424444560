// mote-boot's promise (issue 10): a power cut at any instruction during a swap leaves a device
// whose next boot ends in a valid image — the old one or the new one, never none. Each case
// composes a flash file, cuts a boot of mote-boot at a seeded random instruction count
// (powerCutAtInstruction: the flash is saved as the cut left it, an erase or a program half
// done), then boots from that flash twice more (a test image gets its one run, then the
// revert); every boot must start an app. Some recoveries are themselves cut once more.
//
// Two swaps are cut: the update (v1 in the primary, v2 in test state in the secondary) and
// the revert (v2 ran unconfirmed, v1 waits in the secondary). The cuts fall where the swap is
// (after the first image check, before the last): the window is measured on each board.
//
//   MOTE_BOOT_CUTS=n        cuts per board and swap (default 8 on mps2-an385, 2 on the pico)
//   MOTE_BOOT_CUT_SEED=n    the seed (default 1); failures name the seed and the count
//   MOTE_BOOT_CUT_STEP=n    instead, a sweep: a cut every n instructions across the window

import { copyFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { mulberry32 } from "../unit/mulberry32.ts";
import { bootOnce, flashFileWith, signedApp } from "./boot-images.ts";

const BOARDS = ["mps2-an385", "pico", "microbit"].filter((id) => findBoard(id).simulator.kind !== "qemu" || qemuAvailable());
const DEFAULT_CUTS: Record<string, number> = { "mps2-an385": 8, pico: 2, microbit: 1 };
const SEED = Number(process.env.MOTE_BOOT_CUT_SEED ?? 1);
const STEP = process.env.MOTE_BOOT_CUT_STEP === undefined ? undefined : Number(process.env.MOTE_BOOT_CUT_STEP);
const APP_LINE = /app (1\.0\.0|2\.0\.0)\n$/;

/** Seeded numbers in [0, 1). */
function random(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/** Instructions of one uncut boot from `file` (which it changes). */
async function instructionsOf(board: Board, file: string): Promise<number> {
  const { run, stdout } = await bootOnce(board, file, { countInstructions: true });
  expect(run.reason, `${stdout}${run.simulatorLog}`).toBe("exit");
  return run.instructions!;
}

/** A copy of `file` for one case. */
function copyOf(file: string, name: string): string {
  const copy = path.join(path.dirname(file), `${name}.bin`);
  copyFileSync(file, copy);
  return copy;
}

describe("mote-boot power cuts", () => {
  for (const id of BOARDS) {
    const board = findBoard(id);
    it(`ends every boot after a cut during a swap in a valid image on ${id}`, { timeout: 1_800_000 }, async () => {
      const v1 = signedApp(id, "boot-app.ts", "1.0.0");
      const v2 = signedApp(id, "boot-app.ts", "2.0.0");
      // The update: v1 running, v2 asked for in test state.
      const update = flashFileWith(board, { image: v1, confirmed: true }, { image: v2, request: "test" });
      // The revert: the same after the update's boot, v2 unconfirmed.
      const revert = copyOf(update, "revert");
      await instructionsOf(board, revert);
      // A boot with nothing to swap: one image check, and the app.
      const oneCheck = await instructionsOf(board, flashFileWith(board, { image: v1, confirmed: true }));
      const cases = [
        { name: "update", file: update, total: await instructionsOf(board, copyOf(update, "measure")) },
        { name: "revert", file: revert, total: await instructionsOf(board, copyOf(revert, "measure")) },
      ];
      // The swap lies between the check of the incoming image and that of the primary after it.
      const next = random(SEED);
      let done = 0;
      let resumed = 0;
      for (const swap of cases) {
        // A swap boot checks two images of the size the plain boot checks one of, and swaps
        // between the two checks: from about the plain boot's count to that much before the end.
        const from = Math.floor(oneCheck * 0.98);
        const to = swap.total - oneCheck;
        const points = STEP !== undefined
          ? Array.from({ length: Math.floor((to - from) / STEP) + 1 }, (_, i) => from + i * STEP)
          : Array.from({ length: Number(process.env.MOTE_BOOT_CUTS ?? DEFAULT_CUTS[id]) }, () => from + Math.floor(next() * (to - from)));
        for (const [index, cutAt] of points.entries()) {
          const what = `${swap.name} cut at ${cutAt} (seed ${SEED})`;
          const file = copyOf(swap.file, `cut-${swap.name}-${index}`);
          const cut = await bootOnce(board, file, { powerCutAtInstruction: cutAt, countInstructions: true });
          expect(cut.run.reason, `${what}: ${cut.stdout}${cut.run.simulatorLog}`).toBe("stopped");
          // Every third recovery is cut once more, somewhere in its first few million instructions.
          if (index % 3 === 2) {
            const again = await bootOnce(board, file, { powerCutAtInstruction: Math.floor(next() * swap.total), countInstructions: true });
            expect(["stopped", "exit"], `${what}, cut again: ${again.stdout}${again.run.simulatorLog}`).toContain(again.run.reason);
          }
          for (let boot = 0; boot < 2; boot++) {
            const after = await bootOnce(board, file);
            if (boot === 0 && after.stdout.includes("mote-boot: resuming a")) resumed++;
            expect(after.run.reason, `${what}, boot ${boot + 1} after: ${after.stdout}${after.run.simulatorLog}`).toBe("exit");
            expect(after.stdout, `${what}, boot ${boot + 1} after`).toMatch(APP_LINE);
            expect(after.run.exitCode, `${what}, boot ${boot + 1} after: ${after.stdout}`).toBe(0);
          }
          done++;
        }
      }
      // The window is where swaps are: most cuts leave one to finish.
      expect(resumed).toBeGreaterThanOrEqual(Math.floor(done / 2));
      console.log(`${id}: ${done} power cuts during swaps (${resumed} left a swap the next boot finished), each followed by boots into a valid image (update ${cases[0].total} and revert ${cases[1].total} instructions uncut; a boot without a swap ${oneCheck})`);
    });
  }
});
