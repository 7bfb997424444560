// Debugging a compiled app end to end, the way a user would: build fixtures/debug-app.ts for
// mps2-an385, start QEMU halted with its gdb stub, and let gdb-multiarch stop on a line of
// the TypeScript source and walk the stack back through the app's functions. GNU binutils
// must read the same ELF without a warning, and every function of the app must be a FUNC
// symbol. gdb needs line tables (.debug_line) to set the breakpoint and call-frame
// information (.debug_frame) to unwind; both are produced by the compiler's ELF writer.

import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { qemuArguments } from "../../sdk/sim/index.ts";

const QEMU = "qemu-system-arm";
const GDB = "gdb-multiarch";
const READELF = "arm-none-eabi-readelf";
const OBJDUMP = "arm-none-eabi-objdump";

function installed(tool: string): boolean {
  const found = !spawnSync(tool, ["--version"]).error;
  if (!found) console.warn(`NOTICE: ${tool} is not installed; the debugging tests that need it are skipped`);
  return found;
}
const hasQemu = installed(QEMU);
const hasGdb = installed(GDB);
const hasBinutils = installed(READELF) && installed(OBJDUMP);

const board = findBoard("mps2-an385");
const here = path.dirname(fileURLToPath(import.meta.url));
const APP_FILE = "debug-app.ts";
const appPath = path.join(here, "fixtures", APP_FILE);
const appSource = readFileSync(appPath, "utf8");

/** The 1-based line carrying `// debug: <what>` in the fixture. */
function markedLine(what: string): number {
  const index = appSource.split("\n").findIndex((line) => line.includes(`// debug: ${what}`));
  if (index < 0) throw new Error(`fixtures/${APP_FILE} has no line marked '// debug: ${what}'`);
  return index + 1;
}
const BREAK_LINE = markedLine("breakpoint");        // in inner
const MIDDLE_CALLS_INNER = markedLine("calls inner");
const OUTER_CALLS_MIDDLE = markedLine("calls middle");
/** The app's own functions, innermost first as the breakpoint's stack has them. */
const APP_FUNCTIONS = ["inner", "middle", "outer"];

const workDir = mkdtempSync(path.join(tmpdir(), "mote-debug-"));
let elfPath = "";
/** IR symbols of the functions compiled from the app's module (its init included). */
let appSymbols: string[] = [];

beforeAll(() => {
  const result = build({ entry: appPath, board, outDir: workDir, forSimulator: true });
  if (!result.ok) throw new Error(`fixtures/${APP_FILE} does not build:\n${result.diagnostics}`);
  elfPath = result.files!.elf;
  appSymbols = result.program.functions.filter((f) => path.resolve(f.pos.file) === appPath).map((f) => f.symbol);
});

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try { process.kill(child.pid, "SIGKILL"); } catch { /* already gone */ }
    }
  }
  rmSync(workDir, { recursive: true, force: true });
});

interface Ran { stdout: string; stderr: string; code: number | null }

function run(tool: string, args: string[], timeoutMs = 30_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(tool, args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? (typeof error.code === "number" ? error.code : null) : 0 });
    });
  });
}

const explain = (what: string, r: Ran) => `${what}: exit ${r.code}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`;

// ---------------------------------------------------------------------------------------

describe.skipIf(!hasBinutils)("the app's ELF, read by GNU binutils", () => {
  it("readelf decodes headers, symbols and DWARF without a warning", async () => {
    for (const args of [["-a", "-W"], ["--debug-dump", "-W"]]) {
      const r = await run(READELF, [...args, elfPath]);
      const what = `${READELF} ${args.join(" ")}`;
      expect(r.code, explain(what, r)).toBe(0);
      expect(r.stderr, explain(what, r)).toBe("");
      // readelf reports most problems on stderr, some inline ("<corrupt>", "Unknown FORM value").
      expect(r.stdout, explain(what, r)).not.toMatch(/\bwarning\b|corrupt|<unknown|unknown (?:AT|FORM|TAG|form|tag|opcode|attribute)/i);
    }
  });

  it("objdump disassembles it without a warning", async () => {
    const r = await run(OBJDUMP, ["-d", elfPath]);
    expect(r.code, explain(`${OBJDUMP} -d`, r)).toBe(0);
    expect(r.stderr, explain(`${OBJDUMP} -d`, r)).toBe("");
    for (const name of APP_FUNCTIONS) expect(r.stdout).toMatch(new RegExp(`<[^>]*\\b${name}>:`));
  });

  it("has a FUNC symbol for every function of the app", async () => {
    const r = await run(READELF, ["-s", "-W", elfPath]);
    expect(r.stderr).toBe("");
    // "   62: 00000545    40 FUNC    GLOBAL DEFAULT    2 debug-app.inner"
    const funcs = [...r.stdout.matchAll(/^\s*\d+:\s+([0-9a-f]+)\s+(\d+)\s+FUNC\s+\S+\s+\S+\s+\S+\s+(\S+)$/gm)]
      .map((m) => ({ address: parseInt(m[1]!, 16), size: Number(m[2]), name: m[3]! }));
    const byName = new Map(funcs.map((f) => [f.name, f]));
    expect(appSymbols.length, "the build lowered no function from the app").toBeGreaterThan(APP_FUNCTIONS.length);
    for (const symbol of appSymbols) {
      const f = byName.get(symbol);
      expect(f, `no FUNC symbol '${symbol}' in\n${funcs.map((x) => x.name).join("\n")}`).toBeDefined();
      expect(f!.size, `${symbol} has size 0`).toBeGreaterThan(0);
      expect(f!.address & 1, `${symbol} is not marked Thumb (odd address)`).toBe(1);
    }
    for (const name of APP_FUNCTIONS) {
      expect(funcs.some((f) => f.name === name || f.name.endsWith(`.${name}`)), `no FUNC symbol for ${name}`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** QEMU opens its gdb port a moment after it starts; gdb's `target remote` does not retry. */
async function waitForPort(port: number, qemu: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (qemu.exitCode !== null || qemu.signalCode !== null) throw new Error(`QEMU ended before opening port ${port}`);
    const listening = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (listening) return;
    if (Date.now() > deadline) throw new Error(`QEMU's gdb stub is not listening on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves true once the process has ended and its output streams are drained ('close',
 *  not 'exit', which can come before the last stdout data); false after the timeout. */
function closedWithin(closed: Promise<void>, timeoutMs: number): Promise<boolean> {
  return Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]);
}

describe.skipIf(!hasQemu || !hasGdb)("the app debugged with gdb-multiarch on QEMU", () => {
  it(`stops at ${APP_FILE}:${BREAK_LINE} and backtraces inner ← middle ← outer`, async () => {
    const port = await freePort();
    const qemu = spawn(QEMU, qemuArguments(board, elfPath, { gdbPort: port }), { stdio: ["ignore", "pipe", "pipe"] });
    started.push(qemu);
    const closed = new Promise<void>((resolve) => qemu.once("close", () => resolve()));
    let guestOutput = "";
    let qemuLog = "";
    qemu.stdout!.on("data", (d) => (guestOutput += d));
    qemu.stderr!.on("data", (d) => (qemuLog += d));
    await waitForPort(port, qemu, 10_000);

    const gdb = await run(GDB, [
      "-batch", "-nx", elfPath,
      "-ex", `target remote 127.0.0.1:${port}`,
      "-ex", `break ${APP_FILE}:${BREAK_LINE}`,
      "-ex", "continue",
      "-ex", "bt",
      "-ex", "info line *$pc",
      "-ex", "kill",
    ], 60_000);
    const context = `${explain(GDB, gdb)}\n--- QEMU stderr ---\n${qemuLog}`;
    expect(gdb.code, context).toBe(0);
    // No "DW_FORM … unsupported", "CFI … bad", "could not find unit" and the like.
    expect(gdb.stderr, context).toBe("");

    const file = `[^\\s]*${APP_FILE.replace(".", "\\.")}`;
    expect(gdb.stdout, context).toMatch(new RegExp(`Breakpoint 1 at 0x[0-9a-f]+: file ${file}, line ${BREAK_LINE}\\.`));
    expect(gdb.stdout, context).toMatch(new RegExp(`Breakpoint 1, inner \\([^)]*\\) at ${file}:${BREAK_LINE}\\n`));

    // "#0  inner () at …/debug-app.ts:6", "#1  0x000003d4 in middle () at …/debug-app.ts:13", …
    const frames = [...gdb.stdout.matchAll(/^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\S+) \([^)]*\) at (\S+):(\d+)$/gm)]
      .map((m) => ({ index: Number(m[1]), name: m[2]!, file: m[3]!, line: Number(m[4]) }));
    expect(frames.slice(0, 3).map((f) => `#${f.index} ${f.name} ${path.basename(f.file)}:${f.line}`), context).toEqual([
      `#0 inner ${APP_FILE}:${BREAK_LINE}`,
      `#1 middle ${APP_FILE}:${MIDDLE_CALLS_INNER}`,
      `#2 outer ${APP_FILE}:${OUTER_CALLS_MIDDLE}`,
    ]);
    // Every frame unwound cleanly, down to the image's entry.
    expect(gdb.stdout, context).not.toMatch(/Backtrace stopped|corrupt stack|previous frame identical/);

    expect(gdb.stdout, context).toMatch(new RegExp(`Line ${BREAK_LINE} of "${file}" starts at address 0x[0-9a-f]+ <[^>]*inner\\+\\d+>`));

    // `kill` ends QEMU through its gdb stub. The guest had printed only what comes before
    // the first call of inner.
    expect(await closedWithin(closed, 10_000), "QEMU still running after gdb's kill").toBe(true);
    expect(guestOutput, context).toBe("start\n");
  });
});
