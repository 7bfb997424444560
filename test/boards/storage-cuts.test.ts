// Power cuts and the key/value storage (issue 10, item 5): storage-cut.ts boots again and
// again on one flash file, cut at seeded random instruction counts
// (RunOptions.powerCutAtInstruction) anywhere in a boot: its mount (which may be undoing an
// interrupted compaction), sets, deletes, erases, compactions. Each boot first checks every
// key: a key must hold its old or its new value, never anything else (the fixture prints BAD
// otherwise), `gen` never goes back, and the static keys are all there.
//
// An episode starts from a ring the host filled (storage-area.ts) whose oldest sector is full
// of the static keys, so that the first write compacts 3.5 KB of live records; then
// CUTS_PER_EPISODE boots cut one after the other (each checking what the one before left),
// and a whole boot that checks the last cut and shows the store still works. Where each cut
// fell is read from the flash it left: a compaction under way (a sector opened after the
// newest, the oldest not yet retired), or anywhere else.
//
// MOTE_STORAGE_CUTS=n sets the cuts per board (default: 24 on pico, 6 on mps2-an385 and
// microbit, whose QEMU takes seconds to start each boot); MOTE_STORAGE_SEED the seed. An exhaustive sweep:
// MOTE_STORAGE_CUTS=1000.

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { bootImageOf, qemuAvailable, targetFor, type BootImage } from "../../sdk/sim/index.ts";
import { mulberry32 } from "../unit/mulberry32.ts";
import { buildFor } from "./boot.ts";
import { compactionUnderway, fullRing, stringRecord } from "./storage-area.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const boards = ["pico", "mps2-an385", "microbit"].map(findBoard).filter((b) => b.simulator.kind !== "qemu" || qemuAvailable());
const DEFAULT_CUTS: Record<string, number> = { pico: 24, "mps2-an385": 6, microbit: 6 };
const CUTS_PER_EPISODE = 3;
const SEED = Number(process.env.MOTE_STORAGE_SEED ?? 0x5701);
/** Generations one boot writes (storage-cut.ts ROUNDS). */
const ROUNDS = 4;
/** Keys written once and kept (storage-cut.ts STATIC_KEYS). */
const STATIC_KEYS = 20;

interface Run { stdout: string; reason: string; instructions: number }

async function runOnce(board: Board, image: BootImage, flashFile: string, cut?: number): Promise<Run> {
  const chunks: Buffer[] = [];
  const run = await targetFor(board).run({
    board, image, flashFile, powerCutAtInstruction: cut, countInstructions: true, timeoutMs: 120_000,
    onConsole: (bytes) => chunks.push(Buffer.from(bytes)),
  });
  if (run.reason !== "exit" && run.reason !== "stopped") throw new Error(`${board.id}: ${run.reason} ${run.simulatorLog}`);
  return { stdout: Buffer.concat(chunks).toString(), reason: run.reason, instructions: run.instructions ?? 0 };
}

/** What storage-cut.ts sets its static keys to. */
const staticValue = (i: number) => `static ${i} ${"=".repeat(140 + i)}`;

/** Checks the state line a boot printed against the last one seen; returns its generation. */
function checkState(line: string, lastGen: number, runsSince: number, where: string): number {
  const match = /^gen (\d+) k0 (old|new) k1 (old|new) toggle (old|new) static (\d+)$/.exec(line);
  expect(match, `${where}: ${line}`).not.toBeNull();
  const gen = Number(match![1]);
  expect(gen, `${where}: gen went back`).toBeGreaterThanOrEqual(lastGen);
  expect(gen, where).toBeLessThanOrEqual(lastGen + ROUNDS * runsSince);
  // The static keys are set at the first boot, before any generation completes.
  if (gen > 0) expect(Number(match![5]), `${where}: ${line}`).toBe(STATIC_KEYS);
  return gen;
}

describe("storage power cuts", () => {
  for (const board of boards) {
    const cuts = Number(process.env.MOTE_STORAGE_CUTS ?? DEFAULT_CUTS[board.id]);
    it(`leaves every key old or new after ${cuts} power cuts on ${board.id}, and keeps working`, { timeout: 900_000 }, async () => {
      const built = buildFor(path.join(here, "fixtures", "storage-cut.ts"), board.id);
      if (!built.ok) throw new Error(built.diagnostics);
      const image = bootImageOf(built.image, built.files!.elf);
      const dir = mkdtempSync(path.join(tmpdir(), "mote-storage-cuts-"));
      const start = path.join(dir, "start.bin");
      const filler = "f".repeat(1000);
      writeFileSync(start, fullRing(board, (i) => i < STATIC_KEYS ? stringRecord(`static${i}`, staticValue(i)) : stringRecord("fill", filler)));

      // An uncut boot from the start: how long a boot is, and that it works.
      const flashFile = path.join(dir, "flash.bin");
      copyFileSync(start, flashFile);
      const whole = await runOnce(board, image, flashFile);
      expect(whole.stdout).toBe(`gen 0 k0 old k1 old toggle old static ${STATIC_KEYS}\ndone ${ROUNDS}\n`);

      const random = mulberry32(SEED + board.id.length);
      const landed = { compaction: 0, elsewhere: 0 };
      for (let done = 0; done < cuts;) {
        copyFileSync(start, flashFile);
        let lastGen = 0;
        let runsSince = 1;
        for (let i = 0; i < CUTS_PER_EPISODE && done < cuts; i++, done++) {
          const cut = random() % whole.instructions;
          const run = await runOnce(board, image, flashFile, cut);
          const where = `${board.id} cut ${done} at ${cut} (seed ${SEED})`;
          // (A cut past this run's end lets it finish.)
          expect(["stopped", "exit"], where).toContain(run.reason);
          if (run.stdout.includes("\n")) {
            lastGen = checkState(run.stdout.split("\n")[0], lastGen, runsSince, where);
            runsSince = 0;
          }
          runsSince++;
          if (compactionUnderway(readFileSync(flashFile), board)) landed.compaction++;
          else landed.elsewhere++;
        }
        // After the episode's last cut: a whole boot that checks, writes and ends.
        const last = await runOnce(board, image, flashFile);
        const [state, end] = last.stdout.split("\n");
        const gen = checkState(state, lastGen, runsSince, `${board.id} after cut ${done - 1}`);
        expect(end).toBe(`done ${gen + ROUNDS}`);
      }
      console.log(`${board.id}: ${cuts} cuts, ${landed.compaction} while a compaction was copying, ${landed.elsewhere} elsewhere (mount, sets, erases)`);
    });
  }
});
