// `mote run` without the process around it: build an app for a board's simulator, boot it,
// and report the console, the crash report and the exit. The CLI streams through
// `runAppStreaming`; tests (the conformance suite) collect everything with `runApp`.

import { formatProfile, profileFor, summarizeProfile } from "../sim/profile.ts";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { allBoards } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import type { LinkedImage } from "../compiler/link/types.ts";
import type { DeviceIdentity } from "../compiler/frontend/program.ts";
import type { BootImage, HostScript, RunOptions } from "../sim/types.ts";
import type { HostPty } from "../sim/host-pty.ts";
import { CrashLineFilter, decodeCrashText, formatCrashReport, parseCrashLine } from "./crash.ts";

export type RunAppReason = "exit" | "timeout" | "error" | "build-failed" | "stopped";

export interface RunAppResult {
  /** The device console, crash lines removed, decoded as UTF-8. */
  stdout: string;
  /** Diagnostics, the crash report, the simulator's log and mote's own notes. */
  stderr: string;
  /** The program's exit code when reason is "exit"; otherwise null. */
  exitCode: number | null;
  reason: RunAppReason;
}

export interface RunAppOptions {
  /** Host time the simulator may run (default 60 s). */
  timeoutMs?: number;
  /** Keep the image files here instead of in a temporary directory that is removed afterwards. */
  outDir?: string;
}

export interface StreamingOptions extends RunAppOptions {
  /** Program output (console bytes without crash lines), as it arrives. */
  stdout(bytes: Uint8Array): void;
  /** Text for the user: diagnostics, crash report, simulator log; each call is whole lines. */
  stderr(text: string): void;
  /**
   * Console bytes that could start a crash marker are held back until more arrive; after this
   * much quiet (ms) they are let go, so a live console's last newline does not wait for the
   * next line. Undefined: hold until the next bytes or the end (exact; for collected output).
   */
  releaseHeldAfterMs?: number;
  /** Output pins and LEDs as they change (sdk/sim/types.ts, RunOptions.onPinChange). */
  onPinChange?: RunOptions["onPinChange"];
  /** The running board's controls (buttons), once it runs. */
  onStart?: RunOptions["onStart"];
  /** What the board's simulated sensors measure from the start (RunOptions.sensorInputs). */
  sensorInputs?: RunOptions["sensorInputs"];
  /** Pace the simulation to the host's clock (RunOptions.realTime). */
  realTime?: boolean;
  /** Bridge the device's MQTT (link frames on its console UART) to this broker URL. */
  broker?: string;
  /** The device id and app version the image carries. */
  identity?: DeviceIdentity;
  /** The app's stack size in bytes, instead of the board's. */
  stackSize?: number;
  /** The console UART is a pseudo-terminal (QEMU boards), for serial tools: its path. */
  serialPty?: (path: string) => void;
  /** Ends the run (as a timeout does, but quietly): a caller that has seen enough. */
  signal?: AbortSignal;
  /** Count instructions per function (rp2040js: the pico) and print the largest on stderr
   *  when the run ends (sdk/sim/profile.ts). */
  profile?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export function boardList(): string {
  const width = Math.max(...allBoards.map((b) => b.id.length));
  return allBoards.map((b) => `  ${b.id.padEnd(width)}  ${b.name}`).join("\n");
}

/** The message for a board id nobody knows, listing the ones that exist. */
export function unknownBoardMessage(id: string): string {
  return `mote: unknown board '${id}'; the boards are:\n${boardList()}\n(run 'mote boards' for details)`;
}

export function lookUpBoard(id: string): Board | undefined {
  return allBoards.find((b) => b.id === id);
}

/**
 * Builds `entry` for the simulator of `boardId`, runs it and streams what happens. Resolves
 * with how it ended; never rejects for anything a user can cause (those are reported on
 * `stderr` with reason "build-failed" or "error").
 */
export async function runAppStreaming(entry: string, boardId: string, options: StreamingOptions): Promise<{ exitCode: number | null; reason: RunAppReason }> {
  const board = lookUpBoard(boardId);
  if (!board) {
    options.stderr(unknownBoardMessage(boardId));
    return { exitCode: null, reason: "build-failed" };
  }
  // The simulator layer is loaded with the compiler: neither is needed for `mote boards`.
  const [{ build }, sim] = await Promise.all([import("../compiler/index.ts"), import("../sim/index.ts")]);
  if (board.simulator.kind === "qemu" && !sim.qemuAvailable()) {
    options.stderr(`mote: board '${board.id}' runs on QEMU's '${board.simulator.machine}' machine, but qemu-system-arm is not on the PATH.\n` +
      "Install it with: sudo apt-get install qemu-system-arm (Debian/Ubuntu), brew install qemu (macOS);\n" +
      `or run on the Pico, which is simulated in-process: --board pico`);
    return { exitCode: null, reason: "error" };
  }

  const workDir = options.outDir ?? await temporaryDirectory();
  try {
    if (board.simulator.kind === "host") {
      // The host port: no image; the app bundled for Node is the reference run.
      const { bundleForHost } = await import("../../ports/host/bundle.ts");
      const bundled = await bundleForHost(entry, board, path.join(workDir, `${path.basename(entry, ".ts")}.host.mjs`));
      if (!bundled.ok) {
        options.stderr(bundled.diagnostics);
        return { exitCode: null, reason: "build-failed" };
      }
      return await runTarget(board, { scriptPath: bundled.script }, options, sim);
    }
    const built = build({ entry, board, outDir: workDir, forSimulator: true, identity: options.identity, stackSize: options.stackSize });
    if (!built.ok) {
      options.stderr(built.diagnostics);
      return { exitCode: null, reason: "build-failed" };
    }
    return await runImage(board, built.image, built.files!.elf, options, sim);
  } finally {
    if (options.outDir === undefined) {
      liveWorkDirs.delete(workDir);
      await rm(workDir, { recursive: true, force: true });
    }
  }
}

/** Build directories of runs in progress, removed even when the process exits mid-run (Ctrl-C). */
const liveWorkDirs = new Set<string>();
let exitHookInstalled = false;

async function temporaryDirectory(): Promise<string> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => liveWorkDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  }
  const dir = await mkdtemp(path.join(tmpdir(), "mote-run-"));
  liveWorkDirs.add(dir);
  return dir;
}

async function runImage(
  board: Board,
  image: LinkedImage,
  elfPath: string,
  options: StreamingOptions,
  sim: typeof import("../sim/index.ts"),
): Promise<{ exitCode: number | null; reason: RunAppReason }> {
  // An uncaught exception comes as two crash lines: its text (kind=text), then the report.
  let text: string | undefined;
  const filter = new CrashLineFilter({
    output: (bytes) => options.stdout(bytes),
    crash: (line, truncated) => {
      const crash = parseCrashLine(line, truncated);
      if (crash.kind === "text") { text = decodeCrashText(crash.fields.text); return; }
      options.stderr(formatCrashReport({ ...crash, text }, image));
      text = undefined;
    },
  });
  let quietTimer: NodeJS.Timeout | undefined;
  const sink: ConsoleSink = {
    write(bytes) {
      filter.write(bytes);
      if (options.releaseHeldAfterMs === undefined) return;
      clearTimeout(quietTimer);
      if (filter.holding) quietTimer = setTimeout(() => filter.release(), options.releaseHeldAfterMs);
    },
    end() {
      clearTimeout(quietTimer);
      filter.end();
    },
  };
  const profile = options.profile ? profileFor(image) : undefined;
  const ended = await runTarget(board, sim.bootImageOf(image, elfPath), options, sim, sink, profile);
  if (profile && ended.reason !== "error") options.stderr(formatProfile(summarizeProfile(image, profile)));
  return ended;
}

/** Where a run's console goes: through the crash-line filter (native boards), or straight out. */
interface ConsoleSink {
  write(bytes: Uint8Array): void;
  end(): void;
}

/** Runs an image (or the host's script) on the board's Target and reports how it ended. */
async function runTarget(
  board: Board,
  image: BootImage | HostScript,
  options: StreamingOptions,
  sim: typeof import("../sim/index.ts"),
  sink: ConsoleSink = { write: (bytes) => options.stdout(bytes), end() {} },
  profile?: Uint32Array,
): Promise<{ exitCode: number | null; reason: RunAppReason }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // QEMU gives its boards a pty itself; a board simulated here gets one from socat, and its
  // console goes there whole, as QEMU's does.
  let hostPty: HostPty | undefined;
  if (options.serialPty !== undefined && board.simulator.kind !== "qemu") {
    try {
      hostPty = await (await import("../sim/host-pty.ts")).openHostPty();
    } catch (error) {
      options.stderr(`mote: ${(error as Error).message}`);
      return { exitCode: null, reason: "error" };
    }
    options.serialPty(hostPty.path);
  }
  const link = await linkFor(options, sink);
  const pty = hostPty;
  let result: Awaited<ReturnType<ReturnType<typeof sim.targetFor>["run"]>>;
  try {
    result = await sim.targetFor(board).run({
      board, image, timeoutMs, signal: options.signal,
      onConsole: pty ? (bytes) => pty.write(bytes) : (bytes) => link.reader.push(bytes),
      consoleInput: pty ? pty.input : link.input,
      serialPty: pty ? undefined : options.serialPty,
      onPinChange: options.onPinChange, onStart: options.onStart, sensorInputs: options.sensorInputs, realTime: options.realTime, profile,
    });
  } catch (error) {
    pty?.close();
    link.close();
    sink.end();
    options.stderr(`mote: the ${board.simulator.kind} simulator for '${board.id}' failed: ${error instanceof Error ? error.message : String(error)}`);
    return { exitCode: null, reason: "error" };
  }
  pty?.close();
  if (pty && pty.dropped > 0) {
    options.stderr(`mote: ${pty.dropped} bytes of the console were lost: nothing read ${pty.path} while the device wrote (open it with mote bridge --port or a serial tool while the board runs)`);
  }
  link.close();
  sink.end();

  // On a timeout the simulator's own "stopped after the timeout" line is replaced by ours.
  const log = result.reason === "timeout"
    ? result.simulatorLog.split("\n").filter((line) => !/\btimeout\b/.test(line)).join("\n").trim()
    : result.simulatorLog;
  if (log) options.stderr(log);
  if (result.reason === "timeout") {
    options.stderr(`mote: the program did not finish within ${formatSeconds(timeoutMs)}; it was stopped (allow longer with --timeout <seconds>)`);
    return { exitCode: null, reason: "timeout" };
  }
  if (result.reason === "stopped") return { exitCode: null, reason: "stopped" };
  if (result.reason === "error") {
    if (!result.simulatorLog) options.stderr(`mote: the ${board.simulator.kind} simulator stopped with an error`);
    return { exitCode: null, reason: "error" };
  }
  return { exitCode: result.exitCode, reason: "exit" };
}

/**
 * The console's link frames (DESIGN.md, "One UART, three streams") are taken out of what the
 * user sees; with a broker they go to a bridge, whose answers are the device's console
 * input. Without one, the first frame earns a note saying how to give the device a broker.
 */
async function linkFor(options: StreamingOptions, sink: ConsoleSink) {
  const { FrameReader } = await import("../../flash-tool/link/index.ts");
  if (options.broker === undefined) {
    let noted = false;
    const reader = new FrameReader(() => {
      if (noted) return;
      noted = true;
      options.stderr("mote: the app talks to a broker (telemetry, MQTT); run it with --broker <url> (start one with 'mote broker') to connect it");
    }, (bytes) => sink.write(bytes));
    return { reader, input: undefined, close() {} };
  }
  const [{ Bridge }, { InputQueue }] = await Promise.all([import("../../flash-tool/telemetry/bridge.ts"), import("../sim/input-queue.ts")]);
  const input = new InputQueue();
  const bridge = new Bridge({ broker: options.broker, toDevice: (bytes) => input.push(bytes), log: (line) => options.stderr(`mote bridge: ${line}`) });
  // The device boots with the run: no stream from an earlier bridge to close (bridge.start()).
  const reader = new FrameReader((frame) => bridge.receive(frame), (bytes) => sink.write(bytes));
  return { reader, input, close() { bridge.close(); input.end(); } };
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** `mote run` in-process: everything collected. Each call builds in its own directory. */
export async function runApp(entry: string, boardId: string, options: RunAppOptions = {}): Promise<RunAppResult> {
  const out: Uint8Array[] = [];
  const err: string[] = [];
  const ended = await runAppStreaming(entry, boardId, {
    ...options,
    stdout: (bytes) => out.push(Uint8Array.from(bytes)),
    stderr: (text) => err.push(text),
  });
  return {
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: err.map((t) => (t.endsWith("\n") ? t : `${t}\n`)).join(""),
    exitCode: ended.exitCode,
    reason: ended.reason,
  };
}
