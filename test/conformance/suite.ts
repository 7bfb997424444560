// The conformance contract (DESIGN.md, "The device language"): a device program prints
// exactly what Node prints for the same source. Every program in this folder runs on Node
// (the reference) and on every simulated board that has a console; stdout must be
// byte-identical and the exit codes equal.
//
// Node-side checks keep the programs honest: each one type-checks under `strict`, prints the
// same thing on every run, and, when the compiler gives it int32 numbers (its number model is
// "int32", sdk/compiler/lower/doubles.ts), never needs anything else (int-checked-run.ts).
//
// The suite is split across test files by board (conformance.test.ts: the Node checks and
// pico; conformance-qemu.test.ts: mps2-an385 and microbit; conformance-subset.test.ts: the
// boards that run a subset), so that the runner's workers share it.

import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { boards } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import ts from "typescript";
import { numberModel } from "../../sdk/compiler/lower/doubles.ts";
import { runIntChecked } from "./int-checked-run.ts";
import { runOnNode, type NodeRun } from "./node-runner.ts";
import { checkSubset, type ProgramProblems } from "./subset-lint.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** Files in this folder that are the harness, not programs. */
const HARNESS_FILES = new Set(["node-runner.ts", "int-checked-run.ts", "subset-lint.ts", "suite.ts"]);
const PROGRAM_LINES = { min: 15, max: 60 };
/** Host time one device run may take; the biggest program is well under a second of guest time. */
const DEVICE_TIMEOUT_MS = 60_000;

const programs = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !HARNESS_FILES.has(f))
  .sort();
// Programs where JavaScript itself throws an uncaught error at the line marked
// `//! throws <ErrorName>`: Node and the device print the same, then both exit with 1; the
// device's crash report names the error and <name>.ts:<line>.
const throwsDir = join(here, "throws");
const throwPrograms = readdirSync(throwsDir).filter((f) => f.endsWith(".ts")).sort();
const THROWS_MARKER = /\/\/! throws (\w+)/;

function throwExpectation(file: string): { line: number; error: string } {
  const lines = readFileSync(join(throwsDir, file), "utf8").split("\n");
  const index = lines.findIndex((l) => THROWS_MARKER.test(l));
  if (index < 0) throw new Error(`throws/${file} has no '//! throws <ErrorName>' marker`);
  return { line: index + 1, error: THROWS_MARKER.exec(lines[index])![1] };
}
const programPath = (file: string): string => join(here, file);

function programNumberModel(path: string): string {
  return numberModel([ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true)]);
}

/** The type errors among a program's problems. (The step-1 syntax lint in subset-lint.ts is
 *  informational now: the compiler itself rejects what it does not support, with a MOTE error
 *  that fails the device run, so the language can grow without a second list to keep.) */
function typeErrors(found: string[] | undefined): string[] {
  return (found ?? []).filter((p) => /error TS\d+/.test(p));
}

// Node's output for a program, computed once and shared by every board: the suite's three
// test files run in separate workers, so it is kept on disk too, by the program's text, the
// runner's and Node's version (a changed program or runner is run again).
const nodeRuns = new Map<string, Promise<NodeRun>>();
const NODE_CACHE = join(tmpdir(), `mote-conformance-node-${process.version}`);
const RUNNER_TEXT = readFileSync(join(here, "node-runner.ts"), "utf8");

async function cachedNodeRun(path: string): Promise<NodeRun> {
  const key = createHash("sha256").update(RUNNER_TEXT).update(readFileSync(path)).digest("hex");
  const file = join(NODE_CACHE, `${key}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as NodeRun;
    } catch {
      // A file another worker is still writing: run it here.
    }
  }
  const run = await runOnNode(path);
  mkdirSync(NODE_CACHE, { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(run));
  renameSync(partial, file);
  return run;
}

function nodeOutput(path: string): Promise<NodeRun> {
  let run = nodeRuns.get(path);
  if (!run) {
    run = cachedNodeRun(path);
    nodeRuns.set(path, run);
  }
  return run;
}

/** `<name>.ts:<line>` not followed by another digit (so :1 does not match :12). */
function locationPattern(file: string, line: number): RegExp {
  return new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${line}(?!\\d)`);
}

// ---------------------------------------------------------------------------------------
// Node side: the reference outputs, and the programs' own checks.

/** Defines the suite's tests: the Node-side checks when `nodeChecks`, and the device runs on
 *  the boards `onBoard` accepts. */
export function conformanceSuite(part: { nodeChecks: boolean; onBoard: (board: Board) => boolean }): void {
  deviceSuite(part.onBoard);
  if (part.nodeChecks) describe("conformance programs on Node", () => {
    let problems: ProgramProblems;
    beforeAll(() => {
      problems = checkSubset(programs.map(programPath));
    });

    it("there are programs to run", () => {
      expect(programs.length).toBeGreaterThanOrEqual(32);
    });

    for (const file of programs) {
      const path = programPath(file);

      it(`${file}: exits 0 with non-empty output, the same on two runs`, async () => {
        const first = await nodeOutput(path);
        const second = await runOnNode(path);
        expect(first.exitCode, first.stderr).toBe(0);
        expect(first.stdout.length).toBeGreaterThan(0);
        expect(second.exitCode, second.stderr).toBe(0);
        // Stack frames name the run's own temporary file: the rest must be the same.
        expect(second.stdout.replace(STACK_FRAME, "")).toBe(first.stdout.replace(STACK_FRAME, ""));
      });

      it(`${file}: type-checks under strict`, () => {
        const source = readFileSync(path, "utf8");
        const lines = source.replace(/\n$/, "").split("\n");
        expect(file, "file names are kebab-case").toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/);
        expect(lines[0], "the first line is a comment saying what the program checks").toMatch(/^\/\/ \S/);
        expect(lines.length).toBeGreaterThanOrEqual(PROGRAM_LINES.min);
        expect(lines.length).toBeLessThanOrEqual(PROGRAM_LINES.max);
        expect(typeErrors(problems.get(path))).toEqual([]);
      });

      // A program with doubles (integral or with fractions) computes as Node does; one without
      // is compiled with int32 numbers, so it must never need anything else.
      // (The int-checked run takes one file: a program that imports modules is not checked.)
      if (programNumberModel(path) === "int32" && !/^import\s/m.test(readFileSync(path, "utf8"))) {
        it(`${file}: has int32 numbers, and never needs more (an int-checked run prints what Node prints)`, async () => {
          const checked = runIntChecked(path);
          expect(checked.violation).toBeUndefined();
          expect(checked.stdout).toBe((await nodeOutput(path)).stdout);
        });
      }
    }
  });
}

// ---------------------------------------------------------------------------------------
// Device side: every board with a console, through the CLI's runApp.

interface RunAppResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  reason: "exit" | "timeout" | "error" | "build-failed";
}
type RunApp = (entry: string, boardId: string, options?: { timeoutMs?: number }) => Promise<RunAppResult>;

// A variable, not a literal, so that the test file loads (and the Node side runs) before
// sdk/cli/run-app.ts exists, and so that tsc does not require the module to type-check.
const RUN_APP_MODULE = "../../sdk/cli/run-app.ts";
let runAppLoaded: Promise<RunApp | Error> | undefined;

async function loadRunApp(): Promise<RunApp> {
  runAppLoaded ??= import(/* @vite-ignore */ RUN_APP_MODULE).then(
    (module: { runApp?: unknown }) =>
      typeof module.runApp === "function"
        ? (module.runApp as RunApp)
        : new Error(`sdk/cli/run-app.ts does not export a function runApp(entry, boardId, options)`),
    (error: unknown) =>
      new Error(
        `sdk/cli/run-app.ts could not be loaded, so no program can run on a device ` +
          `(${error instanceof Error ? error.message : String(error)}). ` +
          `It must export runApp(entry, boardId, { timeoutMs }) => { stdout, stderr, exitCode, reason }.`,
      ),
  );
  const loaded = await runAppLoaded;
  if (loaded instanceof Error) throw loaded;
  return loaded;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why the board's simulator cannot run here, or undefined when it can. */
function simulatorMissing(board: Board): string | undefined {
  if (board.simulator.kind === "qemu") {
    return onPath("qemu-system-arm") ? undefined : "qemu-system-arm is not on PATH (.ci/run installs it)";
  }
  try {
    createRequire(import.meta.url).resolve("rp2040js");
    return undefined;
  } catch {
    return "the rp2040js package is not installed (npm install)";
  }
}

/** A stack's frames ("    at f (app.ts:3:9)") name Node's own files and its internals on Node,
 *  the TypeScript file and the frames the program's text proves on a device
 *  (sdk/compiler/lower/error-stacks.ts): the outputs are compared without them, and the
 *  device's must have a frame's shape. */
const STACK_FRAME = /^ +at .*\n/gm;
const DEVICE_FRAME = /^ +at (?:(?:new )?[\w$.<> [\]]+ \()?[\w.-]+\.ts:\d+:\d+\)?,?(?: \{)?$/;

function expectSameOutput(device: string, node: string): void {
  for (const frame of device.match(STACK_FRAME) ?? []) expect(frame.trimEnd()).toMatch(DEVICE_FRAME);
  expect(device.replace(STACK_FRAME, "")).toBe(node.replace(STACK_FRAME, ""));
}

/** What to show when a device run did not end the way the test expects. */
function explain(run: RunAppResult): string {
  return `reason=${run.reason} exitCode=${run.exitCode}\n--- stderr ---\n${run.stderr}\n--- stdout ---\n${run.stdout}`;
}

// Every program runs on these boards. The boards added after them run every program when
// MOTE_ALL_BOARDS=1 is set, and otherwise a fixed subset (every SUBSET_STRIDE-th program in
// sorted order, plus all of throws/), which keeps CI time in bounds (README.md here, "Boards").
const FULL_LIST_BOARDS = new Set(["pico", "mps2-an385", "microbit"]);
const ALL_BOARDS = process.env.MOTE_ALL_BOARDS === "1";
const SUBSET_STRIDE = 3;

function programsToRun(board: Board): string[] {
  if (ALL_BOARDS || FULL_LIST_BOARDS.has(board.id)) return programs;
  return programs.filter((_, index) => index % SUBSET_STRIDE === 0);
}

/** Programs that need more RAM than a board has: instead of their output, the device must
 *  give the out-of-memory crash report (so the entry goes when the program starts to fit). */
const OUT_OF_MEMORY: Record<string, Record<string, string>> = {
  // 8 KB of RAM, 4 KB of it stack (recursion-deep.ts needs that much), leaves ~4 KB of heap.
  // A smaller stack does not help: at 2.5 KB console-log-typed-arrays.ts still runs out of
  // heap, and the dozen pending timers of promise-all-race.ts do at any stack size.
  stm32vldiscovery: {
    "console-log-arrays-random.ts": "RangeError: out of memory (heap exhausted)",
    "console-log-typed-arrays.ts": "RangeError: out of memory (heap exhausted)",
    // 150 nested arrays take about 7 KB; the parsed configuration, printed and written back
    // as JSON (strings built by concatenation), more than the 4 KB.
    "json-parse-config.ts": "RangeError: out of memory (heap exhausted)",
    "json-parse-deep.ts": "RangeError: out of memory (heap exhausted)",
    "promise-all-race.ts": "RangeError: out of memory (heap exhausted)",
    // The matcher backtracks on a stack in the heap (sdk/lib/rt/regexp.ts): its nested
    // quantifiers need more than this board's ~4 KB, and it says so as V8 would.
    "regexp-patterns.ts": "RangeError: Maximum call stack size exceeded",
  },
};

/** The device runs on the boards `onBoard` accepts. */
function deviceSuite(onBoard: (board: Board) => boolean): void {
  for (const board of boards.filter((b) => b.supports.includes("console") && onBoard(b))) {
    const toRun = programsToRun(board);
    const subset = toRun.length < programs.length
      ? `, subset: one program in ${SUBSET_STRIDE} and all of throws/; MOTE_ALL_BOARDS=1 runs all`
      : "";
    describe(`conformance on ${board.id} (${board.simulator.kind}${subset})`, () => {
      const missing = simulatorMissing(board);
      if (missing) {
        console.warn(`[conformance] skipping board ${board.id}: ${missing}`);
        it.skip(`${board.id}: skipped, ${missing}`, () => {});
        return;
      }
      if (subset) {
        it.skip(`${programs.length - toRun.length} of ${programs.length} programs not run on ${board.id} (set MOTE_ALL_BOARDS=1 to run them)`, () => {});
      }

      for (const file of toRun) {
        const path = programPath(file);
        const outOfMemory = OUT_OF_MEMORY[board.id]?.[file];
        if (outOfMemory) {
          it(`${file} does not fit in ${board.chip.ram.length} bytes of RAM: the device reports "${outOfMemory}"`, async () => {
            const runApp = await loadRunApp();
            const device = await runApp(path, board.id, { timeoutMs: DEVICE_TIMEOUT_MS });
            expect(device.reason, explain(device)).toBe("exit");
            expect(device.exitCode, explain(device)).toBe(1);
            expect(device.stderr, explain(device)).toContain(outOfMemory);
          });
          continue;
        }
        it(`${file} prints what Node prints`, async () => {
          const runApp = await loadRunApp();
          const node = await nodeOutput(path);
          const device = await runApp(path, board.id, { timeoutMs: DEVICE_TIMEOUT_MS });
          expect(device.reason, explain(device)).toBe("exit");
          expectSameOutput(device.stdout, node.stdout);
          expect(device.exitCode, explain(device)).toBe(node.exitCode);
        });
      }

      for (const file of throwPrograms) {
        const path = join(throwsDir, file);
        it(`throws/${file} prints what Node prints, then throws where Node throws`, async () => {
          const runApp = await loadRunApp();
          const expected = throwExpectation(file);
          const node = await nodeOutput(path);
          expect(node.exitCode, "Node exits with 1 on an uncaught error").toBe(1);
          expect(node.stderr).toContain(expected.error);
          const device = await runApp(path, board.id, { timeoutMs: DEVICE_TIMEOUT_MS });
          expect(device.reason, explain(device)).toBe("exit");
          expectSameOutput(device.stdout, node.stdout);
          expect(device.exitCode, explain(device)).toBe(1);
          expect(device.stderr, explain(device)).toContain(expected.error);
          expect(device.stderr, `the crash report names ${file}:${expected.line}`).toMatch(locationPattern(file, expected.line));
        });
      }
    });
  }
}
