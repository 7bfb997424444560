// The SMP server's figures (issue 10, item 3): `npx tsx bench/smp.ts` prints
// - what `import "mote/smp"` adds to an app's image on pico, mps2-an385 and microbit (the
//   smp-server fixture against the same app without the import), and its largest modules;
// - the instructions to read, parse, answer and frame one echo request on pico (the
//   difference of 101 and 1 requests, over 100, so start-up and printing cancel out).
// Figures only: nothing here is asserted.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBoard } from "../boards/index.ts";
import { build } from "../sdk/compiler/index.ts";
import { bootImageOf, targetFor } from "../sdk/sim/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const programs = path.join(here, "programs");
const workDir = mkdtempSync(path.join(tmpdir(), "mote-bench-smp-"));

function image(file: string, boardId: string) {
  const built = build({ entry: file, board: findBoard(boardId), outDir: mkdtempSync(path.join(workDir, "b-")), forSimulator: true });
  if (!built.ok) throw new Error(built.diagnostics);
  return built;
}

for (const boardId of ["pico", "mps2-an385", "microbit"]) {
  const without = image(path.join(programs, "smp/console-only.ts"), boardId).image.flashBytes.length;
  const app = image(path.join(here, "../test/boards/fixtures/smp-server.ts"), boardId);
  const withSmp = app.image.flashBytes.length;
  console.log(`${boardId}: the app ${without} B, with import "mote/smp" ${withSmp} B: the SMP server adds ${withSmp - without} B`);
  if (boardId === "pico") {
    console.log(app.sizeReport.split("\n").filter((line) => /^(module|sdk\/lib\/(smp|cbor|link)|sdk\/lib\/smp)/.test(line)).join("\n"));
  }
}

async function instructions(file: string): Promise<number> {
  const board = findBoard("pico");
  const built = image(path.join(programs, file), "pico");
  const run = await targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), countInstructions: true, timeoutMs: 120_000 });
  if (run.reason !== "exit" || run.instructions === undefined) throw new Error(`${file}: ${run.reason} ${run.simulatorLog}`);
  return run.instructions;
}

const one = await instructions("smp/echo-1.ts");
const many = await instructions("smp/echo-101.ts");
console.log(`pico: instructions per echo request (frame read, CRC, base64, CBOR decode, answer, CBOR encode, framed): ${Math.round((many - one) / 100)}`);
