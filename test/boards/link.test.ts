// The serial link on devices (sdk/lib/link.ts): frames from the host reach the channel's
// handler between bytes of console text; a corrupted frame, a cut-short frame and a stray
// start byte are dropped and counted by the device, which keeps answering; its own frames
// come back through the host's reader (flash-tool/link) off the console.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { InputQueue } from "../../sdk/sim/input-queue.ts";
import { FrameReader, encodeFrame, type Frame } from "../../flash-tool/link/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const boards = ["pico", ...(qemuAvailable() ? ["mps2-an385", "microbit"] : [])];
if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; the link runs on pico only");
const text = (s: string) => new TextEncoder().encode(s);

describe("link frames on the console UART", () => {
  for (const boardId of boards) {
    it(`carries frames both ways and drops bad ones, counted, on ${boardId}`, async () => {
      const board = findBoard(boardId);
      const built = build({ entry: path.join(here, "fixtures/link-echo.ts"), board, outDir: mkdtempSync(path.join(tmpdir(), "mote-link-")), forSimulator: true });
      if (!built.ok) throw new Error(built.diagnostics);
      const input = new InputQueue();
      const stop = new AbortController();
      const frames: Frame[] = [];
      let console = "";
      // Whole lines only: a line may come in pieces, and "frame " alone is no answer yet.
      const lines = () => console.split("\n").slice(0, -1).filter(Boolean);
      const reader = new FrameReader((frame) => frames.push(frame), (bytes) => {
        console += Buffer.from(bytes).toString();
        step();
      });
      // What the host sends, each part once the device has answered the one before.
      const corrupted = encodeFrame(1, text("corrupted"));
      corrupted[4] ^= 0x10;
      const parts: Array<[number, Uint8Array]> = [
        [1, encodeFrame(1, text("first"))],
        [2, Uint8Array.from([...corrupted, ...encodeFrame(1, text("after a bad one"))])],
        // Cut short (a host that stopped mid-frame), then text, then a whole frame.
        [3, Uint8Array.from([...encodeFrame(1, text("never finished")).subarray(0, 6), ...text("typed text\n"), ...encodeFrame(1, text("whole"))])],
        [4, encodeFrame(1, new Uint8Array(300).map((_, i) => i & 0xff))],
      ];
      let sent = 0;
      function step(): void {
        if (sent === 0 && lines().includes("ready")) input.push(parts[sent++][1]);
        else if (sent > 0 && sent < parts.length && lines().filter((l) => l.startsWith("frame ")).length >= parts[sent - 1][0]) input.push(parts[sent++][1]);
        else if (sent === parts.length && lines().filter((l) => l.startsWith("frame ")).length >= parts.length) stop.abort();
      }
      const result = await targetFor(board).run({
        board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 60_000,
        onConsole: (bytes) => reader.push(bytes), consoleInput: input, signal: stop.signal,
      });
      expect(result.reason, result.simulatorLog).toBe("stopped");
      expect(lines()).toEqual([
        "ready",
        "frame 1 of 5 bytes, 0 dropped",
        "frame 2 of 15 bytes, 1 dropped",
        "frame 3 of 5 bytes, 2 dropped",
        "frame 4 of 300 bytes, 2 dropped",
      ]);
      const reversed = (s: string) => [...s].reverse().join("");
      expect(frames.map((f) => f.channel)).toEqual([2, 2, 2, 2]);
      expect(frames.slice(0, 3).map((f) => Buffer.from(f.payload).toString())).toEqual(["first", "after a bad one", "whole"].map(reversed));
      expect([...frames[3].payload]).toEqual(Array.from({ length: 300 }, (_, i) => (299 - i) & 0xff));
      expect(reader.corrupt).toBe(0);
    }, 90_000);
  }
});
