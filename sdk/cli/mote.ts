// The `mote` command. stdout carries only what the user asked for (the device console for
// `run`, the list for `boards`); everything mote itself says goes to stderr, so
// `mote run app.ts > out.txt` captures exactly what the program printed.
//
// Start-up matters (`mote --help` should feel instant): the compiler and the simulators
// (typescript, rp2040js) are imported only by the commands that need them. entry.ts runs a
// command in a process; build-snapshot.ts runs `mote build` from a startup snapshot.

import fs from "node:fs";
import path from "node:path";
import { allBoards, boards } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { DEFAULT_TIMEOUT_MS, lookUpBoard, runAppStreaming, unknownBoardMessage } from "./run-app.ts";
import { PinView } from "./pin-view.ts";
import { terminalKeys } from "./run-keys.ts";
import type { LiveTelemetry } from "./run-telemetry.ts";
import { parseSensorSettings, SensorKeys } from "./sensor-settings.ts";
import { buildKey, projectBoard, writeManifest } from "./build-cache.js";
import { initProject, writeGeneratedModules } from "./init.ts";
import { parse, UsageError } from "./args.ts";
import type { DeviceIdentity } from "../compiler/frontend/program.ts";

const DEFAULT_BOARD = boards[0].id;
/** What `timeout(1)` exits with when the time runs out; scripts already know it. */
const EXIT_TIMEOUT = 124;
/** What a shell reports for a process Ctrl-C stopped. */
export const EXIT_INTERRUPTED = 130;

const USAGE = `mote — TypeScript for microcontrollers

Usage:
  mote build <app.ts> [--board <id>] [--out <dir>] [--hardware] [--sign key.pem --version 1.2.3]
  mote run <app.ts> [--board <id>] [--timeout <seconds>]
  mote boards
  mote init <dir> [--board <id>]
  mote bridge --port <tty> [--broker <url>]
  mote broker [--port 1883]
  mote telemetry [--broker <url>] [--device <id>] [--json | --plot] [--elf <file>]
  mote keys new [--out key.pem]
  mote image sign|info|verify <file> …
  mote echo|reset|stats|info --port <tty>
  mote flash <app.ts | image> --port <tty>

Commands:
  build    compile an app into an image (.elf .bin .hex .map, and .uf2 where the board takes one)
  run      build an app and run it on the board's simulator; the device console is stdout
  boards   list the boards mote knows
  init     start a project that uses mote (package.json, tsconfig.json for editors, app.ts)
  bridge   connect a device's serial port to an MQTT broker (its telemetry), console on stdout
  broker   run the embedded MQTT broker (aedes) that devices and the telemetry tools use
  telemetry  show devices' readings and statuses live from an MQTT broker (lines, JSON or charts)
  keys     make an Ed25519 key pair for signing images
  image    sign a binary as an MCUboot image, show an image's fields, verify its signature;
           list, upload, test, confirm or erase a device's images (--port)
  echo     check that a device's SMP server answers (an app with import "mote/smp")
  reset    reset a device through its SMP server
  stats    a device's counters (its SMP server's, UART's, serial link's) through SMP
  info     a device's diagnostics through SMP: heap, loop lag, uptime, reset reason, kept crash
  flash    update a device over its serial port: build, sign, upload, test, reset, report

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
      --device-id <id> the device's id (device.id; its MQTT topics mote/<id>/…);
                       default: the board's id
      --version <M.m.r>  the app's version (device.version, its status); default 0.0.0;
                       with --sign also the signed image's version
      --stack <bytes>  the app's stack, e.g. 64K (default: from the board's RAM, 4 KB
                       on the smallest, a quarter of it on the Pico: boards/stack.ts)
      --sign <key.pem> also write <name>.signed.bin, an MCUboot image signed with this
                       Ed25519 key (needs --version; load address: the board's flash origin)
      --why <name>     say why a symbol, a function or a module (sdk/lib/rt/numconv.ts)
                       is in the image: the chain of references that keeps it linked
  -h, --help           show this help`;

const RUN_USAGE = `Usage: mote run <app.ts> [options]

Builds <app.ts> for the board's simulator and runs it. The device console streams to stdout
byte for byte; build messages, crash reports and simulator messages go to stderr. The exit
status is the program's own (1 after a crash), ${EXIT_TIMEOUT} when the timeout ends the run,
and 1 when the app does not compile or the simulator fails.

Options:
  -b, --board <id>         board to run on (default: ${DEFAULT_BOARD}; see 'mote boards')
  -t, --timeout <seconds>  stop the simulator after this much time (default: ${DEFAULT_TIMEOUT_MS / 1000})
  -d, --duration <seconds> run an app that never ends this long, then stop it: a normal end
                           (exit status 0), where --timeout's is a program that hung
      --device-id <id>     the device's id (device.id; its MQTT topics mote/<id>/…);
                           default: the board's id
      --version <M.m.r>    the app's version (device.version, its status); default 0.0.0
      --stack <bytes>      the app's stack, e.g. 64K (default: from the board's RAM)
      --broker <url>       bridge the device's MQTT (telemetry) to this broker, e.g.
                           mqtt://127.0.0.1:1883 (start one with 'mote broker')
      --telemetry          show the app's telemetry live on stderr, as it arrives at the
                           broker: --broker's, else an embedded one started for the run
      --set <sensor=value> what a simulated sensor measures from the start, e.g.
                           --set tmp105=28.5 (°C); on a terminal + and - change it
      --serial-pty         the console UART becomes a pseudo-terminal, whose path is
                           printed, for mote bridge --port or any serial tool (QEMU's own;
                           socat's for the Pico)
      --trace-pins         show each LED/output pin change as a timestamped line on stderr
                           (the default when stderr is not a terminal; on a terminal the
                           board is one status line, and keys 1, 2, … press its buttons)
      --profile            count the instructions each function executes and print the
                           largest on stderr when the run ends (pico: rp2040js)
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

/** A number of seconds greater than 0 from --<name>, in ms. */
function secondsOption(name: string, text: string): number {
  const seconds = Number(text);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--${name} takes a number of seconds greater than 0, got '${text}'`);
  return Math.round(seconds * 1000);
}

/** What `build` and `run` take to say which device the image is for, and its stack. */
const IMAGE_OPTIONS = {
  "device-id": { type: "string" },
  version: { type: "string" },
  stack: { type: "string" },
} as const;

/** --stack <bytes> (or <n>K): the app's stack instead of the board's. */
function stackOf(values: { stack?: string }): number | undefined {
  if (values.stack === undefined) return undefined;
  const match = /^(\d+)([kK])?$/.exec(values.stack);
  const bytes = match ? Number(match[1]) * (match[2] ? 1024 : 1) : NaN;
  if (!(bytes >= 1024) || bytes % 8 !== 0) throw new UsageError(`--stack takes bytes (a multiple of 8, at least 1024) or kilobytes such as 64K, got '${values.stack}'`);
  return bytes;
}

/** The device id (letters, digits, - _ .: an MQTT topic level without wildcards) and the
 *  version (M.m.r or M.m.r+build) from the command line. */
function identityOf(values: { "device-id"?: string; version?: string }): DeviceIdentity {
  const deviceId = values["device-id"];
  if (deviceId !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(deviceId)) {
    throw new UsageError(`--device-id takes 1 to 64 letters, digits, '.', '-' or '_' (it names MQTT topics), got '${deviceId}'`);
  }
  const version = values.version;
  if (version !== undefined && !/^\d+\.\d+\.\d+(\+\d+)?$/.test(version)) {
    throw new UsageError(`--version takes major.minor.revision[+build], e.g. 1.2.3, got '${version}'`);
  }
  return { deviceId, version };
}

/** A broker URL the bridge can use: mqtt://host[:port]. */
export function checkBrokerUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--broker takes a URL such as mqtt://127.0.0.1:1883, got '${url}'`);
  }
  if (parsed.protocol !== "mqtt:" && parsed.protocol !== "tcp:") {
    throw new UsageError(`--broker takes an mqtt:// URL (the bridge speaks MQTT over TCP), got '${url}'`);
  }
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
    sign: { type: "string" },
    why: { type: "string" },
    ...IMAGE_OPTIONS,
  });
  if (values.help) return usage(BUILD_USAGE);
  const entry = singleApp(positionals, "build");
  if (values.sign !== undefined && values.version === undefined) throw new UsageError("--sign needs --version, e.g. --sign key.pem --version 1.2.3");
  const board = boardOrFail(values.board, entry);
  const identity = identityOf(values);
  const outDir = values.out ?? path.join(path.dirname(entry), "build", board.id);
  const sign = values.sign === undefined ? undefined : await buildSigner(board, values.sign, values.version!);
  if (values.sign !== undefined && sign === undefined) return 1;

  const { build } = await import("../compiler/index.ts");
  const started = performance.now();
  const stackSize = stackOf(values);
  // A signed image runs behind mote-boot, from the primary slot, where the board has one.
  const imageSlot = sign !== undefined && board.flashLayout !== undefined;
  const result = build({ entry, board, outDir, forSimulator: !values.hardware, identity, stackSize, imageSlot, why: values.why });
  if (!result.ok) {
    process.stderr.write(`${result.diagnostics}\n`);
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const files = result.files!;
  const written = [files.elf, files.bin, files.hex, files.map, files.uf2].filter((f): f is string => f !== undefined);
  if (sign) written.push(sign(files.bin));
  const flavour = values.hardware ? "hardware" : "simulator";
  process.stderr.write(
    `mote: built ${entry} for ${board.id} (${flavour}) in ${seconds} s\n` +
    written.map((f) => `  ${f}\n`).join("") +
    `\n${result.sizeReport.replace(/\n?$/, "\n")}`,
  );
  if (result.why !== undefined) process.stderr.write(`\n${result.why}\n`);
  writeManifest({
    outDir, entry, key: buildKey(entry, board.id, values.hardware ?? false, identity, stackSize, imageSlot),
    sources: result.sources, outputs: written, report: result.sizeReport,
  });
  return 0;
}

/**
 * `mote build --sign`: checks the key and the version before the build, and returns what writes
 * <name>.signed.bin beside <name>.bin after it; undefined after reporting a mistake.
 */
async function buildSigner(board: Board, keyFile: string, version: string): Promise<((bin: string) => string) | undefined> {
  const { checkSigningInputs, isSigningFailure, signBinaryFile } = await import("../../flash-tool/cli/image.ts");
  const { headerSizeFor, loadAddressFor } = await import("../../flash-tool/image/board-image.ts");
  try {
    checkSigningInputs(keyFile, version);
  } catch (error) {
    if (!isSigningFailure(error)) throw error;
    process.stderr.write(`mote: cannot sign the image: ${error.message}\n`);
    return undefined;
  }
  return (bin) => {
    const out = bin.replace(/\.bin$/, ".signed.bin");
    signBinaryFile({ input: bin, keyFile, version, out, loadAddress: loadAddressFor(board), headerSize: headerSizeFor(board.chip) });
    return out;
  };
}

async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    board: { type: "string", short: "b" },
    timeout: { type: "string", short: "t" },
    duration: { type: "string", short: "d" },
    "trace-pins": { type: "boolean" },
    broker: { type: "string" },
    telemetry: { type: "boolean" },
    set: { type: "string", multiple: true },
    "serial-pty": { type: "boolean" },
    profile: { type: "boolean" },
    ...IMAGE_OPTIONS,
  });
  if (values.help) return usage(RUN_USAGE);
  if ((values.broker !== undefined || values.telemetry) && values["serial-pty"]) {
    throw new UsageError(`--${values.telemetry ? "telemetry" : "broker"} bridges the console in-process, --serial-pty hands it to another program (mote bridge --port): choose one`);
  }
  const identity = identityOf(values);
  if (values.broker !== undefined) checkBrokerUrl(values.broker);
  const entry = singleApp(positionals, "run");
  const board = boardOrFail(values.board, entry);
  const durationMs = values.duration === undefined ? undefined : secondsOption("duration", values.duration);
  // A run given a duration has the default timeout on top of it.
  const timeoutMs = values.timeout !== undefined ? secondsOption("timeout", values.timeout) : (durationMs ?? 0) + DEFAULT_TIMEOUT_MS;

  const sensorInputs = parseSensorSettings(values.set ?? [], board);

  const view = new PinView(board, { live: process.stderr.isTTY === true && !values["trace-pins"], write: (text) => process.stderr.write(text) });
  const note = (text: string) => view.note(text);
  const sensorKeys = new SensorKeys(board, sensorInputs);
  const keys = terminalKeys(board, view, sensorKeys, note);
  // --duration counts from the board's start, not from the build.
  const stop = new AbortController();
  let durationTimer: NodeJS.Timeout | undefined;
  const duration = {
    signal: durationMs === undefined ? undefined : stop.signal,
    start: () => { if (durationMs !== undefined) durationTimer = setTimeout(() => stop.abort(), durationMs); },
  };
  let telemetry: LiveTelemetry | undefined;
  if (values.telemetry) {
    const { startLiveTelemetry } = await import("./run-telemetry.ts");
    telemetry = await startLiveTelemetry({ broker: values.broker, device: identity.deviceId ?? board.id, print: note });
  }
  const ended = await runAppStreaming(entry, board.id, {
    timeoutMs,
    signal: duration.signal,
    stdout: (bytes) => {
      view.beforeOutput();
      process.stdout.write(bytes);
      view.afterOutput(bytes);
    },
    stderr: note,
    releaseHeldAfterMs: 250,
    onPinChange: (pin, level, timeMs) => view.change(pin, level, timeMs),
    onStart: view.buttons.length > 0 || sensorKeys.sensor !== undefined || durationMs !== undefined
      ? (control) => { keys.start(control); duration.start(); }
      : undefined,
    sensorInputs,
    realTime: true,
    broker: telemetry?.url ?? values.broker,
    identity,
    stackSize: stackOf(values),
    serialPty: values["serial-pty"] ? (pty) => process.stderr.write(`mote: ${board.id}'s console UART is ${pty} (open it with mote bridge --port ${pty}, or any serial tool)\n`) : undefined,
    profile: values.profile,
  });
  clearTimeout(durationTimer);
  await telemetry?.close();
  view.end();
  keys.stop();
  switch (ended.reason) {
    case "exit": return ended.exitCode ?? 1;
    case "timeout": return EXIT_TIMEOUT;
    case "stopped":
      process.stderr.write(`mote: stopped after ${values.duration} s (--duration)\n`);
      return 0;
    default: return 1;
  }
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

/** Runs one `mote` command; resolves to the process's exit status. */
export async function main(argv: string[]): Promise<number> {
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
      case "bridge":
        return await (await import("../../flash-tool/cli/bridge.ts")).bridgeCommand(rest);
      case "keys":
        return await (await import("../../flash-tool/cli/keys.ts")).keysCommand(rest);
      case "image":
        return await (await import("../../flash-tool/cli/image.ts")).imageCommand(rest);
      case "broker":
        return await (await import("../../flash-tool/cli/broker.ts")).brokerCommand(rest);
      case "telemetry":
        return await (await import("../../flash-tool/cli/telemetry.ts")).telemetryCommand(rest);
      case "echo":
      case "reset":
      case "stats":
      case "info":
        return await (await import("../../flash-tool/cli/smp.ts")).smpCommand(command, rest);
      case "flash":
        return await (await import("../../flash-tool/cli/device-image.ts")).flashCommand(rest);
      default:
        throw new UsageError(`unknown command '${command}'; the commands are build, run, boards, init, bridge, broker, telemetry, keys, image, echo, reset, stats, info, flash (see 'mote --help')`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`mote: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
