// The host board (issue 8, items 5 and 6): the same app source, bundled with ports/host, runs
// on Node with simulated pins, and is the reference a native run is compared against. Host
// runs take real time (Node's own timers), so these are kept short.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBoard, hostBoard } from "../../boards/index.ts";
import { bundleForHost } from "../../ports/host/bundle.ts";
import { build } from "../../sdk/compiler/index.ts";
import { runApp } from "../../sdk/cli/run-app.ts";
import { bootImageOf, targetFor, type PinInput, type RunOptions, type TargetControl } from "../../sdk/sim/index.ts";
import { runOnNode } from "../conformance/node-runner.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.join(here, "../../examples");
const fixtures = path.join(here, "fixtures");

async function onHost(file: string, options: Omit<RunOptions, "board" | "image">) {
  const bundled = await bundleForHost(file, hostBoard, path.join(mkdtempSync(path.join(tmpdir(), "mote-host-")), "app.mjs"));
  if (!bundled.ok) throw new Error(bundled.diagnostics);
  return targetFor(hostBoard).run({ board: hostBoard, image: { scriptPath: bundled.script }, timeoutMs: 30_000, ...options });
}

function onPico(file: string, options: Omit<RunOptions, "board" | "image">) {
  const board = findBoard("pico");
  const built = build({ entry: file, board, outDir: mkdtempSync(path.join(tmpdir(), "mote-host-pico-")), forSimulator: true });
  if (!built.ok) throw new Error(built.diagnostics);
  return targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 60_000, ...options });
}

describe("the host board", () => {
  it("is found by id but is not among the native boards an image is built for", () => {
    expect(findBoard("host")).toBe(hostBoard);
    const result = build({ entry: path.join(examples, "blinky/app.ts"), board: hostBoard, forSimulator: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics).toMatch(/board 'host' runs the app on Node/);
  });

  it("runs blinky: the LED toggles, in order, at least 500 ms apart", async () => {
    const changes: Array<{ pin: string; level: number; timeMs: number }> = [];
    const run = await onHost(path.join(examples, "blinky/app.ts"), {
      stopAtMs: 1_800,
      onPinChange: (pin, level, timeMs) => changes.push({ pin, level, timeMs: timeMs! }),
    });
    expect(run.reason, run.simulatorLog).toBe("stopped");
    expect(changes.map((c) => `${c.pin} ${c.level}`)).toEqual(["LED 1", "LED 0", "LED 1"]);
    // Node's timers count whole milliseconds of the loop's clock and the pin's time is read
    // with a fraction, so a toggle can be a fraction of a millisecond under its 500 ms mark.
    changes.forEach((c, i) => expect(c.timeMs).toBeGreaterThan(500 * (i + 1) - 1));
    for (let i = 1; i < changes.length; i++) expect(changes[i].timeMs - changes[i - 1].timeMs).toBeGreaterThan(499);
  });

  it("runs button: the LED follows the button, bounces filtered, and prints what pico prints", async () => {
    // Released (the pull-up holds 1), pressed at 300 ms with two bounces, released at 700 ms.
    const pinInputs: PinInput[] = [
      { pin: "BUTTON", level: 1, atMs: 0 },
      { pin: "BUTTON", level: 0, atMs: 300 },
      { pin: "BUTTON", level: 1, atMs: 303 },
      { pin: "BUTTON", level: 0, atMs: 306 },
      { pin: "BUTTON", level: 1, atMs: 700 },
    ];
    const runs = [] as Array<{ stdout: string; led: Array<{ level: number; timeMs: number }> }>;
    for (const boot of [onHost, onPico]) {
      let stdout = "";
      const led: Array<{ level: number; timeMs: number }> = [];
      const run = await boot(path.join(examples, "button/app.ts"), {
        stopAtMs: 1_000,
        pinInputs,
        onConsole: (bytes) => { stdout += Buffer.from(bytes).toString(); },
        onPinChange: (pin, level, timeMs) => { if (pin === "LED") led.push({ level, timeMs: timeMs! }); },
      });
      expect(run.reason, run.simulatorLog).toBe("stopped");
      runs.push({ stdout, led });
    }
    const [host, pico] = runs;
    expect(host.stdout).toBe("pressed\nreleased\n");
    expect(pico.stdout).toBe(host.stdout);
    expect(host.led.map((c) => c.level)).toEqual([1, 0]);
    expect(pico.led.map((c) => c.level)).toEqual([1, 0]);
    // 20 ms of debounce after the last bounce (306 ms) and after the release (700 ms). Node's
    // timers are late by however busy the machine is, and count whole milliseconds of the
    // loop's clock, which may be up to one behind the pin's fractional time.
    expect(host.led[0].timeMs).toBeGreaterThan(325 - 1);
    expect(host.led[1].timeMs).toBeGreaterThan(720 - 1);
  });

  it("drives an input live through onStart's setPin", async () => {
    let stdout = "";
    const stop = new AbortController();
    let button: TargetControl | undefined;
    const run = await onHost(path.join(examples, "button/app.ts"), {
      signal: stop.signal,
      // Pressed as soon as the board runs (held until it boots), released once it says so.
      onStart: (control) => {
        button = control;
        control.setPin("BUTTON", 0);
      },
      onConsole: (bytes) => {
        stdout += Buffer.from(bytes).toString();
        if (stdout === "pressed\n") button!.setPin("BUTTON", 1);
        if (stdout === "pressed\nreleased\n") stop.abort();
      },
    });
    expect(run.reason, run.simulatorLog).toBe("stopped");
    expect(stdout).toBe("pressed\nreleased\n");
  });

  it("prints a conformance program's output exactly as Node prints it (timers-event-loop)", async () => {
    const file = path.join(here, "../conformance/timers-event-loop.ts");
    const [node, host] = await Promise.all([runOnNode(file), runApp(file, "host")]);
    expect(host.reason, host.stderr).toBe("exit");
    expect(host.exitCode).toBe(node.exitCode);
    expect(host.stdout).toBe(node.stdout);
  });

  it("knows the board, the reset reason and the time (device, millis, micros, sleep)", async () => {
    const host = await runApp(path.join(fixtures, "device.ts"), "host");
    expect(host.reason, host.stderr).toBe("exit");
    expect(host.stdout).toBe("host power-on true true\nslept true true true\n");
    expect(host.exitCode).toBe(0);
  });

  it("ends a crash with exit code 1 and Node's stack trace on the .ts lines", async () => {
    const host = await runApp(path.join(fixtures, "throws.ts"), "host");
    expect(host.reason).toBe("exit");
    expect(host.exitCode).toBe(1);
    expect(host.stdout).toBe("before\n");
    expect(host.stderr).toContain("Error: boom on the host");
    expect(host.stderr).toMatch(/throws\.ts:4:\d+/);
  });

  it("stops an app that never returns to the event loop at the timeout", async () => {
    const host = await runApp(path.join(fixtures, "spins.ts"), "host", { timeoutMs: 1_500 });
    expect(host.reason).toBe("timeout");
    expect(host.stdout).toBe("spinning\n");
  });

  it("restarts an app stuck past the watchdog's timeout, which then says why it started", async () => {
    let stdout = "";
    const run = await onHost(path.join(here, "../boards/fixtures/watchdog-stuck.ts"), {
      onConsole: (bytes) => { stdout += Buffer.from(bytes).toString(); },
    });
    // The second boot has nothing left to do, and ends.
    expect(run.reason, run.simulatorLog).toBe("exit");
    expect(run.exitCode).toBe(0);
    expect(stdout).toBe("boot power-on\nstill fed\nboot watchdog\n");
    expect(run.simulatorLog).toContain("the watchdog reset the app");
  });

  it("starts the app again after reset(), with device.resetReason \"reset\"", async () => {
    const host = await runApp(path.join(fixtures, "resets.ts"), "host");
    expect(host.reason, host.stderr).toBe("exit");
    expect(host.stdout).toBe("boot power-on\nboot reset\n");
    expect(host.exitCode).toBe(0);
  });

  it("rejects a pin the board lacks with the same type error as a device build", async () => {
    const bundled = await bundleForHost(path.join(fixtures, "no-button.ts"), hostBoard, path.join(tmpdir(), "never.mjs"));
    expect(bundled.ok).toBe(false);
    if (!bundled.ok) expect(bundled.diagnostics).toMatch(/no-button\.ts:4:\d+ - error TS(2339|2551): Property 'BUTTON2' does not exist on type 'HostPins'/);
  });
});
