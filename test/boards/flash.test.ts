// The flash layer (issue 10: under mote-boot's image slots and the key/value storage): erase,
// program and read on every board with a flash driver, NOR flash's rules, contents that
// survive a restart through RunOptions.flashFile, and power cuts (powerCutAtInstruction) in
// the middle of an erase or a program leaving the sector partly written, as real flash may.
// pico: the driver's SRAM routine talking SPI to the harness's W25Q16JV model behind the SSI;
// mps2-an385: QEMU's code memory with NOR rules kept by the driver; microbit: QEMU's nRF51
// NVMC, a page erase and word writes.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { boards, findBoard } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor, type BootImage } from "../../sdk/sim/index.ts";
import { boot, buildFor } from "./boot.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => path.join(here, "fixtures", name);
const withFlash = boards.filter((b) => b.drivers.flash && (b.simulator.kind !== "qemu" || qemuAvailable()));
const SECTOR = 4096;
const PAGE = 256;

describe("flash", () => {
  for (const board of withFlash) {
    it(`erases, programs across a page boundary, reads back, and keeps NOR rules on ${board.id}`, async () => {
      const { run, stdout } = await boot(fixture("flash-basics.ts"), board.id, {});
      expect(run.reason, run.simulatorLog).toBe("exit");
      const lines = stdout.split("\n");
      expect(lines.slice(0, 5)).toEqual([
        `sector 4096 page 256 free true size ${board.chip.flash.length}`,
        "programmed true before 255 after 255",
        "and 48",   // 0x3C then 0xF0: only bits cleared
        "0 to 1 48", // 0xFF over it: no bit goes back to 1
        "erased 255 255 255",
      ]);
      // Erasing the image, a sector not on its boundary, or past the end: clear errors.
      expect(lines[5]).toMatch(/^flash\.erase\(0\): inside the image \(offsets 0 to \d+\); the free area is \d+ to \d+$/);
      expect(lines[6]).toMatch(/^flash\.erase\(\d+\): not at a sector boundary \(a multiple of 4096\)$/);
      expect(lines[7]).toBe(`flash.erase(${board.chip.flash.length}): 4096 bytes there are outside the flash (0 to ${board.chip.flash.length})`);
    });

    it(`keeps its contents across restarts (flashFile) on ${board.id}`, async () => {
      const flashFile = path.join(mkdtempSync(path.join(tmpdir(), "mote-flash-")), "flash.bin");
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { run, stdout } = await boot(fixture("flash-boot-count.ts"), board.id, { flashFile });
        expect(run.reason, run.simulatorLog).toBe("exit");
        seen.push(stdout);
      }
      expect(seen).toEqual(["boot 0\n", "boot 1\n", "boot 2\n"]);
      expect(readFileSync(flashFile).length).toBe(board.chip.flash.length);
    });

    it(`saves the flash of a run stopped from outside on ${board.id}`, async () => {
      const flashFile = path.join(mkdtempSync(path.join(tmpdir(), "mote-flash-")), "flash.bin");
      const seen: string[] = [];
      for (let i = 0; i < 2; i++) {
        const stop = new AbortController();
        const { run, stdout } = await boot(fixture("flash-boot-count-stays.ts"), board.id, {
          flashFile, signal: stop.signal, onConsole: (bytes) => { if (Buffer.from(bytes).includes("\n")) stop.abort(); },
        });
        expect(run.reason, run.simulatorLog).toBe("stopped");
        seen.push(stdout);
      }
      expect(seen).toEqual(["boot 0\n", "boot 1\n"]);
    });

    it(`leaves a sector partly erased, and a page partly programmed, after a power cut on ${board.id}`, { timeout: 180_000 }, async () => {
      const cutter = await PowerCuts.prepare(board);
      // The whole run: the sector ends as 0x55s.
      expect(cutter.phaseOf(await cutter.cutAt(cutter.total))).toBe(Phase.Programmed);
      const erasing = await cutter.find(Phase.Erasing);
      const sector = erasing.bytes;
      const erased = sector.indexOf(0x00);
      // Erased from the start up to a point, the rest still as it was: neither old nor new.
      expect(erased).toBeGreaterThan(0);
      expect(sector.subarray(0, erased).every((b) => b === 0xff)).toBe(true);
      expect(sector.subarray(erased).every((b) => b === 0x00)).toBe(true);

      const programming = await cutter.find(Phase.Programming, (bytes) => bytes.indexOf(0xff) % PAGE !== 0);
      const written = programming.bytes.indexOf(0xff);
      expect(written % PAGE).not.toBe(0); // inside a page
      expect(programming.bytes.subarray(0, written).every((b) => b === 0x55)).toBe(true);
      expect(programming.bytes.subarray(written).every((b) => b === 0xff)).toBe(true);
    });
  }

  it("is a compile error naming the board where it has no flash driver (lm3s6965evb)", () => {
    const result = build({ entry: fixture("flash-cut.ts"), board: findBoard("lm3s6965evb"), forSimulator: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics).toMatch(/flash-cut\.ts:\d+:\d+ - error TS2339: Property 'sectorSize' does not exist on type 'Lm3s6965evbHasNoFlash'/);
  });
});

/** Where flash-cut.ts is, by what its sector holds (0x00 before it runs). */
enum Phase { Before, Erasing, Erased, Programming, Programmed }

/** Runs flash-cut.ts from a flash whose first free sector holds 0x00s, cut at chosen counts. */
class PowerCuts {
  private constructor(readonly board: Board, readonly image: BootImage, readonly initial: Buffer, readonly sectorAt: number, readonly total: number, readonly dir: string) {}

  static async prepare(board: Board): Promise<PowerCuts> {
    const built = buildFor(fixture("flash-cut.ts"), board.id);
    if (!built.ok) throw new Error(built.diagnostics);
    const image = bootImageOf(built.image, built.files!.elf);
    const imageEnd = image.flashOrigin - board.chip.flash.origin + image.flashBytes.length;
    const sectorAt = Math.ceil(imageEnd / SECTOR) * SECTOR;
    const initial = Buffer.alloc(board.chip.flash.length, 0xff);
    initial.fill(0x00, sectorAt, sectorAt + SECTOR);
    const dir = mkdtempSync(path.join(tmpdir(), "mote-flash-cut-"));
    const reference = new PowerCuts(board, image, initial, sectorAt, 0, dir);
    const run = await reference.run(undefined);
    if (run.reason !== "exit" || run.instructions === undefined) throw new Error(`${board.id}: ${run.reason} ${run.simulatorLog}`);
    return new PowerCuts(board, image, initial, sectorAt, run.instructions, dir);
  }

  private file(): string {
    const file = path.join(this.dir, "flash.bin");
    writeFileSync(file, this.initial);
    return file;
  }

  private async run(cut: number | undefined) {
    const flashFile = this.file();
    const run = await targetFor(this.board).run({
      board: this.board, image: this.image, flashFile, powerCutAtInstruction: cut, countInstructions: true, timeoutMs: 60_000,
    });
    return { ...run, sector: readFileSync(flashFile).subarray(this.sectorAt, this.sectorAt + SECTOR) };
  }

  /** The sector after a power cut before instruction `count` + 1. */
  async cutAt(count: number): Promise<Uint8Array> {
    const run = await this.run(count);
    if (count < this.total) expect(run.reason, run.simulatorLog).toBe("stopped");
    return run.sector;
  }

  phaseOf(bytes: Uint8Array): Phase {
    const all = (value: number) => bytes.every((b) => b === value);
    if (all(0x00)) return Phase.Before;
    if (all(0xff)) return Phase.Erased;
    if (all(0x55)) return Phase.Programmed;
    return bytes[0] === 0xff ? Phase.Erasing : Phase.Programming;
  }

  /** A cut that leaves the sector in `phase` (and `accept`s it), by bisection over the run. */
  async find(phase: Phase, accept: (bytes: Uint8Array) => boolean = () => true): Promise<{ at: number; bytes: Uint8Array }> {
    let low = 0;
    let high = this.total;
    for (let probe = 0; probe < 40 && high - low > 1; probe++) {
      const at = Math.floor((low + high) / 2);
      const bytes = await this.cutAt(at);
      const found = this.phaseOf(bytes);
      if (found === phase) {
        // Near here, one that `accept` takes (a cut between two pages is no partial page).
        for (let step = 0; step < 40; step++) {
          const near = await this.cutAt(at + step * 997);
          if (this.phaseOf(near) === phase && accept(near)) return { at: at + step * 997, bytes: near };
        }
        break;
      }
      if (found < phase) low = at;
      else high = at;
    }
    throw new Error(`${this.board.id}: no power cut left flash-cut.ts's sector in phase ${Phase[phase]}`);
  }
}
