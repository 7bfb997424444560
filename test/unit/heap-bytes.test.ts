// Heap bytes per object on a real image (issue 12, "RAM is not wasted"): bench/programs/
// heap-bytes.ts allocates a batch of each kind of object and prints device.heapUsed's growth per
// object, block headers and the collector's 8-byte granules included. A block that gets bigger
// fails here; a smaller one means lowering the figure below.

import { describe, expect, it } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBoard } from "../../boards/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { buildFor } from "../boards/boot.ts";

const program = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bench/programs/heap-bytes.ts");

/** Bytes per object at most: issue 12's targets where it sets one (an array of n values
 *  ≤ 16 + 4n, an instance of k fields ≤ 8 + 4k), else today's figure. */
const LIMITS: Record<string, number> = {
  "array-4-ints": 32,
  "array-empty": 32,
  "array-10-ints": 56,
  "instance-2-fields": 16,
  "closure-1-capture": 32,
  "string-3-chars": 16,
  "boxed-number": 16,
  "object-2-keys": 64,
  "array-map-4": 80,
  "map-entry": 17,
  "set-entry": 8.5,
  "boolean-array-500": 16 + 4 * 500,
};

describe("heap bytes per object", () => {
  // The Cortex-M3 port on QEMU where it is installed, else the Pico's (rp2040js).
  const board = findBoard(qemuAvailable() ? "mps2-an385" : "pico");
  it(`stay within their limits on ${board.id}`, async () => {
    const built = buildFor(program, board.id);
    if (!built.ok) throw new Error(built.diagnostics);
    let stdout = "";
    const run = await targetFor(board).run({
      board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 60_000,
      onConsole: (bytes) => { stdout += Buffer.from(bytes).toString(); },
    });
    expect(run.exitCode, stdout).toBe(0);
    const measured = new Map(stdout.trim().split("\n").map((line) => [line.split(" ")[0], Number(line.split(" ")[1])]));
    for (const [name, limit] of Object.entries(LIMITS)) {
      expect(measured.get(name), name).toBeLessThanOrEqual(limit);
    }
    expect(stdout).toContain("peak true");
  }, 90_000);
});
