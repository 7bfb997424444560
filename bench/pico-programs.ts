// The bench programs (bench/programs) built and run on pico: the image, and the instructions a
// run executes until it exits. Shared by the benches that measure a program pair (1 and 101
// repetitions) and report the difference per repetition.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBoard } from "../boards/index.ts";
import { build } from "../sdk/compiler/index.ts";
import { bootImageOf, targetFor } from "../sdk/sim/index.ts";

const programs = path.join(path.dirname(fileURLToPath(import.meta.url)), "programs");
const board = findBoard("pico");
const workDir = mkdtempSync(path.join(tmpdir(), "mote-bench-pico-"));

/** `file` (under bench/programs) built for pico, for the simulator. */
export function picoImage(file: string) {
  const built = build({ entry: path.join(programs, file), board, outDir: mkdtempSync(path.join(workDir, "b-")), forSimulator: true });
  if (!built.ok) throw new Error(built.diagnostics);
  return built;
}

/** The instructions a run of `file` executes on pico until it exits. */
export async function picoInstructions(file: string): Promise<number> {
  const built = picoImage(file);
  const run = await targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), countInstructions: true, timeoutMs: 120_000 });
  if (run.reason !== "exit" || run.instructions === undefined) throw new Error(`${file}: ${run.reason} ${run.simulatorLog}`);
  return run.instructions;
}
