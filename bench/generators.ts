// Generators' figures (issue 11, item 6): `npx tsx bench/generators.ts` prints, on pico, the
// image size and the instructions per element of a loop over 100 values: for…of over an
// array, for…of over a generator (the frame stepped directly) and next() on a generator (a
// result object per value). Each is the difference of a 101- and a 1-element run over 100, so
// start-up and printing cancel out. Figures only: nothing here is asserted.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBoard } from "../boards/index.ts";
import { build } from "../sdk/compiler/index.ts";
import { bootImageOf, targetFor } from "../sdk/sim/index.ts";

const programs = path.join(path.dirname(fileURLToPath(import.meta.url)), "programs");
const board = findBoard("pico");
const workDir = mkdtempSync(path.join(tmpdir(), "mote-bench-generators-"));

function image(file: string) {
  const built = build({ entry: path.join(programs, file), board, outDir: mkdtempSync(path.join(workDir, "b-")), forSimulator: true });
  if (!built.ok) throw new Error(built.diagnostics);
  return built;
}

async function instructions(file: string): Promise<number> {
  const built = image(file);
  const run = await targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), countInstructions: true, timeoutMs: 120_000 });
  if (run.reason !== "exit" || run.instructions === undefined) throw new Error(`${file}: ${run.reason} ${run.simulatorLog}`);
  return run.instructions;
}

const hello = image("hello.ts").image.flashBytes.length;
for (const loop of process.argv.slice(2).length ? process.argv.slice(2) : ["array", "generator", "generator-next"]) {
  const bytes = image(`generators/${loop}-101.ts`).image.flashBytes.length;
  const one = await instructions(`generators/${loop}-1.ts`);
  const many = await instructions(`generators/${loop}-101.ts`);
  console.log(`${loop}: ${bytes} B (hello ${hello} B), ${((many - one) / 100).toFixed(1)} instructions per element`);
}
