// The plain-C baseline the bench compares with: the same programs in C (GCC -Os -flto, own
// start-up, no libc) on the same QEMU machines. When arm-none-eabi-gcc is installed they are
// built now from ../shared/baseline and measured with mote's own QEMU launcher; otherwise the
// figures come from the table in ../shared/BOARDS.md ("C baseline on the same simulators").

import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { findBoard } from "../boards/index.ts";
import { qemuAvailable, qemuTarget } from "../sdk/sim/index.ts";

export interface CFigures {
  imageBytes: number;
  instructions: number;
}

export interface CBaseline {
  /** Where the figures come from, for the bench's notes. */
  source: string;
  /** By `${program}/${board}`; boards without a C baseline (pico) have no entries. */
  figures: Map<string, CFigures>;
}

/** Boards ../shared/baseline has start-up code and a linker script for. */
const C_BOARDS = ["mps2-an385", "microbit"];

export async function loadCBaseline(sharedDir: string, programs: string[], workDir: string): Promise<CBaseline> {
  const notes: string[] = [];
  if (onPath("arm-none-eabi-gcc") && onPath("arm-none-eabi-objcopy") && qemuAvailable()) {
    try {
      return await buildAndMeasure(sharedDir, programs, workDir);
    } catch (error) {
      notes.push(`building the C baseline failed (${firstLine(error)}), so`);
    }
  }
  const table = path.join(sharedDir, "BOARDS.md");
  if (!existsSync(table)) {
    return { source: `no C baseline: ${table} is missing and arm-none-eabi-gcc is not installed`, figures: new Map() };
  }
  notes.push(`from the table in ${path.relative(process.cwd(), table)}`);
  return { source: notes.join(" "), figures: parseBoardsTable(readFileSync(table, "utf8")) };
}

/** Runs ../shared/baseline/build.sh for each program and board, then counts on QEMU. */
async function buildAndMeasure(sharedDir: string, programs: string[], workDir: string): Promise<CBaseline> {
  const baseline = path.join(sharedDir, "baseline");
  const figures = new Map<string, CFigures>();
  for (const boardId of C_BOARDS) {
    const board = findBoard(boardId);
    for (const program of programs) {
      await promisify(execFile)(path.join(baseline, "build.sh"), [boardId, program], {
        env: { ...process.env, BASELINE_OUT: workDir },
      });
      const elfPath = path.join(workDir, boardId, `${program}.elf`);
      const binPath = path.join(workDir, boardId, `${program}.bin`);
      const expected = readFileSync(path.join(baseline, "expected", `${program}.txt`), "latin1");
      let output = "";
      const result = await qemuTarget.run({
        board,
        // QEMU loads the ELF itself; the other fields are for in-process simulators.
        image: { elfPath, flashBytes: new Uint8Array(), flashOrigin: board.chip.flash.origin, vectorTable: board.chip.flash.origin },
        countInstructions: true,
        timeoutMs: 60_000,
        onConsole: (bytes) => (output += Buffer.from(bytes).toString("latin1")),
      });
      if (result.reason !== "exit" || result.instructions === undefined || output !== expected) {
        throw new Error(`C ${program} on ${boardId}: ${result.reason}, output ${JSON.stringify(output)}`);
      }
      figures.set(`${program}/${boardId}`, { imageBytes: statSync(binPath).size, instructions: result.instructions });
    }
  }
  return { source: "built now from ../shared/baseline with arm-none-eabi-gcc, counted with sdk/sim's QEMU plugin", figures };
}

/**
 * Rows like `| fib(25), recursive, int | mps2-an385 / microbit | 308 / 356 | 1,699,728 / 1,699,782 |`
 * under the heading "C baseline on the same simulators"; the program is the row's first word.
 */
export function parseBoardsTable(markdown: string): Map<string, CFigures> {
  const figures = new Map<string, CFigures>();
  const section = markdown.split(/^## /m).find((part) => part.startsWith("C baseline"));
  if (!section) return figures;
  for (const line of section.split("\n")) {
    const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
    if (cells.length !== 4) continue;
    const program = /^[A-Za-z]+/.exec(cells[0])?.[0].toLowerCase();
    const boards = cells[1].split("/").map((cell) => cell.trim());
    const sizes = cells[2].split("/").map(parseCount);
    const counts = cells[3].split("/").map(parseCount);
    if (!program || sizes.some(Number.isNaN) || counts.some(Number.isNaN)) continue;
    boards.forEach((board, i) => figures.set(`${program}/${board}`, { imageBytes: sizes[i], instructions: counts[i] }));
  }
  return figures;
}

function parseCount(text: string): number {
  const digits = text.trim().replaceAll(",", "");
  return /^\d+$/.test(digits) ? Number(digits) : NaN;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
