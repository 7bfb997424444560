// Builds a device program for a board and runs it on the board's simulator: what the I2C and
// thermostat tests share.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findBoard } from "../../boards/index.ts";
import { build, type BuildResult } from "../../sdk/compiler/index.ts";
import { bootImageOf, targetFor, type RunOptions, type RunResult } from "../../sdk/sim/index.ts";
import { FrameReader } from "../../flash-tool/link/index.ts";

export function buildFor(file: string, boardId: string): BuildResult {
  return build({ entry: file, board: findBoard(boardId), outDir: mkdtempSync(path.join(tmpdir(), "mote-board-test-")), forSimulator: true });
}

/** Runs `file` on `boardId` (60 s of host time at most), its console collected in `stdout`
 *  as a person reads it: link frames (telemetry's) are taken out, as `mote run` does, and
 *  counted in `frames`; `onConsole` sees the same text as it comes. */
export async function boot(file: string, boardId: string, options: Omit<RunOptions, "board" | "image">): Promise<{ run: RunResult; stdout: string; frames: number }> {
  const board = findBoard(boardId);
  const result = buildFor(file, boardId);
  if (!result.ok) throw new Error(result.diagnostics);
  const text: Buffer[] = [];
  const reader = new FrameReader(() => {}, (bytes) => {
    text.push(Buffer.from(bytes));
    options.onConsole?.(bytes);
  });
  const run = await targetFor(board).run({
    board, image: bootImageOf(result.image, result.files!.elf), timeoutMs: 60_000, ...options,
    onConsole: (bytes) => reader.push(bytes),
  });
  // Decoded once at the end: a character's UTF-8 bytes may be split between chunks.
  return { run, stdout: Buffer.concat(text).toString(), frames: reader.frames };
}
