// The plain-C baseline the bench compares with: the same programs in C (GCC -Os -flto, own
// start-up, no libc) on the same QEMU machines. When arm-none-eabi-gcc is installed they are
// built now from ../shared/baseline (and bench/c, the programs the bench added, with the
// baseline's start-up code, runtime and linker scripts) and measured with mote's own QEMU
// launcher; otherwise the figures come from the table in ../shared/BOARDS.md ("C baseline on
// the same simulators"), which has the baseline's own programs only.

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

/** Boards ../shared/baseline has start-up code and a linker script for, with their cores. */
const C_BOARDS: Record<string, string> = { "mps2-an385": "cortex-m3", microbit: "cortex-m0" };
/** The bench's programs written in C here, beside ../shared/baseline/apps (which has the rest). */
const BENCH_C_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "c");
/** A bench program whose C twin in ../shared/baseline/apps has another name. */
const C_NAMES: Record<string, string> = { cbor: "telemetry" };

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

/** Builds each program for each board (../shared/baseline/build.sh, or the same compiler
 *  command for bench/c), then counts on QEMU. */
async function buildAndMeasure(sharedDir: string, programs: string[], workDir: string): Promise<CBaseline> {
  const baseline = path.join(sharedDir, "baseline");
  const figures = new Map<string, CFigures>();
  for (const [boardId, cpu] of Object.entries(C_BOARDS)) {
    const board = findBoard(boardId);
    for (const program of programs) {
      const name = C_NAMES[program] ?? program;
      const own = path.join(BENCH_C_DIR, `${name}.c`);
      const out = path.join(workDir, boardId);
      if (existsSync(own)) await buildBenchC(baseline, own, boardId, cpu, out);
      else await promisify(execFile)(path.join(baseline, "build.sh"), [boardId, name], { env: { ...process.env, BASELINE_OUT: workDir } });
      const elfPath = path.join(out, `${name}.elf`);
      const binPath = path.join(out, `${name}.bin`);
      const expectedFile = existsSync(own) ? own.replace(/\.c$/, ".txt") : path.join(baseline, "expected", `${name}.txt`);
      const expected = readFileSync(expectedFile, "latin1");
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
  return { source: "built now from ../shared/baseline and bench/c with arm-none-eabi-gcc, counted with sdk/sim's QEMU plugin", figures };
}

/** One of bench/c's programs, compiled as ../shared/baseline/build.sh compiles its apps. */
async function buildBenchC(baseline: string, source: string, boardId: string, cpu: string, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const name = path.basename(source, ".c");
  const common = path.join(baseline, "common");
  const family = boardId.split("-")[0];
  await promisify(execFile)("arm-none-eabi-gcc", [
    `-mcpu=${cpu}`, "-mthumb", "-mfloat-abi=soft", "-Os", "-flto", "-ffunction-sections", "-fdata-sections", "-ffreestanding",
    "-fno-tree-loop-distribute-patterns", "-std=c11", "-Wall", "-Wextra", `-I${common}`,
    source, path.join(common, "startup.c"), path.join(common, "rt.c"), path.join(common, `board_${family}.c`),
    "-nostdlib", "-nostartfiles", "-Wl,--gc-sections", `-L${path.join(baseline, "boards")}`, `-T${path.join(baseline, "boards", `${boardId}.ld`)}`,
    "-lgcc", "-o", path.join(out, `${name}.elf`),
  ]);
  await promisify(execFile)("arm-none-eabi-objcopy", ["-O", "binary", path.join(out, `${name}.elf`), path.join(out, `${name}.bin`)]);
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
