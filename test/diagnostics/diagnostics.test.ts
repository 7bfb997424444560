// The diagnostics contract: a program mote cannot compile faithfully is rejected with an
// error that says where and why, in tsc's shape (`file.ts:12:5 - error MOTE1002: …`), and no
// image is written. Each program in programs/ is one rejected construct (or one syntax or
// type error) and carries its expected error on the offending line, DeviceScript style:
//
//   console.log(eval("x + 1")); //! MOTE1002 "'eval' is not supported" at eval(
//
//   //! <code> ["<part of the message>"] at <the source text the column points at>
//
// The first diagnostic the build reports must be on that line, with that code (and message
// part), and its column must point at the start of `at`'s text on that line. The same line
// must come out of `mote build` on stderr, with exit status 1.
//
// The programs live in their own folder because they do not type-check on purpose: the
// repository's `tsc -p tsconfig.json` has to leave test/diagnostics/programs out.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";

const BOARD_ID = "mps2-an385";
const here = path.join(path.dirname(fileURLToPath(import.meta.url)), "programs");
const repoRoot = path.resolve(here, "../../..");
const moteBin = path.join(repoRoot, "sdk/cli/mote.js");

const programs = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort();
const workDir = mkdtempSync(path.join(tmpdir(), "mote-diagnostics-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------
// The `//!` marker

interface Expectation {
  /** 1-based line of the marker. */
  line: number;
  /** MOTEnnnn or TSnnnn. */
  code: string;
  /** A part of the message, when the marker gives one. */
  message?: string;
  /** The source text the reported column must point at. */
  at: string;
  /** The marked line, for failure messages. */
  text: string;
}

const MARKER = "//!";
const MARKER_SYNTAX = /\/\/!\s+(MOTE\d{4}|TS\d+)(?:\s+"((?:[^"\\]|\\.)*)")?\s+at\s+(.+?)\s*$/;

function expectationOf(file: string): Expectation {
  const lines = readFileSync(path.join(here, file), "utf8").split("\n");
  const marked = lines.flatMap((text, index) => (text.includes(MARKER) ? [{ text, line: index + 1 }] : []));
  if (marked.length !== 1) {
    throw new Error(`${file}: expected exactly one line marked '${MARKER} <code> ["message"] at <text>', found ${marked.length}`);
  }
  const { text, line } = marked[0]!;
  const match = MARKER_SYNTAX.exec(text);
  if (!match) {
    throw new Error(`${file}:${line}: the marker does not read '${MARKER} <code> ["message"] at <text>': ${text.trim()}`);
  }
  const [, code, message, at] = match;
  return { line, code: code!, message: message?.replace(/\\(.)/g, "$1"), at: at!, text };
}

// ---------------------------------------------------------------------------------------
// Reported diagnostics

interface Reported { file: string; line: number; column: number; code: string; message: string }

/** `path/file.ts:12:5 - error MOTE1001: …` */
const DIAGNOSTIC_LINE = /^(.+?):(\d+):(\d+) - error (MOTE\d+|TS\d+): (.*)$/;

function parseDiagnostic(text: string): Reported | undefined {
  const match = DIAGNOSTIC_LINE.exec(text);
  if (!match) return undefined;
  const [, file, line, column, code, message] = match;
  return { file: file!, line: Number(line), column: Number(column), code: code!, message: message! };
}

interface Built { ok: boolean; diagnostics: string; outDir: string }

const builds = new Map<string, Built>();
/** Builds a program once per run (the CLI test compares with the same result). */
function buildProgram(file: string): Built {
  let built = builds.get(file);
  if (!built) {
    const outDir = mkdtempSync(path.join(workDir, `${file.replace(/\.ts$/, "")}-`));
    const result = build({ entry: path.join(here, file), board: findBoard(BOARD_ID), outDir, forSimulator: true });
    built = { ok: result.ok, diagnostics: result.ok ? "" : result.diagnostics, outDir };
    builds.set(file, built);
  }
  return built;
}

function checkAgainstMarker(file: string, firstLine: string, expected: Expectation): void {
  const reported = parseDiagnostic(firstLine);
  const context = `${file}: first diagnostic\n  ${firstLine}\nexpected, from line ${expected.line}:\n  ${expected.text.trim()}`;
  expect(reported, `${context}\n(not in the form 'file:line:col - error CODE: message')`).toBeDefined();
  const { line, column, code, message } = reported!;
  expect(path.resolve(process.cwd(), reported!.file), context).toBe(path.join(here, file));
  expect(`${code} at line ${line}`, context).toBe(`${expected.code} at line ${expected.line}`);
  if (expected.message !== undefined) expect(message, context).toContain(expected.message);
  const sourceLine = readFileSync(path.join(here, file), "utf8").split("\n")[line - 1]!;
  const pointedAt = sourceLine.slice(column - 1);
  expect(pointedAt.startsWith(expected.at), `${context}\ncolumn ${column} points at: ${pointedAt}\nexpected it to start with: ${expected.at}`).toBe(true);
}

// ---------------------------------------------------------------------------------------

describe("every program here is rejected at its marked line", () => {
  it("finds the programs", () => {
    expect(programs.length).toBeGreaterThan(30);
  });

  for (const file of programs) {
    it(file, () => {
      const expected = expectationOf(file);
      const built = buildProgram(file);
      expect(built.ok, `${file} compiled, but line ${expected.line} should be rejected with ${expected.code}`).toBe(false);
      const firstLine = built.diagnostics.split("\n")[0]!;
      checkAgainstMarker(file, firstLine, expected);
      expect(readdirSync(built.outDir), "a rejected program must not leave an image behind").toEqual([]);
    });
  }
});

// `mote build` is the same compiler behind a process boundary: what it prints for a rejected
// program must be what the build reports, on stderr, with exit status 1. One program per kind
// of error is enough (each costs a Node start-up): the subset check, lowering (two kinds), a
// syntax error and a type error.
const CLI_PROGRAMS = ["eval.ts", "spread-arguments-function-value.ts", "generator-async.ts", "syntax-error.ts", "type-error.ts"];

interface Ran { stdout: string; stderr: string; code: number | null }

function moteBuild(file: string, outDir: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [moteBin, "build", path.join(here, file), "--board", BOARD_ID, "--out", outDir],
      { cwd: process.cwd(), timeout: 60_000, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? (typeof error.code === "number" ? error.code : null) : 0 }));
  });
}

const hasCli = existsSync(moteBin);
if (!hasCli) {
  console.warn(`NOTICE: ${path.relative(repoRoot, moteBin)} does not exist yet; the 'mote build' diagnostics test is skipped`);
}

describe.skipIf(!hasCli).concurrent("mote build prints the same diagnostics", () => {
  for (const file of CLI_PROGRAMS) {
    it(file, async () => {
      const expected = expectationOf(file);
      const outDir = path.join(workDir, `cli-${file.replace(/\.ts$/, "")}`);
      const ran = await moteBuild(file, outDir);
      const explain = `mote build ${file}: exit ${ran.code}\n--- stderr ---\n${ran.stderr}\n--- stdout ---\n${ran.stdout}`;
      expect(ran.code, explain).toBe(1);
      const firstLine = ran.stderr.split("\n")[0]!;
      checkAgainstMarker(file, firstLine, expected);
      expect(ran.stderr, explain).toBe(`${buildProgram(file).diagnostics}\n`);
      expect(ran.stdout, "stdout carries only what the user asked for").toBe("");
      expect(existsSync(outDir) ? readdirSync(outDir) : [], "a rejected program must not leave an image behind").toEqual([]);
    });
  }
});
