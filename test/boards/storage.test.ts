// The key/value storage (issue 10, item 5) on the boards with a settings area: its API,
// values that survive restarts (RunOptions.flashFile), one key overwritten until the ring of
// sectors has been compacted several times, bad input and a full store. Power cuts:
// storage-cuts.test.ts. Flash files start from a settings area the host wrote with the
// format's own functions (storage-area.ts) where a test needs a full ring, so that compaction
// starts at once instead of after simulated seconds of erases.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { buildFor } from "./boot.ts";
import { capacityOf, fullRing, sectorCount, sectorsOf, stringRecord } from "./storage-area.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => path.join(here, "fixtures", name);
const boards = ["pico", "mps2-an385", "microbit"].map(findBoard).filter((b) => b.simulator.kind !== "qemu" || qemuAvailable());

/** Builds `name` for `board` once; runs it with a flash file as often as asked. */
function device(name: string, board: Board) {
  const built = buildFor(fixture(name), board.id);
  if (!built.ok) throw new Error(built.diagnostics);
  const image = bootImageOf(built.image, built.files!.elf);
  return async (flashFile: string): Promise<string> => {
    const chunks: Buffer[] = [];
    const run = await targetFor(board).run({ board, image, flashFile, timeoutMs: 60_000, onConsole: (bytes) => chunks.push(Buffer.from(bytes)) });
    expect(run.reason, run.simulatorLog).toBe("exit");
    expect(run.exitCode).toBe(0);
    return Buffer.concat(chunks).toString();
  };
}

function flashFile(contents?: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-storage-")), "flash.bin");
  if (contents) writeFileSync(file, contents);
  return file;
}

/** The highest sector sequence in the flash file: how many sectors have been opened. */
function sectorsOpened(file: string, board: Board): number {
  return Math.max(...sectorsOf(readFileSync(file), board).map((s) => s.sequence));
}

describe("storage", () => {
  for (const board of boards) {
    it(`sets, gets, deletes and lists keys on ${board.id}`, async () => {
      const stdout = await device("storage-basics.ts", board)(flashFile());
      expect(stdout.split("\n")).toEqual([
        "missing undefined",
        `name "mote"`,
        "calibration bytes[1,2,254,255]",
        `empty ""`,
        `unicode "värde ✓ 🚀"`,
        `overwritten "mote 2"`,
        "deleted true false",
        "after delete undefined false true",
        "keys empty|name|ünïcode-κλειδί",
        expect.stringMatching(new RegExp(`^used \\d+ of ${capacityOf(board)}$`)),
        "",
      ]);
    });

    it(`keeps values across restarts on ${board.id}`, async () => {
      const run = device("storage-boot-count.ts", board);
      const file = flashFile();
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) seen.push(await run(file));
      expect(seen).toEqual([
        "boot 0 bytes undefined keys \n",
        "boot 1 bytes 0,127,128,255 keys boots,bytes\n",
        "boot 2 bytes undefined keys boots\n",
      ]);
    });

    it(`compacts the ring again and again while one key is overwritten on ${board.id}`, async () => {
      // A full ring, `keep` in its oldest sector: every sector the device fills compacts one.
      // pico's erases are slow to simulate (45 ms of polling each): fewer rounds there.
      const rounds = board.id === "pico" ? 24 : 150;
      const filler = "f".repeat(200);
      const start = fullRing(board, (i) => i === 0 ? stringRecord("keep", "kept") : i === 1 ? stringRecord("rounds", String(rounds)) : stringRecord("fill", filler));
      const file = flashFile(start);
      const run = device("storage-overwrite.ts", board);
      const first = await run(file);
      expect(first).toBe(`counter ${rounds} length ${String(rounds).length + 901} keep kept\n`);
      // Four 900-byte records fill a sector; each sector opened compacts the oldest.
      const opened = sectorsOpened(file, board) - (sectorCount(board) - 1);
      expect(opened).toBeGreaterThanOrEqual(Math.floor(rounds / 4));
      // Read back after the restart, and written on from there.
      expect(await run(file)).toBe(`counter ${2 * rounds} length ${String(2 * rounds).length + 901} keep kept\n`);
    });

    it(`refuses bad keys and values with the right errors, and says when it is full, on ${board.id}`, async () => {
      // Live 1000-byte values already stored to three records short of the capacity (38 in
      // 16 sectors): a few more fit, then the store is full.
      const value = "v".repeat(1000);
      const stored = Math.floor(capacityOf(board) / stringRecord("stored0", value).length) - 3;
      const start = fullRing(board, (i) => stringRecord(i < stored ? `stored${i}` : "fill", value));
      const stdout = await device("storage-bad-input.ts", board)(flashFile(start));
      expect(stdout.split("\n")).toEqual([
        "empty key: RangeError: storage.set: the key is empty; keys are 1 to 64 bytes of UTF-8",
        "64-byte key: ok",
        `65-byte key: RangeError: storage.set: the key "${"k".repeat(65)}" is 65 bytes of UTF-8; keys are 1 to 64 bytes`,
        `66 bytes of é: RangeError: storage.set: the key "${"é".repeat(33)}" is 66 bytes of UTF-8; keys are 1 to 64 bytes`,
        "NUL in key: RangeError: storage.set: the key holds U+0000, which keys may not",
        "lone surrogate: RangeError: storage.get: the key holds a lone surrogate (code unit 55296), which UTF-8 cannot keep",
        "1024-byte value: ok",
        `1025-byte value: RangeError: storage.set("big"): the value is 1025 bytes; values are at most 1024 bytes`,
        `1025 bytes: RangeError: storage.set("big"): the value is 1025 bytes; values are at most 1024 bytes`,
        // A value of the wrong type reaches storage only through a cast, which the compiler
        // checks where the value is passed (lower/checked-casts.ts).
        "number value: TypeError: 42 as unknown as string: the value is a number, not a string (mote checks a cast where its value is stored or passed)",
        "null value: TypeError: null as unknown as string: the value is null, not a string (mote checks a cast where its value is stored or passed)",
        "array value: TypeError: [1, 2] as unknown as string: the value is an array, not a string (mote checks a cast where its value is stored or passed)",
        "number key: TypeError: 7 as unknown as string: the value is a number, not a string (mote checks a cast where its value is stored or passed)",
        "undefined key: TypeError: undefined as unknown as string: the value is undefined, not a string (mote checks a cast where its value is stored or passed)",
        "big 1024 n undefined",
        expect.stringMatching(new RegExp(`^added [1-9]\\d*: storage\\.set\\("extra\\d+"\\): the storage is full \\(\\d+ of ${capacityOf(board)} bytes in use, this needs 1015\\); delete keys first$`)),
        "delete true",
        "set after delete: ok",
        expect.stringMatching(new RegExp(`^used \\d+ of ${capacityOf(board)}$`)),
        "",
      ]);
    });
  }

  it("is a compile error naming the board where there is no settings area (lm3s6965evb)", () => {
    const result = build({ entry: fixture("storage-basics.ts"), board: findBoard("lm3s6965evb"), forSimulator: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics).toMatch(/storage-basics\.ts:\d+:\d+ - error TS2339: Property 'get' does not exist on type 'Lm3s6965evbHasNoStorage'/);
  });
});
