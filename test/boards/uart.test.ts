// The console UART from the app's side (`uart` from "mote"): the host sends bytes through
// the Target's consoleInput while the device runs, the device receives them through its
// receive interrupt and the event loop, and answers on the same UART.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { boards, findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor, type RunOptions, type RunResult } from "../../sdk/sim/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.join(here, "../../examples");
/** sdk/lib/uart.ts: UART_BUFFER_BYTES. */
const DEVICE_BUFFER_BYTES = 256;
/** What uart-burst.ts prints for each line it receives. */
const REPORT = /^received \d+ dropped \d+$/;

// Boards whose console driver receives.
const runnable = boards.filter((b) => b.supports.includes("uart-rx") && (b.simulator.kind !== "qemu" || qemuAvailable()));
if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; the UART tests run on pico only");

/** A conversation with the device: send text, wait for the console to show something. */
class Conversation {
  stdout = "";
  private queue: Uint8Array[] = [];
  private wake: (() => void) | undefined;
  private watchers: Array<{ shown: (stdout: string) => boolean; resolve: () => void }> = [];
  readonly stop = new AbortController();

  /** What the Target reads (RunOptions.consoleInput). */
  async *input(): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (this.queue.length > 0) yield this.queue.shift()!;
      await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }

  send(text: string): void {
    this.queue.push(new TextEncoder().encode(text));
    this.wake?.();
  }

  output(bytes: Uint8Array): void {
    this.stdout += Buffer.from(bytes).toString();
    this.watchers = this.watchers.filter((w) => {
      if (!w.shown(this.stdout)) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once the console has shown `text` (or lines matching `pattern`, `count` of
   *  them), or when the run has ended. */
  seen(text: string | RegExp, run: Promise<RunResult>, count = 1): Promise<void> {
    const shown = typeof text === "string"
      ? (stdout: string) => stdout.includes(text)
      : (stdout: string) => stdout.split("\n").slice(0, -1).filter((line) => text.test(line)).length >= count;
    if (shown(this.stdout)) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => this.watchers.push({ shown, resolve })), run.then(() => {})]);
  }
}

function boot(file: string, boardId: string, options: Omit<RunOptions, "board" | "image">) {
  const board = findBoard(boardId);
  const result = build({ entry: file, board, outDir: mkdtempSync(path.join(tmpdir(), "mote-uart-")), forSimulator: true });
  if (!result.ok) throw new Error(result.diagnostics);
  return targetFor(board).run({ board, image: bootImageOf(result.image, result.files!.elf), timeoutMs: 60_000, ...options });
}

function converse(file: string, boardId: string, talk: (c: Conversation, run: Promise<RunResult>) => Promise<void>) {
  const c = new Conversation();
  const run = boot(file, boardId, { consoleInput: c.input(), onConsole: (bytes) => c.output(bytes), signal: c.stop.signal });
  return talk(c, run).then(async () => {
    c.stop.abort();
    return { result: await run, stdout: c.stdout };
  });
}

describe("echo", () => {
  for (const board of runnable) {
    it(`echoes lines upper-cased on ${board.id}`, async () => {
      const { result, stdout } = await converse(path.join(examples, "echo/app.ts"), board.id, async (c, run) => {
        // Bytes sent before the UART is set up are lost (QEMU's PL011 empties its FIFO when
        // the console enables it at boot): wait until the app listens.
        await c.seen("echo: type a line\n", run);
        c.send("hello\n");
        await c.seen("HELLO\n", run);
        // Two lines in one send, and one line in two.
        c.send("mote\r\nuart\nin two ");
        await c.seen("UART\n", run);
        c.send("halves\n");
        await c.seen("IN TWO HALVES\n", run);
      });
      expect(result.reason, result.simulatorLog).toBe("stopped");
      expect(stdout).toBe("echo: type a line\nHELLO\nMOTE\nUART\nIN TWO HALVES\n");
    });
  }
});

describe("a burst larger than the device's buffer", () => {
  for (const board of runnable) {
    it(`counts every byte it cannot keep and keeps running on ${board.id}`, async () => {
      const burst = 3 * DEVICE_BUFFER_BYTES;
      const { result, stdout } = await converse(path.join(here, "fixtures/uart-burst.ts"), board.id, async (c, run) => {
        await c.seen("ready\n", run);
        // The line's end only once the device drops bytes (and listens): a newline that came
        // while the buffer was full would be lost with the rest, and the report with it.
        c.send("x".repeat(burst));
        await c.seen("dropping\n", run);
        c.send("\n");
        await c.seen(REPORT, run);
        c.send("after\n");
        await c.seen(REPORT, run, 2);
      });
      expect(result.reason, result.simulatorLog).toBe("stopped");
      const lines = stdout.trimEnd().split("\n");
      expect(lines.slice(0, 2)).toEqual(["ready", "dropping"]);
      const [, received, dropped] = /^received (\d+) dropped (\d+)$/.exec(lines[2]) ?? [];
      // The buffer filled before the listener came: it got those bytes; all others are counted.
      expect(Number(received)).toBeGreaterThanOrEqual(DEVICE_BUFFER_BYTES);
      expect(Number(dropped)).toBeGreaterThan(0);
      expect(Number(received) + Number(dropped)).toBe(burst);
      expect(lines.slice(3)).toEqual([`received 5 dropped ${dropped}`]);
    });
  }
});

describe("the UART's rules", () => {
  it("refuses bad use with errors naming the call, writes, and lets the device end when closed", async () => {
    let stdout = "";
    const result = await boot(path.join(here, "fixtures/uart-misuse.ts"), "pico", {
      onConsole: (bytes) => { stdout += Buffer.from(bytes).toString(); },
    });
    expect(result.reason, result.simulatorLog).toBe("exit");
    expect(result.exitCode).toBe(0);
    expect(stdout).toBe([
      "write before open: Error: uart.write(): the UART is not open; call uart.open(baud) first",
      "onData before open: Error: uart.onData(): the UART is not open; call uart.open(baud) first",
      "too slow: RangeError: uart.open: the baud rate must be a whole number from 1200 to 1000000, got 300",
      "too fast: RangeError: uart.open: the baud rate must be a whole number from 1200 to 1000000, got 2000000",
      "not whole: RangeError: uart.open: the baud rate must be a whole number from 1200 to 1000000, got 9600.5",
      "open twice: Error: uart.open: the UART is already open at 115200 baud; close() it first",
      "abc",
      "open: false",
      "",
    ].join("\n"));
  });
});
