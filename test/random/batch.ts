// Runs generated programs many at a time: each program is one function in a single source
// file whose top level calls them in order, printing a separator line with the seed before
// each. One build and one simulator boot then serve the whole batch, and the outputs are
// split at the separators and compared program by program.
//
// Node runs the batch through the conformance suite's node-runner.ts (the reference), the
// board through the CLI's runApp (build + simulator), so a batch runs exactly as `mote run`
// would run it.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { COMPILER_OPTIONS, REPO_ROOT } from "../../sdk/compiler/frontend/program.ts";
import { numberModel } from "../../sdk/compiler/lower/doubles.ts";
import { runApp, type RunAppResult } from "../../sdk/cli/run-app.ts";
import { runIntChecked } from "../conformance/int-checked-run.ts";
import { runOnNode, type NodeRun } from "../conformance/node-runner.ts";
import { generateProgram, type GeneratedProgram, type GenerateOptions, type NumberModelName } from "./generate.ts";

/** The line printed before each program's output. No generated program prints a line like it. */
export const separator = (seed: number): string => `~~~ mote-random seed ${seed} ~~~`;
const SEPARATOR_PATTERN = /^~~~ mote-random seed (\d+) ~~~$/;

export interface Batch {
  programs: GeneratedProgram[];
  /** The number model the programs were generated for. */
  numbers: NumberModelName;
  source: string;
  /** 1-based first and last source line of each program, to name the program a diagnostic points into. */
  lines: Array<{ seed: number; first: number; last: number }>;
}

/**
 * The run's configuration, from the environment (random.test.ts and replay.ts --batch):
 * MOTE_RANDOM_SEED is the first seed, MOTE_RANDOM_COUNT the number of int32 programs,
 * MOTE_RANDOM_INTEGRAL_COUNT the number of integral programs and MOTE_RANDOM_FLOAT_COUNT the
 * number of float64 programs (the same seeds, generated for those number models),
 * MOTE_RANDOM_BATCH the programs per image.
 */
export const runConfiguration = {
  baseSeed: environmentNumber("MOTE_RANDOM_SEED", 1),
  count: environmentNumber("MOTE_RANDOM_COUNT", 1000),
  integralCount: environmentNumber("MOTE_RANDOM_INTEGRAL_COUNT", 250),
  floatCount: environmentNumber("MOTE_RANDOM_FLOAT_COUNT", 250),
  batchSize: Math.max(1, environmentNumber("MOTE_RANDOM_BATCH", 50)),
};

/** How many programs of a number model random.test.ts runs. */
export function modelCount(numbers: NumberModelName): number {
  return { int32: runConfiguration.count, integral: runConfiguration.integralCount, float64: runConfiguration.floatCount }[numbers];
}

/** The command-line flag of replay.ts that selects a number model ("" for int32). */
export const modelFlag = (numbers: NumberModelName): string => (numbers === "int32" ? "" : ` --${numbers}`);

function environmentNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got '${text}'`);
  return value;
}

/** The seeds of the batch random.test.ts runs `seed` in (of the programs of one number model). */
export function batchSeeds(seed: number, numbers: NumberModelName = "int32"): number[] {
  const { baseSeed, batchSize } = runConfiguration;
  const count = modelCount(numbers);
  const inRun = seed >= baseSeed && seed < baseSeed + count;
  const first = inRun ? baseSeed + Math.floor((seed - baseSeed) / batchSize) * batchSize : seed;
  const length = inRun ? Math.min(batchSize, baseSeed + count - first) : batchSize;
  return Array.from({ length }, (_, i) => (first + i) % 2 ** 32);
}

/** How random.test.ts generates its programs (replay.ts generates the same ones). */
export function runOptions(numbers: NumberModelName = "int32"): GenerateOptions {
  return { numbers };
}

export function makeBatch(seeds: readonly number[], options: GenerateOptions = {}): Batch {
  const programs = seeds.map((seed) => generateProgram(seed, options));
  const parts = [`// mote random programs (test/random/README.md): seeds ${seeds[0]}…${seeds.at(-1)}`];
  let line = 2;
  const lines: Batch["lines"] = [];
  for (const p of programs) {
    const count = p.source.split("\n").length;
    lines.push({ seed: p.seed, first: line, last: line + count - 1 });
    parts.push(p.source);
    line += count;
  }
  for (const p of programs) parts.push(`console.log(${JSON.stringify(separator(p.seed))});`, `${p.name}();`);
  return { programs, numbers: options.numbers ?? "int32", source: parts.join("\n") + "\n", lines };
}

/** Each program's output, by seed; a program whose separator never came has none. */
export function splitOutput(stdout: string): Map<number, string> {
  const outputs = new Map<number, string>();
  let current: number | undefined;
  let text: string[] = [];
  const flush = () => {
    if (current !== undefined) outputs.set(current, text.join(""));
  };
  for (const line of stdout.split(/(?<=\n)/)) {
    const match = SEPARATOR_PATTERN.exec(line.replace(/\n$/, ""));
    if (match) {
      flush();
      current = Number(match[1]);
      text = [];
    } else {
      text.push(line);
    }
  }
  flush();
  return outputs;
}

export interface Difference {
  /** 1-based line of the program's output. */
  line: number;
  expected: string | undefined;
  actual: string | undefined;
}

export function firstDifference(expected: string, actual: string): Difference | undefined {
  if (expected === actual) return undefined;
  const e = expected.split("\n");
  const a = actual.split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return { line: i + 1, expected: e[i], actual: a[i] };
  }
  return { line: 1, expected, actual };
}

export interface Mismatch {
  seed: number;
  program: GeneratedProgram;
  expected: string;
  /** Undefined: the device never reached this program (it stopped in an earlier one). */
  actual: string | undefined;
  difference: Difference;
}

export interface BatchRun {
  board: string;
  node: NodeRun;
  device: RunAppResult;
  mismatches: Mismatch[];
  /**
   * A generator bug: in the int32 model a result that needs a double (found by the int-checked
   * run), in the integral model a program the compiler does not give integral numbers.
   */
  generatorBug?: { seed: number | undefined; message: string };
}

/** The program whose source holds `line` of the batch file. */
export function programAtLine(batch: Batch, line: number): GeneratedProgram | undefined {
  const found = batch.lines.find((l) => line >= l.first && line <= l.last);
  return found && batch.programs.find((p) => p.seed === found.seed);
}

/** Runs a batch on Node (checked against the int32 model) and on a board, and compares. */
export async function runBatch(batch: Batch, boardId: string, options: { timeoutMs?: number } = {}): Promise<BatchRun> {
  const dir = await mkdtemp(join(tmpdir(), "mote-random-"));
  try {
    const file = join(dir, `random-${batch.programs[0]?.seed ?? 0}.ts`);
    await writeFile(file, batch.source);
    const [node, device] = [await runOnNode(file), await runApp(file, boardId, { timeoutMs: options.timeoutMs })];
    let generatorBug: BatchRun["generatorBug"];
    if (batch.numbers === "int32") generatorBug = intModelViolation(batch, file);
    if (batch.numbers === "integral") generatorBug = integralModelViolation(batch);
    return { board: boardId, node, device, mismatches: compare(batch, node.stdout, device.stdout), generatorBug };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The first result in the batch that would need a double, by the conformance suite's
 * int-checked run: a generator bug (the device would stop with a runtime error).
 */
function intModelViolation(batch: Batch, file: string): BatchRun["generatorBug"] {
  let checked: ReturnType<typeof runIntChecked>;
  try {
    checked = runIntChecked(file);
  } catch (error) {
    return { seed: undefined, message: `the int-checked run failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!checked.violation) return undefined;
  const { line, message } = checked.violation;
  return { seed: programAtLine(batch, line)?.seed, message: `line ${line}: ${message}` };
}

/**
 * The first program of an integral batch whose number model (as the compiler decides it,
 * sdk/compiler/lower/doubles.ts) is not "integral": it makes a fraction, or never leaves int32.
 */
export function integralModelViolation(batch: Batch): BatchRun["generatorBug"] {
  for (const p of batch.programs) {
    const model = numberModel([ts.createSourceFile(`${p.name}.ts`, p.source, ts.ScriptTarget.ES2022, true)]);
    if (model !== "integral") return { seed: p.seed, message: `the compiler's number model of the program is "${model}", not "integral"` };
  }
  return undefined;
}

/**
 * TypeScript's errors in a batch, checked as the compiler's front end checks an app (strict,
 * ES2022 and the device globals, no DOM or Node types), each with the seed it falls in.
 */
export function typeErrors(batch: Batch): Array<{ seed: number | undefined; message: string }> {
  const dir = mkdtempSync(join(tmpdir(), "mote-random-check-"));
  try {
    const file = join(dir, "batch.ts");
    writeFileSync(file, batch.source);
    const program = ts.createProgram([file, join(REPO_ROOT, "sdk/lib/globals.d.ts")], COMPILER_OPTIONS);
    const sourceFile = program.getSourceFile(file)!;
    return ts.getPreEmitDiagnostics(program, sourceFile).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return { seed: programAtLine(batch, line)?.seed, message: `line ${line}: TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}` };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function compare(batch: Batch, nodeStdout: string, deviceStdout: string): Mismatch[] {
  const expected = splitOutput(nodeStdout);
  const actual = splitOutput(deviceStdout);
  const mismatches: Mismatch[] = [];
  for (const program of batch.programs) {
    const e = expected.get(program.seed) ?? "";
    const a = actual.get(program.seed);
    const difference = firstDifference(e, a ?? "");
    if (a === undefined || difference) {
      mismatches.push({ seed: program.seed, program, expected: e, actual: a, difference: difference ?? { line: 1, expected: e.split("\n")[0], actual: undefined } });
    }
  }
  return mismatches;
}

/** What a failing test prints: enough to replay and to see the difference at once. */
export function describeMismatch(m: Mismatch, board: string, numbers: NumberModelName = "int32"): string {
  const show = (s: string | undefined) => (s === undefined ? "(nothing)" : JSON.stringify(s));
  return [
    `seed ${m.seed} on ${board}: output line ${m.difference.line} differs`,
    `  Node:   ${show(m.difference.expected)}`,
    `  device: ${m.actual === undefined ? "(the device never reached this program)" : show(m.difference.actual)}`,
    `replay: npx tsx test/random/replay.ts ${m.seed} ${board}${modelFlag(numbers)}   (add --batch to run it after the programs before it)`,
    "--- program ---",
    m.program.source,
  ].join("\n");
}
