// `npm run bench`: builds bench/programs/*.ts with the mote compiler for every board, runs them
// on the board's simulator with instruction counting, and prints image size, RAM, instructions
// and build time next to the plain-C baseline and the project's targets, then what changed
// since the previous run it recorded (bench/history.ts). It only prints: timings depend on the
// machine, so nothing here is asserted.
//
// Targets (issue 12; the M3 figures for Cortex-M3/M4 boards, the M0 ones for Cortex-M0/M0+):
// hello image ≤ 512 B; fib and sieve images ≤ 3 KB and instructions ≤ 1.3× C on M3, ≤ 1.8×
// on M0; float image ≤ 12 KB and instructions ≤ 1.5× C on M3; Mandelbrot ≤ 2× C's
// instructions per iteration; `mote build` of hello ≤ 1.0 s cold (fresh process), ≤ 0.1 s warm.

import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { boards } from "../boards/index.ts";
import type { Board } from "../boards/types.ts";
import type { LinkedImage } from "../sdk/compiler/link/types.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../sdk/sim/index.ts";
import { loadCBaseline, type CBaseline } from "./c-baseline.ts";
import { printChanges } from "./history.ts";
import { heapBench } from "./heap.ts";
import { libOsBench } from "./libos.ts";
import { telemetryBench } from "./telemetry.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// CI checks out ../shared beside the repository.
const sharedDir = path.resolve(repoRoot, "../shared");
const programsDir = path.join(repoRoot, "bench", "programs");
const compilerEntry = path.join(repoRoot, "sdk", "compiler", "index.ts");
const cliEntry = path.join(repoRoot, "sdk", "cli", "mote.js");

const programs = ["hello", "fib", "sieve", "float", "mandelbrot", "cbor"] as const;
type Program = (typeof programs)[number];
/** What Node prints for each program: a native run must print the same. */
const expectedOutput: Record<Program, string> = {
  hello: "hello\n", fib: "75025\n", sieve: "1229\n", float: "50251.842946\n", mandelbrot: "13599\n",
  cbor: "a36174f94de061681829626964656465762d31\n",
};
/** Mandelbrot's iterations (what it prints): its cost is per iteration, beyond hello's. */
const MANDELBROT_ITERATIONS = 13599;

interface Target { imageBytes?: number; ratioM3?: number; ratioM0?: number }
const TARGETS: Partial<Record<Program, Target>> = {
  hello: { imageBytes: 512 },
  fib: { imageBytes: 3 * 1024, ratioM3: 1.3, ratioM0: 1.8 },
  sieve: { imageBytes: 3 * 1024, ratioM3: 1.3, ratioM0: 1.8 },
  float: { imageBytes: 12 * 1024, ratioM3: 1.5 },
};
const MANDELBROT_TARGET_RATIO = 2;
const COLD_BUILD_TARGET_S = 1.0;
const WARM_BUILD_TARGET_S = 0.1;

// The compiler's entry point (sdk/compiler/index.ts), as the bench uses it. It is loaded at run
// time so that the bench still reports the C baseline, and says why, while there is none.
interface BuildOptions { entry: string; board: Board; outDir: string; forSimulator: boolean }
type BuildResult =
  | { ok: true; image: LinkedImage; files: { elf: string; bin: string; [file: string]: string }; sizeReport: string }
  | { ok: false; diagnostics: string };
interface Compiler { build(options: BuildOptions): BuildResult | Promise<BuildResult> }

interface Row {
  program: Program;
  board: Board;
  imageBytes?: number;
  instructions?: number;
  runMs?: number;
  /** Bytes of soft-float code linked (module rt:softfloat): none unless the program uses doubles. */
  floatBytes?: number;
  /** RAM the image reserves: initialised and zeroed data, and the stack. */
  staticRam?: number;
  stack?: number;
  /** Why there are no figures, or what went wrong. */
  problem?: string;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), "mote-bench-"));
  try {
    const baseline = await loadCBaseline(sharedDir, [...programs, "blinky"], path.join(workDir, "c"));
    const loaded = await loadCompiler();
    const rows: Row[] = [];
    let warmInProcess: number | undefined;
    for (const board of boards) {
      for (const program of programs) {
        rows.push(await measure(loaded, program, board, workDir));
        if (program === "hello" && board === boards[0] && "compiler" in loaded) {
          // Same program, same board, same process: what a watch mode or daemon would see.
          const started = performance.now();
          await loaded.compiler.build(buildOptions("hello", board, path.join(workDir, "warm")));
          warmInProcess = (performance.now() - started) / 1000;
        }
      }
    }
    printTable(rows, baseline);
    printMandelbrot(rows, baseline);
    printChanges(rows.map((row) => ({ program: row.program, board: row.board.id, imageBytes: row.imageBytes, instructions: row.instructions })));
    await heapBench(programs, workDir);
    await libOsBench(baseline, workDir);
    await telemetryBench(workDir);
    await printBuildTimes(loaded, warmInProcess, workDir);
    console.log("");
    console.log(`C baseline: ${baseline.source}.`);
    console.log("image = flash bytes (vector table, code, constants, .data initial values; pico includes the 256-byte boot2 slot);");
    console.log("instructions = guest instructions executed from reset to the exit breakpoint, inclusive.");
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

type Loaded = { compiler: Compiler; loadSeconds: number } | { unavailable: string };

async function loadCompiler(): Promise<Loaded> {
  if (!existsSync(compilerEntry)) {
    return { unavailable: "compiler not available (sdk/compiler/index.ts does not exist yet)" };
  }
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(compilerEntry).href)) as Partial<Compiler>;
    if (typeof module.build !== "function") {
      return { unavailable: "compiler not available (sdk/compiler/index.ts exports no build())" };
    }
    return { compiler: module as Compiler, loadSeconds: (performance.now() - started) / 1000 };
  } catch (error) {
    return { unavailable: `compiler failed to load: ${firstLine(error)}` };
  }
}

function buildOptions(program: Program, board: Board, outDir: string): BuildOptions {
  return { entry: path.join(programsDir, `${program}.ts`), board, outDir, forSimulator: true };
}

let firstBuildSeconds: number | undefined;

async function measure(loaded: Loaded, program: Program, board: Board, workDir: string): Promise<Row> {
  if ("unavailable" in loaded) return { program, board, problem: loaded.unavailable };
  if (board.simulator.kind === "qemu" && !qemuAvailable()) {
    return { program, board, problem: "qemu-system-arm not installed (sudo apt-get install qemu-system-arm)" };
  }
  let built: BuildResult;
  const started = performance.now();
  try {
    built = await loaded.compiler.build(buildOptions(program, board, path.join(workDir, board.id, program)));
  } catch (error) {
    return { program, board, problem: `build threw: ${firstLine(error)}` };
  }
  firstBuildSeconds ??= (performance.now() - started) / 1000;
  if (!built.ok) return { program, board, problem: `build failed: ${firstLine(built.diagnostics)}` };

  let output = "";
  const runStarted = performance.now();
  try {
    const result = await targetFor(board).run({
      board,
      image: bootImageOf(built.image, built.files.elf),
      countInstructions: true,
      timeoutMs: 120_000,
      onConsole: (bytes) => (output += Buffer.from(bytes).toString("latin1")),
    });
    const row: Row = {
      program,
      board,
      imageBytes: built.image.flashBytes.length,
      instructions: result.instructions,
      runMs: performance.now() - runStarted,
      floatBytes: softFloatBytes(built.image),
      ...ramOf(built.image),
    };
    if (result.reason !== "exit" || result.exitCode !== 0) {
      const said = firstLine(result.simulatorLog) || firstLine(output.trim().split("\n").at(-1) ?? "");
      row.problem = `run ended with ${result.reason}${result.exitCode ? ` ${result.exitCode}` : ""}${said ? `: ${said}` : ""}`;
    } else if (output !== expectedOutput[program]) {
      row.problem = `wrong output ${JSON.stringify(output.slice(0, 40))}, Node prints ${JSON.stringify(expectedOutput[program])}`;
    }
    return row;
  } catch (error) {
    return { program, board, imageBytes: built.image.flashBytes.length, problem: `run failed: ${firstLine(error)}` };
  }
}

/** Static RAM (.data, .bss and the kept crash record) and the stack, from the linker's symbols. */
function ramOf(image: LinkedImage): { staticRam: number; stack: number } {
  const { __bss_end, __heap_end, __stack_top } = image.special;
  return { staticRam: __bss_end - image.layout.ram.origin, stack: __stack_top - __heap_end };
}

/** Bytes of the soft-float routines (ports/armv6m/rt/softfloat.ts) linked into an image. */
function softFloatBytes(image: LinkedImage): number {
  return image.symbols.filter((s) => s.module === "rt:softfloat").reduce((sum, s) => sum + s.size, 0);
}

function printTable(rows: Row[], baseline: CBaseline): void {
  const header = ["program", "board", "image B", "float B", "static RAM", "stack", "instructions", "C image B", "C instr", "image ×C", "instr ×C", "run ms", "target", ""];
  const lines: string[][] = [header];
  const problems: string[] = [];
  for (const row of rows) {
    const c = baseline.figures.get(`${row.program}/${row.board.id}`);
    const [targetText, verdict] = targetOf(row, c?.instructions);
    lines.push([
      row.program,
      row.board.id,
      count(row.imageBytes),
      count(row.floatBytes),
      count(row.staticRam),
      count(row.stack),
      count(row.instructions),
      count(c?.imageBytes),
      count(c?.instructions),
      ratio(row.imageBytes, c?.imageBytes),
      ratio(row.instructions, c?.instructions),
      row.runMs === undefined ? "—" : row.runMs.toFixed(0),
      targetText,
      row.problem === undefined ? verdict : row.imageBytes === undefined ? row.problem : "ERROR (below)",
    ]);
    if (row.problem && row.imageBytes !== undefined) problems.push(`${row.program} on ${row.board.id}: ${row.problem}`);
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  for (const line of lines) {
    console.log(line.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd());
  }
  for (const problem of problems) console.log(`  ! ${problem}`);
}

/** The row's target and PASS/MISS ("—" when there is nothing to compare with). */
function targetOf(row: Row, cInstructions: number | undefined): [string, string] {
  const target = TARGETS[row.program];
  if (!target) return ["", ""];
  const m3 = row.board.chip.cpu === "cortex-m3" || row.board.chip.cpu === "cortex-m4";
  const ratio = m3 ? target.ratioM3 : target.ratioM0;
  const parts: string[] = [];
  const verdicts: boolean[] = [];
  if (target.imageBytes !== undefined) {
    parts.push(`image ≤ ${count(target.imageBytes)} B`);
    if (row.imageBytes !== undefined) verdicts.push(row.imageBytes <= target.imageBytes);
  }
  if (ratio !== undefined) {
    parts.push(`instr ≤ ${ratio}×C`);
    if (row.instructions !== undefined && cInstructions !== undefined) verdicts.push(row.instructions <= ratio * cInstructions);
  }
  const expected = (target.imageBytes !== undefined ? 1 : 0) + (ratio !== undefined ? 1 : 0);
  if (row.problem || verdicts.length < expected) return [parts.join(", "), "—"];
  return [parts.join(", "), verdicts.every(Boolean) ? "PASS" : "MISS"];
}

/** Mandelbrot's instructions per iteration of its kernel (beyond hello's start-up and output),
 *  beside C's. */
function printMandelbrot(rows: Row[], baseline: CBaseline): void {
  console.log("");
  console.log(`Mandelbrot kernel, instructions per iteration beyond hello's (target ≤ ${MANDELBROT_TARGET_RATIO}× C):`);
  for (const row of rows.filter((r) => r.program === "mandelbrot")) {
    const hello = rows.find((r) => r.program === "hello" && r.board === row.board);
    if (row.problem || row.instructions === undefined || hello?.instructions === undefined) {
      console.log(`  ${row.board.id.padEnd(18)} —${row.problem ? ` (${row.problem})` : ""}`);
      continue;
    }
    const perIteration = (row.instructions - hello.instructions) / MANDELBROT_ITERATIONS;
    const c = baseline.figures.get(`mandelbrot/${row.board.id}`);
    const cHello = baseline.figures.get(`hello/${row.board.id}`);
    const cPer = c && cHello ? (c.instructions - cHello.instructions) / MANDELBROT_ITERATIONS : undefined;
    const against = cPer === undefined ? "" : `  C ${cPer.toFixed(1)}  ${(perIteration / cPer).toFixed(2)}× C  ${perIteration <= MANDELBROT_TARGET_RATIO * cPer ? "PASS" : "MISS"}`;
    console.log(`  ${row.board.id.padEnd(18)} ${perIteration.toFixed(1)}${against}`);
  }
}

async function printBuildTimes(loaded: Loaded, warmInProcess: number | undefined, workDir: string): Promise<void> {
  console.log("");
  console.log(`mote build of bench/programs/hello.ts for ${boards[0].id}, wall time (target: cold ≤ ${COLD_BUILD_TARGET_S} s, warm ≤ ${WARM_BUILD_TARGET_S} s):`);
  if ("unavailable" in loaded) {
    console.log(`  ${loaded.unavailable}`);
    return;
  }
  const line = (label: string, seconds: number | undefined, target: number) => {
    if (seconds === undefined) return console.log(`  ${label.padEnd(40)} —`);
    const verdict = seconds <= target ? "PASS" : "MISS";
    console.log(`  ${label.padEnd(40)} ${seconds.toFixed(3)} s  ${(seconds / target).toFixed(2)}× target  ${verdict}`);
  };
  line("in process, first build (+ compiler load)", sum(firstBuildSeconds, loaded.loadSeconds), COLD_BUILD_TARGET_S);
  line("in process, same build again", warmInProcess, WARM_BUILD_TARGET_S);
  if (!existsSync(cliEntry)) {
    console.log("  CLI not available (sdk/cli/mote.js does not exist yet)");
    return;
  }
  // The app is copied to a directory of its own so that the CLI's outputs land there.
  const appDir = path.join(workDir, "cli");
  const cli = async (dir: string): Promise<number | string> => {
    mkdirSync(dir, { recursive: true });
    // Copied once: a fresh copy would be a changed source, and no build would be warm.
    if (!existsSync(path.join(dir, "hello.ts"))) copyFileSync(path.join(programsDir, "hello.ts"), path.join(dir, "hello.ts"));
    const started = performance.now();
    try {
      await promisify(execFile)(process.execPath, [cliEntry, "build", "hello.ts", "--board", boards[0].id], { cwd: dir });
      return (performance.now() - started) / 1000;
    } catch (error) {
      return `CLI failed: ${firstLine((error as { stderr?: string }).stderr || error)}`;
    }
  };
  // The first build after the SDK changed bundles the CLI and starts making the compiler's
  // startup snapshot in the background (sdk/cli/mote.js); later fresh processes start from it.
  const first = await cli(path.join(workDir, "cli-first"));
  if (typeof first === "string") console.log(`  ${"CLI, first build after an SDK change".padEnd(40)} ${first}`);
  else console.log(`  ${"CLI, first build after an SDK change".padEnd(40)} ${first.toFixed(3)} s  (makes the caches)`);
  await snapshotMade(60_000);
  for (const [label, target] of [["CLI, fresh process (cold)", COLD_BUILD_TARGET_S], ["CLI, second invocation (warm)", WARM_BUILD_TARGET_S]] as const) {
    const outcome = await cli(appDir);
    if (typeof outcome === "string") console.log(`  ${label.padEnd(40)} ${outcome}`);
    else line(label, outcome, target);
  }
}

/** Waits until a startup snapshot of the compiler for `mote build` exists (or the time is up). */
async function snapshotMade(waitMs: number): Promise<void> {
  const cache = path.join(repoRoot, "node_modules/.cache/mote");
  for (const started = performance.now(); performance.now() - started < waitMs;) {
    const blobs = existsSync(cache) ? readdirSync(cache).filter((f) => /^build-.*\.blob$/.test(f)) : [];
    const making = existsSync(cache) && readdirSync(cache).some((f) => f.endsWith(".blob.lock"));
    if (blobs.length > 0 && !making) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function count(value: number | undefined): string {
  return value === undefined ? "—" : value.toLocaleString("en-US");
}

function ratio(value: number | undefined, base: number | undefined): string {
  return value === undefined || base === undefined ? "—" : `${(value / base).toFixed(2)}×`;
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n")[0] ?? "";
}

await main();
