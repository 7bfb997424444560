// Random-program differential testing (DESIGN.md, "The device language"): programs from
// generate.ts run on Node and on simulated boards, and every program's output must be the
// same, byte for byte. Programs run in batches (one image per batch, see batch.ts), spread
// over the boards; the micro:bit's 16 KB of RAM makes its batches exercise the collector.
//
//   MOTE_RANDOM_SEED            first seed (default 1)
//   MOTE_RANDOM_COUNT           int32 programs, seeds SEED … SEED+COUNT-1 (default 1000)
//   MOTE_RANDOM_INTEGRAL_COUNT  integral programs (integers past int32, -0, NaN, ±Infinity, no
//                               fractions) from the same seeds (default 250)
//   MOTE_RANDOM_FLOAT_COUNT     float64 programs (fractions, NaN, Math…) from the same seeds (default 250)
//   MOTE_RANDOM_BATCH           programs per image (default 50)
//
// A failure names the seed, shows the program and the first differing line, and says how to
// replay it: npx tsx test/random/replay.ts <seed> <board> [--integral | --float64].

import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { describeMismatch, makeBatch, modelCount, modelFlag, programAtLine, runBatch, runConfiguration, runOptions, type Batch, type BatchRun } from "./batch.ts";
import type { NumberModelName } from "./generate.ts";

const { baseSeed: BASE_SEED, batchSize: BATCH_SIZE } = runConfiguration;
const MODELS = ["int32", "float64", "integral"] as const satisfies readonly NumberModelName[];
/** Host time one batch may take on the simulator (a batch takes a few seconds). */
const DEVICE_TIMEOUT_MS = 120_000;

/**
 * Which board runs each batch, in turn. rp2040js (the Pico) runs in-process and is slower
 * than QEMU, so it gets fewer batches.
 */
const BOARD_CYCLE = ["mps2-an385", "microbit", "mps2-an385", "microbit", "pico"];

const batches: Array<{ seeds: number[]; board: string; numbers: NumberModelName }> = [];
for (const numbers of MODELS) {
  const count = modelCount(numbers);
  for (let first = 0; first < count; first += BATCH_SIZE) {
    const seeds = Array.from({ length: Math.min(BATCH_SIZE, count - first) }, (_, i) => (BASE_SEED + first + i) % 2 ** 32);
    batches.push({ seeds, numbers, board: BOARD_CYCLE[batches.length % BOARD_CYCLE.length]! });
  }
}

const hasQemu = qemuAvailable();
if (!hasQemu) {
  console.warn("NOTICE: qemu-system-arm is not installed; random programs run on the Pico (rp2040js) only " +
    "(install it with: sudo apt-get install qemu-system-arm)");
}

/** Everything that went wrong in a batch, as one message; undefined when nothing did. */
function failures(batch: Batch, run: BatchRun): string | undefined {
  if (run.generatorBug) {
    const program = batch.programs.find((p) => p.seed === run.generatorBug!.seed);
    const what = batch.numbers === "integral" ? "not an integral program" : "a result needs a double";
    return `generator bug: ${what} (${run.generatorBug.message}), seed ${run.generatorBug.seed}\n` +
      `(fix test/random/generate.ts, not the compiler)\n--- program ---\n${program?.source ?? "(not found)"}`;
  }
  if (run.node.exitCode !== 0) {
    return `Node failed on the batch (a generator bug): exit ${run.node.exitCode}\n${run.node.stderr}`;
  }
  if (run.device.reason === "build-failed") {
    // Diagnostics name lines of the batch file; show the programs they fall in.
    const seeds = new Set<number>();
    for (const match of run.device.stderr.matchAll(/\.ts:(\d+):\d+ - error/g)) {
      const program = programAtLine(batch, Number(match[1]));
      if (program) seeds.add(program.seed);
    }
    const programs = batch.programs.filter((p) => seeds.has(p.seed));
    return `the compiler rejected ${programs.length === 0 ? "the batch" : `seed${programs.length > 1 ? "s" : ""} ${[...seeds].join(", ")}`} ` +
      `for ${run.board}:\n${run.device.stderr}\n` +
      programs.map((p) => `--- program (seed ${p.seed}; npx tsx test/random/replay.ts ${p.seed} ${run.board}${modelFlag(batch.numbers)}) ---\n${p.source}`).join("\n");
  }
  const ended = run.device.reason === "exit" && run.device.exitCode === 0;
  if (run.mismatches.length === 0 && ended) return undefined;
  const first = run.mismatches[0];
  const others = run.mismatches.slice(1).filter((m) => m.actual !== undefined).map((m) => m.seed);
  return [
    first ? describeMismatch(first, run.board, batch.numbers) : `the device output matches, but the run ended with ${run.device.reason}, exit ${run.device.exitCode}`,
    others.length > 0 ? `other seeds that differ: ${others.join(", ")}` : "",
    ended ? "" : `--- the device stopped (${run.device.reason}, exit ${run.device.exitCode}) ---\n${run.device.stderr}`,
  ].filter(Boolean).join("\n");
}

describe(`random programs: seeds ${BASE_SEED}…, ${MODELS.map((m) => `${modelCount(m)} ${m}`).join(", ")} programs in ${batches.length} batches`, () => {
  it("runs batches on each kind of simulator", () => {
    const kinds = new Set(batches.map((b) => findBoard(b.board).simulator.kind));
    expect(batches.length < BOARD_CYCLE.length || (kinds.has("qemu") && kinds.has("rp2040js"))).toBe(true);
  });

  for (const { seeds, board, numbers } of batches) {
    const skip = findBoard(board).simulator.kind === "qemu" && !hasQemu;
    // One batch at a time: running them concurrently was slower on two cores (each build
    // runs on this thread, and the other vitest worker has the other core).
    it.skipIf(skip)(`${numbers} seeds ${seeds[0]}…${seeds.at(-1)} on ${board}`, async () => {
      const batch = makeBatch(seeds, runOptions(numbers));
      const run = await runBatch(batch, board, { timeoutMs: DEVICE_TIMEOUT_MS });
      const message = failures(batch, run);
      if (message) expect.fail(message);
    }, DEVICE_TIMEOUT_MS + 60_000);
  }
});
