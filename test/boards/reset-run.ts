// A run of a device that resets after a crash (as hardware builds do), with its console split
// into program output and crash lines: what the kept-crash and watchdog tests look at.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Board } from "../../boards/types.ts";
import { build } from "../../sdk/compiler/index.ts";
import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import { bootImageOf, targetFor, type RunResult } from "../../sdk/sim/index.ts";
import { CrashLineFilter, parseCrashLine, type CrashLine } from "../../sdk/cli/crash.ts";

/** `realTime`: paced to the host's clock (RunOptions.realTime), for hardware timers that must
 *  agree with the device's clock while it sleeps (the watchdog). */
export async function runResettingDevice(entry: string, board: Board, realTime = false): Promise<{ run: RunResult; stdout: string; crashes: CrashLine[]; image: LinkedImage }> {
  const built = build({ entry, board, outDir: mkdtempSync(path.join(tmpdir(), "mote-reset-")), forSimulator: true, crashResets: true });
  if (!built.ok) throw new Error(built.diagnostics);
  let stdout = "";
  const crashes: CrashLine[] = [];
  const filter = new CrashLineFilter({
    output: (bytes) => { stdout += Buffer.from(bytes).toString(); },
    crash: (line, truncated) => { crashes.push(parseCrashLine(line, truncated)); },
  });
  const run = await targetFor(board).run({
    board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 60_000, realTime, onConsole: (bytes) => filter.write(bytes),
  });
  filter.end();
  return { run, stdout, crashes, image: built.image };
}
