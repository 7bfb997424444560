// The flash layer's figures (issue 10): `npx tsx bench/flash.ts` prints, on pico and
// mps2-an385, the instructions for one 4 KB sector erase and one 256-byte page program (the
// difference of four operations and none, over four, so start-up cancels out), and what
// `flash` adds to an image (one-byte.ts against no-flash.ts). On the pico most of an erase
// is the driver polling the chip's busy bit for the W25Q16JV's typical 45 ms (the model's, sdk/sim/models/spi-nor-flash.ts),
// and of a page program its 0.4 ms. Figures only: nothing here is asserted.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBoard } from "../boards/index.ts";
import { build } from "../sdk/compiler/index.ts";
import { bootImageOf, targetFor } from "../sdk/sim/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const programs = path.join(here, "programs/flash");
const workDir = mkdtempSync(path.join(tmpdir(), "mote-bench-flash-"));

function image(file: string, boardId: string) {
  const built = build({ entry: path.join(programs, file), board: findBoard(boardId), outDir: mkdtempSync(path.join(workDir, "b-")), forSimulator: true });
  if (!built.ok) throw new Error(built.diagnostics);
  return built;
}

async function instructions(file: string, boardId: string): Promise<number> {
  const board = findBoard(boardId);
  const built = image(file, boardId);
  const run = await targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), countInstructions: true, timeoutMs: 120_000 });
  if (run.reason !== "exit" || run.instructions === undefined) throw new Error(`${file}: ${run.reason} ${run.simulatorLog}`);
  return run.instructions;
}

for (const boardId of ["pico", "mps2-an385"]) {
  const added = image("one-byte.ts", boardId).image.flashBytes.length - image("no-flash.ts", boardId).image.flashBytes.length;
  console.log(`${boardId}: using flash adds ${added} B to the image`);
  const base = await instructions("one-byte.ts", boardId);
  const erase = (await instructions("erase-4.ts", boardId) - base) / 4;
  const program = (await instructions("program-4.ts", boardId) - base) / 4;
  console.log(`${boardId}: ${Math.round(erase)} instructions per 4 KB erase, ${Math.round(program)} per 256-byte page program`);
}
