// A simulated board running an SMP app with its flash in a file, for the image group's tests:
// the Pico in-process (rp2040js, its console UART fed from a queue), mps2-an385 through a
// real pseudo-terminal opened as a serial port. `stop()` ends the run with the flash saved,
// so a test can boot the same flash again, as a device comes back after a power-off.

import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, targetFor, type BootImage } from "../../sdk/sim/index.ts";
import type { PinInput } from "../../sdk/sim/types.ts";
import { InputQueue } from "../../sdk/sim/input-queue.ts";
import { openSerialPort } from "../../flash-tool/serial/port.ts";
import { SmpClient, type DuplexByteStream } from "../../flash-tool/smp/index.ts";

/** The simulated UART as a byte stream for the client. */
class SimulatedPort extends EventEmitter implements DuplexByteStream {
  readonly input = new InputQueue();
  write(bytes: Uint8Array): boolean {
    this.input.push(bytes);
    return true;
  }
}

export interface RunningDevice {
  client: SmpClient;
  /** The pty's path (QEMU boards), for a `mote` process to open. */
  pty?: string;
  console(): string;
  /** Bytes the host sent to the device and received from it (QEMU boards, over the pty). */
  wire: { sent: number; received: number };
  /** Ends the run; the flash file then holds the flash as it was. */
  stop(): Promise<void>;
  /** Closes the client and the pty (QEMU boards) and leaves the board running, for a `mote`
   *  process to open the port; console() then stops growing. */
  release?(): Promise<void>;
}

/** Builds `app` for `boardId` (version `version`) once; boot() runs it. */
export function buildImageApp(app: string, boardId: string, version = "1.0.0"): BootImage {
  const built = build({
    entry: app, board: findBoard(boardId), outDir: mkdtempSync(path.join(tmpdir(), "mote-image-app-")), forSimulator: true, crashResets: true,
    identity: { deviceId: `image-${boardId}`, version },
  });
  if (!built.ok) throw new Error(built.diagnostics);
  return bootImageOf(built.image, built.files!.elf);
}

/** Boots `image` on `boardId` with `flashFile`; `withClient` false leaves the port to others;
 *  `pinInputs`: levels the board's input pins take (a button held at reset). */
export async function bootDevice(boardId: string, image: BootImage, flashFile: string, withClient = true, pinInputs?: PinInput[]): Promise<RunningDevice> {
  const board = findBoard(boardId);
  const stopper = new AbortController();
  let text = "";
  const onConsole = (bytes: Uint8Array) => { text += Buffer.from(bytes).toString("latin1"); };
  const common = { board, image, flashFile, timeoutMs: 170_000, realTime: true, signal: stopper.signal, pinInputs };
  if (board.simulator.kind === "rp2040js") {
    const port = new SimulatedPort();
    const client = new SmpClient(port, { timeoutMs: 3000, onConsole });
    const run = targetFor(board).run({ ...common, consoleInput: port.input, onConsole: (bytes) => port.emit("data", bytes) });
    return {
      client, console: () => text, wire: { sent: 0, received: 0 },
      stop: async () => { client.close(); stopper.abort(); port.input.end(); await run; },
    };
  }
  let ready: (p: string) => void = () => {};
  const ptyReady = new Promise<string>((resolve) => { ready = resolve; });
  const run = targetFor(board).run({ ...common, serialPty: (p) => ready(p) });
  const pty = await Promise.race([ptyReady, run.then((r): string => { throw new Error(`the simulator ended before its pty was ready: ${r.simulatorLog}`); })]);
  const wire = { sent: 0, received: 0 };
  if (!withClient) return { client: undefined as unknown as SmpClient, pty, console: () => text, wire, stop: async () => { stopper.abort(); await run; } };
  const serial = await openSerialPort(pty, 115200);
  serial.on("data", (data: Buffer) => { wire.received += data.length; });
  const counted: DuplexByteStream = {
    write: (bytes) => { wire.sent += bytes.length; return serial.write(bytes); },
    on: (event, listener) => serial.on(event, listener),
    off: (event, listener) => serial.off(event, listener),
  };
  const client = new SmpClient(counted, { timeoutMs: 3000, deviceName: pty, onConsole });
  let open = true;
  const release = async () => {
    if (!open) return;
    open = false;
    client.close();
    await new Promise((resolve) => serial.close(resolve));
  };
  return {
    client, pty, console: () => text, wire, release,
    stop: async () => {
      await release();
      stopper.abort();
      await run;
    },
  };
}

export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
