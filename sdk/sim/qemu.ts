// QEMU machine models as a Target: one qemu-system-arm process per run. The guest's console
// UART is QEMU's stdout, its exit code is QEMU's exit status (semihosting SYS_EXIT_EXTENDED),
// and everything QEMU says on stderr becomes the run's simulatorLog.
// Facts used here were checked on QEMU 7.2 (../shared/BOARDS.md, "All QEMU machines").

import { REPO_ROOT } from "../paths.js";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants as fsConstants, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Board } from "../../boards/types.ts";
import { nativeImage, type RunOptions, type RunResult, type SensorKind, type Target } from "./types.ts";
import { QmpClient } from "./qmp.ts";
import { listenForHolds, loadFlashFile, saveFlashFile, type HoldEvent } from "./qemu-flash.ts";
import { ConsoleInput } from "./console-input.ts";
import { QtestLink } from "./qtest.ts";
import { findSensor } from "./sensors.ts";
import { powerOnBits, wallClockWords } from "./power-on.ts";

const QEMU_BINARY = "qemu-system-arm";
const INSTALL_HINT = "install it with: sudo apt-get install qemu-system-arm";

/** Lines QEMU prints on every start of some machines; they say nothing about the run. */
/** What QEMU says on stdout when -serial pty has made the console's pseudo-terminal. */
const PTY_LINE = /^char device redirected to (\/dev\/\S+) \(label serial0\)$/;

const HARMLESS_STDERR = [
  /^Timer with period zero, disabling$/, // lm3s6965evb: the GPTM is probed before it is set up
  /^qemu-system-arm: terminating on signal 15/, // a run stopped by its caller (terminateGroup)
];

/**
 * With `-icount sleep=off`, QEMU says this when every vCPU is halted and no timer is armed:
 * the guest sleeps in WFI and only outside input could wake it. Without console input (or
 * once it has ended) the run would hang until its timeout; it is ended at once instead, as
 * rp2040.ts does. Under `-S` (waiting for gdb) the line also appears at start-up and means
 * nothing.
 */
const ASLEEP_FOREVER = "icount sleep disabled and no active timers";
/** Host time a guest must stay silent after ASLEEP_FOREVER to be taken as asleep for good. */
const ASLEEP_GRACE_MS = 1_000;

export const qemuTarget: Target = { run: runQemu };

interface PinTrace { events: string[]; parse(line: string, state: number[]): Array<[number, 0 | 1]> }

/** QEMU's lm3s6965evb makes GPIO ports A–G the unattached devices 8–14 (seen in the trace:
 *  PF0 is device[13], the gamepad's PE lines device[12], as ../shared/BOARDS.md says). */
const LM3S_GPIO_DEVICE = (port: number) => `/machine/unattached/device[${8 + port}]`;

/**
 * How each machine's output pins show outside the guest: QEMU trace events (printed on
 * stderr), per machine, turned into (chip pin, level) pairs. mps2: the FPGAIO LED register
 * write (its LED model's own event starts at 100% before any write, so the register is the
 * truth; the same on AN385 and AN386); microbit: the nRF51 GPIO output lines.
 */
const MPS2_FPGAIO_LEDS: PinTrace = {
  events: ["mps2_fpgaio_write"],
  parse(line, state) {
    const m = /mps2_fpgaio_write .*offset 0x0 data 0x([0-9a-f]+)/.exec(line);
    if (!m) return [];
    const bits = parseInt(m[1], 16);
    const changes: Array<[number, 0 | 1]> = [];
    for (const pin of [0, 1]) {
      const level = ((bits >> pin) & 1) as 0 | 1;
      if ((state[pin] ?? 0) !== level) changes.push([pin, level]);
      state[pin] = level;
    }
    return changes;
  },
};

const PIN_TRACES: Record<string, PinTrace> = {
  "mps2-an385": MPS2_FPGAIO_LEDS,
  "mps2-an386": MPS2_FPGAIO_LEDS,
  "lm3s6965evb": {
    events: ["pl061_set_output"],
    parse(line, state) {
      const m = /pl061_set_output \/machine\/unattached\/device\[(\d+)\] setting output (\d+) to (\d+)/.exec(line);
      if (!m) return [];
      const pin = (Number(m[1]) - 8) * 8 + Number(m[2]);
      const level: 0 | 1 = Number(m[3]) > 0 ? 1 : 0;
      if ((state[pin] ?? 0) === level) return [];
      state[pin] = level;
      return [[pin, level]];
    },
  },
  microbit: {
    events: ["nrf51_gpio_update_output_irq"],
    parse(line, state) {
      const m = /nrf51_gpio_update_output_irq line (\d+) value (-?\d+)/.exec(line);
      if (!m || Number(m[2]) < 0) return [];
      const pin = Number(m[1]);
      const level: 0 | 1 = Number(m[2]) > 0 ? 1 : 0;
      // A pin is low out of reset; only a change of the level it drives is reported.
      if ((state[pin] ?? 0) === level) return [];
      state[pin] = level;
      return [[pin, level]];
    },
  },
};

let qemuPath: string | null | undefined;

/** Whether qemu-system-arm is on the PATH (looked up once per process). */
export function qemuAvailable(): boolean {
  if (qemuPath === undefined) qemuPath = findOnPath(QEMU_BINARY);
  return qemuPath !== null;
}

/**
 * The qemu-system-arm arguments for one run. `-icount shift=0,sleep=off` makes guest time a
 * function of executed instructions (1 ns each), so timer-driven programs behave the same on
 * every run, and skips the time the guest sleeps in WFI instead of waiting for it.
 */
export function qemuArguments(
  board: Board,
  elfPath: string,
  extra: {
    pluginPath?: string; pluginOutput?: string; pluginHold?: string; pluginCut?: number; gdbPort?: number; tracePins?: boolean; realTime?: boolean; qtestSocket?: string; qmpSocket?: string;
    serialPty?: boolean; powerOnSeed?: number; wallClock?: number;
  } = {},
): string[] {
  if (board.simulator.kind !== "qemu") {
    throw new Error(`board '${board.id}' is not a QEMU machine (its simulator is ${board.simulator.kind})`);
  }
  const args = [
    "-M", board.simulator.machine,
    "-display", "none",
    "-monitor", "none",
    // The console UART: the run's stdio, or a pseudo-terminal any serial tool can open.
    "-serial", extra.serialPty ? "pty" : "stdio",
    "-semihosting-config", "enable=on,target=native",
    "-icount", extra.realTime ? "shift=0,sleep=on" : "shift=0,sleep=off",
    "-kernel", elfPath,
  ];
  if (extra.pluginPath) {
    // QEMU option values escape a comma by doubling it.
    const escape = (value: string) => value.replaceAll(",", ",,");
    let plugin = escape(extra.pluginPath);
    if (extra.pluginOutput) plugin += `,out=${escape(extra.pluginOutput)}`;
    if (extra.pluginHold) plugin += `,hold=${escape(extra.pluginHold)}`;
    if (extra.pluginCut !== undefined) plugin += `,cut=${extra.pluginCut}`;
    args.push("-plugin", plugin);
  }
  if (extra.gdbPort !== undefined) {
    // -S: stay halted at reset until the debugger says continue. Listen on loopback only.
    args.push("-S", "-gdb", `tcp:127.0.0.1:${extra.gdbPort}`);
  }
  if (extra.qtestSocket) args.push("-qtest", `unix:${extra.qtestSocket},server=on,wait=off`, "-qtest-log", "/dev/null");
  if (extra.qmpSocket) {
    // Halted until the host has set the sensors' first values and says `cont` over QMP.
    args.push("-qmp", `unix:${extra.qmpSocket.replaceAll(",", ",,")},server=on,wait=off`);
    if (extra.gdbPort === undefined) args.push("-S");
  }
  if (extra.tracePins) for (const event of PIN_TRACES[board.simulator.machine]?.events ?? []) args.push("-trace", event);
  if (extra.powerOnSeed !== undefined) {
    // QEMU's generic loader writes the word at power-on and again at each reset, like SRAM
    // that keeps what it settled to: one random value per QEMU process.
    args.push("-device", `loader,addr=0x${extra.powerOnSeed.toString(16)},data=0x${powerOnBits().toString(16)},data-len=4`);
  }
  if (extra.wallClock !== undefined) {
    // Written again at each reset too: after a reset the board's clock restarts from the
    // time QEMU started (a device without a battery-backed clock is told the time again).
    const at = extra.wallClock;
    wallClockWords().forEach((word, i) => args.push("-device", `loader,addr=0x${(at + 4 * i).toString(16)},data=0x${word.toString(16)},data-len=4`));
  }
  args.push(...board.simulator.extraArgs);
  return args;
}

/** Live QEMU processes of this Node process, killed if Node exits before they do. */
const liveProcesses = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** Asks QEMU to end (SIGTERM: it shuts down as on a normal exit, so the instruction-count
 *  plugin still writes its count), and kills it if it has not after STOP_GRACE_MS. */
function terminateGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  setTimeout(() => killGroup(child), STOP_GRACE_MS).unref();
}

const STOP_GRACE_MS = 2000;
/** How long a QMP command that failed waits for QEMU's end, which would explain it. */
const QMP_END_GRACE_MS = 1000;

async function runQemu(options: RunOptions): Promise<RunResult> {
  const { board } = options;
  if (board.simulator.kind !== "qemu") {
    throw new Error(`board '${board.id}' is simulated by ${board.simulator.kind}, not QEMU; use targetFor(board) from sdk/sim`);
  }
  const image = nativeImage(options);
  if (options.profile) {
    throw new Error(`profiling counts instructions per address in rp2040js: it runs on the pico, not on QEMU's '${board.simulator.machine}' machine`);
  }
  if (!qemuAvailable()) {
    throw new Error(`${QEMU_BINARY} was not found on the PATH, and board '${board.id}' runs on QEMU's '${board.simulator.machine}' machine; ${INSTALL_HINT}`);
  }
  // A persistent flash and a power cut need the plugin to hold the guest, QMP to save the
  // flash and qtest to load it (qemu-flash.ts).
  const flashFile = options.flashFile;
  const cutAt = options.powerCutAtInstruction;
  const holding = flashFile !== undefined || cutAt !== undefined;
  if (cutAt !== undefined && !(Number.isInteger(cutAt) && cutAt >= 0)) {
    throw new Error(`powerCutAtInstruction must be a whole number of instructions, got ${cutAt}`);
  }
  const workDir = options.countInstructions || holding ? await mkdtemp(path.join(tmpdir(), "mote-qemu-")) : undefined;
  try {
    const pluginOutput = workDir ? path.join(workDir, "instructions") : undefined;
    const pluginPath = workDir ? await instructionCountPlugin() : undefined;
    const machine = board.simulator.machine;
    const drive = PIN_INPUTS[machine];
    const wantsInputs = options.onStart !== undefined || (options.pinInputs?.length ?? 0) > 0;
    // Sensors are set over QMP, on a machine held at reset (-S) until their first values are in.
    const sensorControl = (board.sensors?.length ?? 0) > 0 && (options.onStart !== undefined || (options.sensorInputs?.length ?? 0) > 0);
    const socketDir = (drive && wantsInputs) || sensorControl || holding ? await mkdtemp(path.join(tmpdir(), "mote-qemu-control-")) : undefined;
    const qtestSocket = socketDir && ((drive && wantsInputs) || flashFile !== undefined) ? path.join(socketDir, "qtest.sock") : undefined;
    const qmpSocket = socketDir && (sensorControl || holding) ? path.join(socketDir, "qmp.sock") : undefined;
    const holdSocket = socketDir && holding ? path.join(socketDir, "hold.sock") : undefined;
    let qmp: QmpClient | undefined;
    let cut = false;
    const saveFlash = async () => {
      if (flashFile !== undefined && qmp) await saveFlashFile(qmp, board, flashFile);
    };
    const holds = holdSocket ? await listenForHolds(holdSocket, async (event: HoldEvent) => {
      await saveFlash();
      if (event === "cut") cut = true;
    }) : undefined;
    const args = qemuArguments(board, image.elfPath, {
      pluginPath, pluginOutput, pluginHold: holdSocket, pluginCut: cutAt, gdbPort: options.gdbPort, tracePins: options.onPinChange !== undefined, realTime: options.realTime, qtestSocket, qmpSocket,
      serialPty: options.serialPty !== undefined, powerOnSeed: image.powerOnSeed, wallClock: image.wallClock,
    });
    // Stopped by the caller's signal, or here if the inputs cannot be set up.
    const stop = new AbortController();
    // A persistent flash is saved before a stopped machine goes.
    options.signal?.addEventListener("abort", () => {
      if (flashFile === undefined || !qmp) return stop.abort();
      void qmp.command("stop").then(saveFlash).catch(() => undefined).finally(() => stop.abort());
    });
    const consoleInput = new ConsoleInput(options.consoleInput);
    const running = spawnQemu(args, { ...options, signal: stop.signal }, consoleInput, pinWatcher(board, options));
    let link: QtestLink | undefined;
    let exited = false;
    running.then(() => { exited = true; }, () => { exited = true; });
    try {
      if (qmpSocket) {
        const connecting = QmpClient.connect(qmpSocket, () => !exited);
        connecting.catch(() => undefined);
        qmp = await Promise.race([connecting, running.then(() => undefined)]);
      }
      if (qtestSocket) {
        // A program may end before the socket is up: then there is nothing left to drive.
        const opening = QtestLink.open(qtestSocket);
        opening.catch(() => undefined);
        link = await Promise.race([opening, running.then(() => undefined)]);
      }
      // A program that has already ended has nothing left to drive.
      const ended = qtestSocket !== undefined && link === undefined;
      if (link && flashFile !== undefined) await loadFlashFile(link, board, image, flashFile);
      const setPin = (name: string, level: 0 | 1): void => {
        const pin = board.pins[name];
        if (pin === undefined) throw new Error(`board '${board.id}' has no pin '${name}'; its pins are ${Object.keys(board.pins).join(", ")}`);
        if (!link || !drive) throw new Error(`driving pins of QEMU's '${machine}' machine is not supported yet`);
        link.command(drive(pin, level)).catch(() => {}); // a machine that has stopped takes no input
      };
      const setSensor = async (kind: SensorKind, value: number): Promise<void> => {
        const sensor = findSensor(board, kind);
        if (!sensor.qomPath) throw new Error(`board '${board.id}': its ${kind} has no qomPath, so QMP cannot reach it`);
        // QEMU's tmp105 takes its temperature in milli-°C as a QOM property (hw/sensor/tmp105.c).
        await qmp?.command("qom-set", { path: sensor.qomPath, property: "temperature", value: Math.round(value * 1000) });
      };
      for (const input of options.sensorInputs ?? []) {
        findSensor(board, input.sensor);
        if (input.atMs !== undefined && input.atMs > 0) {
          throw new Error(`QEMU boards take sensor values at start or live (onStart), not at ${input.atMs} ms: ` +
            "QEMU's guest time cannot be scheduled from outside");
        }
        await setSensor(input.sensor, input.value);
      }
      for (const input of options.pinInputs ?? []) {
        // QEMU's guest time cannot be scheduled from outside: only levels at start are taken.
        if (input.atMs > 0) throw new Error(`QEMU boards take pin inputs at start (atMs 0) or live (onStart), not at ${input.atMs} ms`);
        setPin(input.pin, input.level);
      }
      if (!ended) options.onStart?.({ setPin, setSensor });
      // Under a debugger, gdb says when to continue.
      if (qmp && options.gdbPort === undefined) {
        try {
          await qmp.command("cont");
        } catch (error) {
          // A program that ends at once takes QEMU down before it has answered.
          const ends = await Promise.race([running.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(resolve, QMP_END_GRACE_MS, false))]);
          if (!ends) throw error;
        }
      }
    } catch (error) {
      link?.close();
      qmp?.close();
      holds?.close();
      stop.abort();
      await running.catch(() => undefined);
      if (socketDir) await rm(socketDir, { recursive: true, force: true });
      throw error;
    }
    const outcome = await running;
    link?.close();
    qmp?.close();
    holds?.close();
    if (socketDir) await rm(socketDir, { recursive: true, force: true });

    const harmless = options.gdbPort === undefined ? HARMLESS_STDERR : [...HARMLESS_STDERR, new RegExp(ASLEEP_FOREVER)];
    const log = outcome.stderr
      .split("\n")
      .filter((line) => !harmless.some((pattern) => pattern.test(line)))
      .join("\n")
      .trim();
    const notes: string[] = log ? [log] : [];
    if (consoleInput.failure) notes.push(consoleInput.failure);
    let result: RunResult;
    if (outcome.stopped || cut) {
      result = { reason: "stopped", exitCode: null, simulatorLog: "" };
    } else if (outcome.timedOut) {
      notes.push(`mote: stopped QEMU after the ${options.timeoutMs} ms timeout`);
      result = { reason: "timeout", exitCode: null, simulatorLog: "" };
    } else if (outcome.asleepForever) {
      notes.push("mote: core sleeping with no wake-up source: the guest waits in WFI/WFE with no timer running, and nothing else can wake it");
      result = { reason: "error", exitCode: null, simulatorLog: "" };
    } else if (outcome.signal !== null) {
      // A guest lockup ("qemu: fatal: Lockup: can't escalate …") ends in abort().
      notes.push(`mote: QEMU was killed by ${outcome.signal}`);
      result = { reason: "error", exitCode: null, simulatorLog: "" };
    } else if (outcome.code !== 0 && qemuComplained(log)) {
      // QEMU's own failures (bad option, unloadable ELF) exit 1 like a guest could; they are
      // told apart by QEMU's error line on stderr.
      result = { reason: "error", exitCode: null, simulatorLog: "" };
    } else {
      result = { reason: "exit", exitCode: outcome.code, simulatorLog: "" };
    }
    if (pluginOutput) {
      // The plugin writes its count when QEMU exits normally; a killed QEMU leaves none.
      const counted = await readFile(pluginOutput, "utf8").catch(() => undefined);
      if (counted !== undefined && /^\d+\s*$/.test(counted)) {
        result.instructions = Number(counted.trim());
      } else if (result.reason === "exit") {
        notes.push("mote: the instruction-count plugin wrote no count");
      }
    }
    result.simulatorLog = notes.join("\n");
    return result;
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

function qemuComplained(log: string): boolean {
  return log.split("\n").some((line) => /^qemu(-system-arm)?: (?!warning:)/.test(line));
}

interface QemuOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
  asleepForever: boolean;
  stopped: boolean;
}

/**
 * How to drive each machine's input pins from outside (qtest `set_irq_in`), by chip pin:
 * microbit: the nRF51's GPIO input lines (a level set there overrides the pin's pull);
 * lm3s6965evb: the gamepad buttons are GPIO lines of the board's GPIO blocks (BOARDS.md).
 */
const PIN_INPUTS: Partial<Record<string, (pin: number, level: 0 | 1) => string>> = {
  microbit: (pin, level) => `set_irq_in /machine/nrf51 unnamed-gpio-in ${pin} ${level}`,
  "lm3s6965evb": (pin, level) => `set_irq_in ${LM3S_GPIO_DEVICE(pin >> 3)} unnamed-gpio-in ${pin & 7} ${level}`,
};

/** Turns the pin trace lines of QEMU's stderr into onPinChange calls; other lines pass on. */
function pinWatcher(board: Board, options: RunOptions): ((line: string) => boolean) | undefined {
  const trace = board.simulator.kind === "qemu" ? PIN_TRACES[board.simulator.machine] : undefined;
  if (!trace || !options.onPinChange) return undefined;
  // A pin may have more than one name (mps2's LED1 is also RELAY): each is reported.
  const names = new Map<number, string[]>();
  for (const [name, pin] of Object.entries(board.pins)) names.set(pin, [...(names.get(pin) ?? []), name]);
  const state: number[] = [];
  return (line) => {
    if (!trace.events.some((event) => line.startsWith(event))) return false;
    for (const [pin, level] of trace.parse(line, state)) {
      for (const name of names.get(pin) ?? []) options.onPinChange!(name, level, undefined);
    }
    return true;
  };
}

function spawnQemu(args: string[], options: RunOptions, input: ConsoleInput, pinLine?: (line: string) => boolean): Promise<QemuOutcome> {
  return new Promise((resolve, reject) => {
    // detached: QEMU leads its own process group, so a timeout kills everything it started.
    const child = spawn(qemuPath ?? QEMU_BINARY, args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
    liveProcesses.add(child);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on("exit", () => liveProcesses.forEach(killGroup));
    }
    let stderr = "";
    let timedOut = false;
    let asleepForever = false;
    let stopped = false;
    let partialLine = "";
    let ptyReported = false;
    options.signal?.addEventListener("abort", () => {
      stopped = true;
      terminateGroup(child);
    });
    let asleepTimer: NodeJS.Timeout | undefined;
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      clearTimeout(asleepTimer);
      asleepTimer = undefined;
      if (options.serialPty === undefined) {
        options.onConsole?.(chunk);
        return;
      }
      // With -serial pty, QEMU's stdout carries only its own line naming the terminal.
      stdout += chunk.toString("utf8");
      const pty = PTY_LINE.exec(stdout.split("\n").find((line) => PTY_LINE.test(line)) ?? "");
      if (pty && !ptyReported) {
        ptyReported = true;
        options.serialPty(pty[1]);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (received: string) => {
      let text = received;
      if (pinLine) {
        // Whole lines only: a trace line is taken out of the log and reported as a pin change.
        const lines = (partialLine + received).split("\n");
        partialLine = lines.pop()!;
        text = lines.filter((line) => !pinLine(line)).map((line) => `${line}\n`).join("");
      }
      stderr += text;
      // Whoever holds the pseudo-terminal may write at any time: the guest waits for input.
      const inputMayCome = input.waiting || options.serialPty !== undefined;
      if (options.gdbPort === undefined && asleepTimer === undefined && !asleepForever && !inputMayCome && text.includes(ASLEEP_FOREVER)) {
        // QEMU also says it for a moment while the machine resets (SYSRESETREQ): the guest is
        // asleep for good only if it stays quiet.
        asleepTimer = setTimeout(() => {
          asleepForever = true;
          killGroup(child);
        }, ASLEEP_GRACE_MS);
      }
    });
    // The guest's console input is QEMU's stdin (-serial stdio), which QEMU reads only while
    // the guest's UART has room. stdin stays open until QEMU ends: its end is no hang-up to
    // QEMU, but nothing is gained by closing it.
    child.stdin.on("error", () => {});
    let running = true;
    void (async () => {
      while (running) {
        await input.next(1_000);
        for (const chunk of input.takeAll()) {
          if (running && !child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once("drain", resolve));
        }
        if (!input.waiting) break;
      }
    })();

    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);

    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      liveProcesses.delete(child);
      reject(error.code === "ENOENT"
        ? new Error(`${QEMU_BINARY} could not be started (${error.message}); ${INSTALL_HINT}`)
        : error);
    });
    // "close" (not "exit"): all of stdout has been delivered to onConsole by then.
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(asleepTimer);
      liveProcesses.delete(child);
      running = false;
      input.stop();
      child.stdin.destroy();
      const killedByUs = timedOut || asleepForever || stopped;
      resolve({ code, signal: killedByUs ? null : signal, stderr: stderr + partialLine, timedOut, asleepForever, stopped });
    });
  });
}

// --- instruction counting ----------------------------------------------------------------

const PLUGIN_SOURCE = path.join(REPO_ROOT, "sdk/sim/qemu-plugin/insn-count.c");
const PACKAGE_ROOT = path.resolve(path.dirname(PLUGIN_SOURCE), "../../..");
const PLUGIN_CACHE_DIR = path.join(PACKAGE_ROOT, "node_modules", ".cache", "mote");

let pluginBuild: Promise<string> | undefined;

/**
 * The instruction-count TCG plugin (sdk/sim/qemu-plugin/insn-count.c), compiled with the host
 * C compiler into node_modules/.cache/mote/ the first time it is needed and again whenever the
 * source is newer than the library.
 */
export function instructionCountPlugin(): Promise<string> {
  pluginBuild ??= buildPlugin().catch((error: unknown) => {
    pluginBuild = undefined;
    throw error;
  });
  return pluginBuild;
}

async function buildPlugin(): Promise<string> {
  const library = path.join(PLUGIN_CACHE_DIR, "insn-count.so");
  const libraryTime = statSync(library, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (libraryTime >= statSync(PLUGIN_SOURCE).mtimeMs) return library;

  const compiler = findOnPath("cc") ?? findOnPath("gcc");
  if (!compiler) {
    throw new Error("counting instructions on QEMU needs a host C compiler (cc) to build " +
      `${path.relative(process.cwd(), PLUGIN_SOURCE)}; install one with: sudo apt-get install gcc`);
  }
  await mkdir(PLUGIN_CACHE_DIR, { recursive: true });
  // Build beside the target and rename: parallel test workers may build at the same time.
  const partial = `${library}.${process.pid}.tmp`;
  try {
    await promisify(execFile)(compiler, [
      "-O2", "-shared", "-fPIC", "-fvisibility=hidden", "-Wall", "-Wextra", "-o", partial, PLUGIN_SOURCE,
    ]);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error);
    throw new Error(`building the QEMU instruction-count plugin with ${compiler} failed:\n${detail}`);
  }
  await rename(partial, library);
  return library;
}

function findOnPath(command: string): string | null {
  for (const directory of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, command);
    try {
      accessSync(candidate, fsConstants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
