// The host board's Target: the app bundled for Node (ports/host/bundle.ts) runs in a child
// Node process, so an app that spins forever cannot hang the caller (it is killed at the
// timeout) and a crash is the process's exit code, with Node's own stack trace (source-mapped
// to the .ts lines) as the simulator log. The child's stdout is the console, unchanged; its
// pin changes and watchdog come on fd 3 as JSON lines, and inputs go to it as IPC messages
// (ports/host/link.ts). reset() and an expired watchdog start the app again, as a device
// restarts, with device.resetReason saying why.
//
// Time is real time: the app's clock starts when its bundle starts running (its boot), and
// pin-change times, pinInputs and stopAtMs are on that clock, continuing across restarts.

import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { BOOT_ENV, EVENT_FD, type HostBoot, type HostEvent, type HostInput } from "../../ports/host/link.ts";
import type { PinInput, RunOptions, RunResult, Target } from "./types.ts";

export const hostTarget: Target = { run: runHost };

/** App processes still running: killed if the caller exits first (Ctrl-C on `mote run`). */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => live.forEach((c) => c.kill("SIGKILL")));
  }
  live.add(child);
  child.on("exit", () => live.delete(child));
}

/** A late feed is a reset only this much after its due time: the feeder and the feed's trip
 *  through a pipe are Node timers and I/O, not a chip's counter. */
const WATCHDOG_SLACK_MS = 50;

async function runHost(options: RunOptions): Promise<RunResult> {
  const { board } = options;
  if (board.simulator.kind !== "host") {
    throw new Error(`board '${board.id}' is simulated by ${board.simulator.kind}, not the host port; use targetFor(board) from sdk/sim`);
  }
  if (options.profile) throw new Error("profiling counts instructions per address in rp2040js: it runs on the pico, not on the host port");
  if (!("scriptPath" in options.image)) throw new Error(`board '${board.id}' runs a host script (ports/host/bundle.ts), not an image`);
  if (options.gdbPort !== undefined) throw new Error(`gdbPort is supported on QEMU boards only; board '${board.id}' runs on Node`);
  const script = options.image.scriptPath;
  const pinNumber = (name: string): number => {
    const pin = board.pins[name];
    if (pin === undefined) throw new Error(`board '${board.id}' has no pin '${name}'; its pins are ${Object.keys(board.pins).join(", ")}`);
    return pin;
  };
  const pinName = new Map(Object.entries(board.pins).map(([name, pin]) => [pin, name]));
  const inputs = (options.pinInputs ?? []).map((input: PinInput) => ({ pin: pinNumber(input.pin), level: input.level, atMs: input.atMs }));

  return new Promise<RunResult>((resolve) => {
    let child: ChildProcess | undefined;
    let log = "";
    let ended = false;
    /** performance.now() at the first boot, and the current child's boot on that clock. */
    let firstBoot: number | undefined;
    let bootOffset = 0;
    /** Whether the current child listens for inputs yet; what waits for it. */
    let booted = false;
    const queued: HostInput[] = [];
    let restartReason: string | undefined;
    let watchdogMs = 0;
    let watchdogTimer: NodeJS.Timeout | undefined;
    const timers: NodeJS.Timeout[] = [];

    const finish = (reason: RunResult["reason"], exitCode: number | null, note?: string) => {
      if (ended) return;
      ended = true;
      for (const t of timers) clearTimeout(t);
      clearTimeout(watchdogTimer);
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      if (note) log += `${log && !log.endsWith("\n") ? "\n" : ""}${note}\n`;
      resolve({ reason, exitCode, simulatorLog: log.trimEnd() });
    };

    const armWatchdog = () => {
      clearTimeout(watchdogTimer);
      watchdogTimer = setTimeout(() => {
        log += `mote: the watchdog reset the app: it did not return to the event loop within ${watchdogMs} ms\n`;
        restart("watchdog");
      }, watchdogMs + WATCHDOG_SLACK_MS);
    };

    const onEvent = (event: HostEvent) => {
      switch (event.type) {
        case "boot": {
          const now = performance.now();
          if (firstBoot === undefined) {
            firstBoot = now;
            if (options.stopAtMs !== undefined) timers.push(setTimeout(() => finish("stopped", null), options.stopAtMs));
          }
          bootOffset = now - firstBoot;
          booted = true;
          for (const input of queued.splice(0)) child?.send(input);
          return;
        }
        case "pin": {
          const name = pinName.get(event.pin);
          if (name !== undefined) options.onPinChange?.(name, event.level, bootOffset + event.atMs);
          return;
        }
        case "watchdog-start":
          watchdogMs = event.timeoutMs;
          armWatchdog();
          return;
        case "watchdog-feed":
          if (watchdogMs > 0) armWatchdog();
          return;
        case "reset":
          restartReason = "reset";
          return;
      }
    };

    /** Ends the app process and starts it again, as a device resets. */
    const restart = (reason: string) => {
      restartReason = reason;
      clearTimeout(watchdogTimer);
      watchdogMs = 0;
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    };

    const start = (resetReason: string) => {
      // Inputs still to come, on the new boot's clock (its boot is a little after now).
      const offset = firstBoot === undefined ? 0 : performance.now() - firstBoot;
      booted = false;
      const boot: HostBoot = {
        resetReason,
        pinInputs: inputs.filter((i) => i.atMs > offset || (i.atMs <= 0 && offset === 0)).map((i) => ({ ...i, atMs: i.atMs - offset })),
      };
      const stdio: Array<"ignore" | "pipe" | "ipc"> = ["ignore", "pipe", "pipe", "ignore", "ipc"];
      stdio[EVENT_FD] = "pipe";
      const process_ = spawn(process.execPath, ["--enable-source-maps", script], {
        stdio, env: { ...process.env, [BOOT_ENV]: JSON.stringify(boot) },
      });
      child = process_;
      track(process_);
      process_.stdout!.on("data", (bytes: Buffer) => { if (!ended) options.onConsole?.(new Uint8Array(bytes)); });
      process_.stderr!.on("data", (bytes: Buffer) => { log += bytes.toString("utf8"); });
      let pending = "";
      const events = process_.stdio[EVENT_FD] as NodeJS.ReadableStream;
      events.on("data", (bytes: Buffer) => {
        pending += bytes.toString("utf8");
        const lines = pending.split("\n");
        pending = lines.pop()!;
        for (const line of lines) if (!ended && line) onEvent(JSON.parse(line) as HostEvent);
      });
      process_.on("error", (error) => finish("error", null, `mote: could not start Node for the host board: ${error.message}`));
      // "close": stdout, stderr and the events have all been read.
      process_.on("close", (code, signal) => {
        if (ended || child !== process_) return;
        clearTimeout(watchdogTimer);
        if (restartReason !== undefined) {
          const reason = restartReason;
          restartReason = undefined;
          start(reason);
          return;
        }
        if (code !== null) finish("exit", code);
        else finish("error", null, `mote: the app's Node process was killed by ${signal}`);
      });
    };

    options.onStart?.({
      setPin(name, level) {
        const input: HostInput = { pin: pinNumber(name), level };
        if (booted && child?.connected) child.send(input);
        else queued.push(input);
      },
      async setSensor(sensor) {
        throw new Error(`the host board simulates no ${sensor} yet`);
      },
    });
    options.signal?.addEventListener("abort", () => finish("stopped", null));
    if (options.timeoutMs !== undefined) {
      timers.push(setTimeout(() => finish("timeout", null, `mote: stopped the app's Node process after the ${options.timeoutMs} ms timeout`), options.timeoutMs));
    }
    start("power-on");
  });
}
