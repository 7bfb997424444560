// The `mote` command. stdout carries only what the user asked for (the device console for
// `run`, the list for `boards`); everything mote itself says goes to stderr, so
// `mote run app.ts > out.txt` captures exactly what the program printed.
//
// Start-up matters (`mote --help` should feel instant): the compiler and the simulators
// (typescript, rp2040js) are imported only by the commands that need them.

import fs from "node:fs";
import path from "node:path";
import { allBoards, boards } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { DEFAULT_TIMEOUT_MS, lookUpBoard, runAppStreaming, unknownBoardMessage } from "./run-app.ts";
import { PinView } from "./pin-view.ts";
import type { TargetControl } from "../sim/types.ts";
import { buildKey, projectBoard, writeManifest } from "./build-cache.js";
import { initProject, writeGeneratedModules } from "./init.ts";
import { parse, UsageError } from "./args.ts";

const DEFAULT_BOARD = boards[0].id;
/** What `timeout(1)` exits with when the time runs out; scripts already know it. */
const EXIT_TIMEOUT = 124;
const EXIT_INTERRUPTED = 130;

const USAGE = `mote — TypeScript for microcontrollers

Usage:
  mote build <app.ts> [--board <id>] [--out <dir>] [--hardware]
  mote run <app.ts> [--board <id>] [--timeout <seconds>]
  mote boards
  mote init <dir> [--board <id>]
  mote broker [--port 1883]
  mote telemetry [--broker <url>] [--device <id>] [--json | --plot] [--elf <file>]

Commands:
  build    compile an app into an image (.elf .bin .hex .map, and .uf2 where the board takes one)
  run      build an app and run it on the board's simulator; the device console is stdout
  boards   list the boards mote knows
  init     start a project that uses mote (package.json, tsconfig.json for editors, app.ts)
  broker   run the embedded MQTT broker (aedes) that devices and the telemetry tools use
  telemetry  show devices' readings and statuses live from an MQTT broker (lines, JSON or charts)

Run 'mote <command> --help' for a command's options.`;

const BUILD_USAGE = `Usage: mote build <app.ts> [options]

Compiles <app.ts> with the board's runtime into an image and writes <name>.elf, .bin, .hex
and .map (and .uf2 for boards flashed by UF2) into the output directory. The size report is
printed on stderr; compile errors too, as file.ts:line:col - error …, with exit status 1.

Options:
  -b, --board <id>     board to build for (default: ${DEFAULT_BOARD}; see 'mote boards')
  -o, --out <dir>      output directory (default: <app dir>/build/<board>/)
      --hardware       build for the real board: the image never uses the simulator's
                       exit channels (semihosting, BKPT), it sleeps when the program ends
  -h, --help           show this help`;

const RUN_USAGE = `Usage: mote run <app.ts> [options]

Builds <app.ts> for the board's simulator and runs it. The device console streams to stdout
byte for byte; build messages, crash reports and simulator messages go to stderr. The exit
status is the program's own (1 after a crash), ${EXIT_TIMEOUT} when the timeout ends the run,
and 1 when the app does not compile or the simulator fails.

Options:
  -b, --board <id>         board to run on (default: ${DEFAULT_BOARD}; see 'mote boards')
  -t, --timeout <seconds>  stop the simulator after this much time (default: ${DEFAULT_TIMEOUT_MS / 1000})
      --trace-pins         show each LED/output pin change as a timestamped line on stderr
                           (the default when stderr is not a terminal; on a terminal the
                           board is one status line, and keys 1, 2, … press its buttons)
  -h, --help               show this help`;

const BOARDS_USAGE = `Usage: mote boards

Lists the boards mote can build for: id (for --board), name, the simulator that models it,
and what it supports.`;

/** The board: --board, else the app's project's ("mote": { "board" } in package.json, as
 *  mote init writes it; its generated types follow it), else the default. */
function boardOrFail(id: string | undefined, entry?: string): Board {
  const project = id === undefined && entry !== undefined ? projectBoard(entry) : undefined;
  const chosen = id ?? project?.id ?? DEFAULT_BOARD;
  const board = lookUpBoard(chosen);
  if (!board) {
    const where = project ? ` (named in ${path.join(project.projectDir, "package.json")})` : "";
    throw new UsageError(unknownBoardMessage(chosen).replace(/^mote: /, "").replace(/^(unknown board '[^']*')/, `$1${where}`));
  }
  if (project && fs.existsSync(path.join(project.projectDir, ".mote"))) writeGeneratedModules(project.projectDir, board);
  return board;
}

function singleApp(positionals: string[], command: string): string {
  if (positionals.length === 0) throw new UsageError(`'mote ${command}' needs an app: mote ${command} <app.ts>`);
  if (positionals.length > 1) throw new UsageError(`'mote ${command}' takes one app, got: ${positionals.join(" ")}`);
  return positionals[0];
}

// ---------------------------------------------------------------------------------------

async function buildCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    board: { type: "string", short: "b" },
    out: { type: "string", short: "o" },
    hardware: { type: "boolean" },
  });
  if (values.help) return usage(BUILD_USAGE);
  const entry = singleApp(positionals, "build");
  const board = boardOrFail(values.board, entry);
  const outDir = values.out ?? path.join(path.dirname(entry), "build", board.id);

  const { build } = await import("../compiler/index.ts");
  const started = performance.now();
  const result = build({ entry, board, outDir, forSimulator: !values.hardware });
  if (!result.ok) {
    process.stderr.write(`${result.diagnostics}\n`);
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const files = result.files!;
  const written = [files.elf, files.bin, files.hex, files.map, files.uf2].filter((f): f is string => f !== undefined);
  const flavour = values.hardware ? "hardware" : "simulator";
  process.stderr.write(
    `mote: built ${entry} for ${board.id} (${flavour}) in ${seconds} s\n` +
    written.map((f) => `  ${f}\n`).join("") +
    `\n${result.sizeReport.replace(/\n?$/, "\n")}`,
  );
  writeManifest({
    outDir, entry, key: buildKey(entry, board.id, values.hardware ?? false),
    sources: result.sources, outputs: written, report: result.sizeReport,
  });
  return 0;
}

async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    board: { type: "string", short: "b" },
    timeout: { type: "string", short: "t" },
    "trace-pins": { type: "boolean" },
  });
  if (values.help) return usage(RUN_USAGE);
  const entry = singleApp(positionals, "run");
  const board = boardOrFail(values.board, entry);
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--timeout takes a number of seconds greater than 0, got '${values.timeout}'`);
    timeoutMs = Math.round(seconds * 1000);
  }

  const view = new PinView(board, { live: process.stderr.isTTY === true && !values["trace-pins"], write: (text) => process.stderr.write(text) });
  const keys = pressButtonsWithKeys(board, view);
  const ended = await runAppStreaming(entry, board.id, {
    timeoutMs,
    stdout: (bytes) => {
      view.beforeOutput();
      process.stdout.write(bytes);
      view.afterOutput(bytes);
    },
    stderr: (text) => {
      view.beforeOutput();
      process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
    },
    releaseHeldAfterMs: 250,
    onPinChange: (pin, level, timeMs) => view.change(pin, level, timeMs),
    onStart: view.buttons.length > 0 ? keys.start : undefined,
    realTime: true,
  });
  view.end();
  keys.stop();
  switch (ended.reason) {
    case "exit": return ended.exitCode ?? 1;
    case "timeout": return EXIT_TIMEOUT;
    default: return 1;
  }
}

/**
 * On a terminal, keys 1, 2, … press and release the board's buttons (active low, as their
 * pull-ups hold them high until pressed; a terminal gives no key-up, so each key toggles).
 * Released at start.
 */
function pressButtonsWithKeys(board: Board, view: PinView): { start(control: TargetControl): void; stop(): void } {
  const buttons = view.buttons;
  let listening = false;
  return {
    start(control) {
      if (buttons.length === 0) return;
      for (const button of buttons) control.setPin(button, 1);
      if (!process.stdin.isTTY) return;
      const pressed = new Set<string>();
      process.stdin.setRawMode(true);
      process.stdin.resume();
      listening = true;
      process.stdin.on("data", (data: Buffer) => {
        for (const byte of data) {
          if (byte === 3) process.kill(process.pid, "SIGINT"); // Ctrl-C still stops the run
          const button = buttons[byte - 0x31];
          if (button === undefined) continue;
          if (pressed.has(button)) pressed.delete(button);
          else pressed.add(button);
          control.setPin(button, pressed.has(button) ? 0 : 1);
        }
      });
    },
    stop() {
      if (!listening) return;
      process.stdin.setRawMode(false);
      process.stdin.pause();
    },
  };
}

const INIT_USAGE = `Usage: mote init <dir> [--board <id>] [--mote <spec>]

Writes a project that uses mote as a dependency: package.json (its "mote": { "board" } is
the board mote build and mote run use), tsconfig.json (the types mote checks with, so an
editor shows the same errors), .mote/ (the board's generated modules) and a blinky app.ts.
Then: cd <dir> && npm install && npx mote run app.ts

Options:
  -b, --board <id>   the board (default: ${DEFAULT_BOARD}; see 'mote boards'); change it later in package.json
      --mote <spec>  the dependency on mote as npm takes it (default: this version; e.g. a packed .tgz)
  -h, --help         show this help`;

function initCommand(args: string[]): number {
  const { values, positionals } = parse(args, {
    board: { type: "string", short: "b" },
    mote: { type: "string" },
  });
  if (values.help) return usage(INIT_USAGE);
  if (positionals.length !== 1) throw new UsageError("'mote init' takes the project's folder: mote init <dir>");
  const board = boardOrFail(values.board);
  try {
    const written = initProject({ dir: positionals[0], board, moteSpec: values.mote });
    process.stderr.write(`mote: a project for ${board.id} in ${positionals[0]}: ${written.join(", ")}
` +
      `Next: cd ${positionals[0]} && npm install && npx mote run app.ts
`);
    return 0;
  } catch (error) {
    process.stderr.write(`mote: ${error instanceof Error ? error.message : String(error)}
`);
    return 1;
  }
}

function boardsCommand(args: string[]): number {
  const { values, positionals } = parse(args, {});
  if (values.help) return usage(BOARDS_USAGE);
  if (positionals.length > 0) throw new UsageError(`'mote boards' takes no arguments, got: ${positionals.join(" ")}`);
  const rows = allBoards.map((b) => [
    b.id,
    b.name,
    b.simulator.kind === "qemu" ? `qemu ${b.simulator.machine}` : b.simulator.kind,
    b.supports.join(", "),
  ]);
  const header = ["ID", "NAME", "SIMULATOR", "SUPPORTS"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  process.stdout.write([header, ...rows].map(line).join("\n") + "\n");
  return 0;
}

function usage(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        process.stderr.write(`${USAGE}\n`);
        return 1;
      case "-h":
      case "--help":
      case "help":
        return usage(USAGE);
      case "build":
        return await buildCommand(rest);
      case "run":
        return await runCommand(rest);
      case "boards":
        return boardsCommand(rest);
      case "init":
        return initCommand(rest);
      case "broker": return await (await import("../../flash-tool/cli/broker.ts")).brokerCommand(rest);
      case "telemetry": return await (await import("../../flash-tool/cli/telemetry.ts")).telemetryCommand(rest);
      default:
        throw new UsageError(`unknown command '${command}'; the commands are build, run, boards, init, broker, telemetry (see 'mote --help')`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`mote: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Ctrl-C: QEMU runs in its own process group (sdk/sim/qemu.ts), so it does not see the
// terminal's SIGINT; exiting runs the simulator layer's exit hook, which stops it.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    process.stderr.write(`\nmote: stopped (${signal})\n`);
    process.exit(signal === "SIGINT" ? EXIT_INTERRUPTED : 128 + (signal === "SIGTERM" ? 15 : 1));
  });
}
// `mote run app.ts | head`: a closed stdout is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2));
// stdout/stderr writes are synchronous for files, pipes and terminals on POSIX, so nothing is
// lost by exiting now; exiting (rather than waiting for the event loop to drain) also ends a
// simulator that is still winding down.
process.exit(code);
