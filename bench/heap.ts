// The heap part of `npm run bench` (issue 12, "RAM is not wasted"): heap bytes per object
// (bench/programs/heap-bytes.ts) beside the targets, an array of n values ≤ 16 + 4n and an
// instance of k fields ≤ 8 + 4k, on one board of each port; and the peak heap of each bench
// program (device.heapPeak: the most heap in use at once, block headers included), from a copy
// of it that prints the figure last. Figures only: nothing here is asserted.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBoard } from "../boards/index.ts";
import type { Board } from "../boards/types.ts";
import { build } from "../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../sdk/sim/index.ts";

const programsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "programs");
/** An armv7m board and an armv6m one. */
const BOARDS = ["mps2-an385", "microbit"];
const TARGETS: Record<string, number> = { "array-4-ints": 16 + 4 * 4, "array-10-ints": 16 + 4 * 10, "instance-2-fields": 8 + 4 * 2, "boolean-array-500": 16 + 4 * 500 };
const PEAK_LINE = "heap-peak";

async function consoleOf(file: string, board: Board, workDir: string): Promise<string> {
  const built = build({ entry: file, board, outDir: mkdtempSync(path.join(workDir, "heap-")), forSimulator: true });
  if (!built.ok) return `build failed: ${built.diagnostics.split("\n")[0]}`;
  let output = "";
  const result = await targetFor(board).run({
    board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 120_000,
    onConsole: (bytes) => (output += Buffer.from(bytes).toString("latin1")),
  });
  return result.reason === "exit" && result.exitCode === 0 ? output : `run ended with ${result.reason}: ${output.trim().split("\n").at(-1)}`;
}

export async function heapBench(programs: readonly string[], workDir: string): Promise<void> {
  const boards = BOARDS.map(findBoard).filter((b) => b.simulator.kind !== "qemu" || qemuAvailable());
  console.log("");
  console.log("heap bytes per object (device.heapUsed's growth; block headers and 8-byte granules included):");
  const columns = new Map<string, Map<string, string>>();
  for (const board of boards) {
    const output = await consoleOf(path.join(programsDir, "heap-bytes.ts"), board, workDir);
    for (const line of output.trim().split("\n")) {
      const [name, bytes] = line.split(" ");
      if (bytes === undefined || name === "peak") continue;
      if (!columns.has(name)) columns.set(name, new Map());
      columns.get(name)!.set(board.id, bytes);
    }
  }
  const rows = [["object", ...boards.map((b) => b.id), "target"]];
  for (const [name, byBoard] of columns) rows.push([name, ...boards.map((b) => byBoard.get(b.id) ?? "-"), TARGETS[name] === undefined ? "" : `≤ ${TARGETS[name]}`]);
  printRows(rows);

  console.log("");
  console.log(`peak heap bytes of each program on ${boards[0]?.id} (device.heapPeak, from a copy that prints it last):`);
  const peaks = [["program", "peak heap B"]];
  const copies = path.join(workDir, "heap-peak");
  mkdirSync(copies, { recursive: true });
  for (const program of programs) {
    const copy = path.join(copies, `${program}.ts`);
    copyFileSync(path.join(programsDir, `${program}.ts`), copy);
    writeFileSync(copy, `${readFileSync(copy, "utf8")}\nimport { device as heapDevice } from "mote";\nconsole.log("${PEAK_LINE}", heapDevice.heapPeak);\n`);
    const output = boards[0] ? await consoleOf(copy, boards[0], workDir) : "no board";
    const line = output.split("\n").find((l) => l.startsWith(PEAK_LINE));
    peaks.push([program, line ? line.split(" ")[1] : output.split("\n")[0]]);
  }
  printRows(peaks);
}

function printRows(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
}
