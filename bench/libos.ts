// The libOS part of `npm run bench` (issue 8's targets), printed beside their anchors:
// - blinky image ≤ 2 KB on every board (C: 448–536 B; Embassy's stm32f4 blinky is 21 KB);
// - an idle second costs ≤ 1,000 instructions: an app whose only work is a 1 s interval, as
//   the difference between a 20 s and a 10 s run (start-up cancels out); the 1 kHz tick it
//   replaced cost ~62,000;
// - a pin edge reaches the first instruction of the app's callback in ≤ 300 instructions
//   (rp2040js, which counts from the input to a code address).
// Figures only: nothing here is asserted.

import { mkdtempSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { boards, findBoard } from "../boards/index.ts";
import type { Board } from "../boards/types.ts";
import { build } from "../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor, type RunOptions } from "../sdk/sim/index.ts";
import type { CBaseline } from "./c-baseline.ts";

const programsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "programs", "libos");
const BLINKY_IMAGE_TARGET = 2048;
const IDLE_TARGET = 1_000;
const LATENCY_TARGET = 300;

interface Run { imageBytes: number; instructions?: number; problem?: string }

/** `probe`: the callback whose first instruction the latency is counted to, by symbol name. */
async function run(program: string, board: Board, workDir: string, extra: Partial<RunOptions> = {}, probe?: { symbol: RegExp; hit(instructions: number): void }): Promise<Run> {
  const built = build({ entry: path.join(programsDir, `${program}.ts`), board, outDir: mkdtempSync(path.join(workDir, `${program}-`)), forSimulator: true });
  if (!built.ok) return { imageBytes: 0, problem: built.diagnostics.split("\n")[0] };
  const result = await targetFor(board).run({
    board, image: bootImageOf(built.image, built.files!.elf), countInstructions: true, timeoutMs: 120_000, ...extra,
    ...(probe ? { probe: { address: symbolAddress(built.image.symbols, probe.symbol), hit: probe.hit } } : {}),
  });
  const ok = result.reason === "exit" || result.reason === "stopped";
  return { imageBytes: built.image.flashBytes.length, instructions: result.instructions, problem: ok ? undefined : `${result.reason}: ${result.simulatorLog.split("\n")[0]}` };
}

function symbolAddress(symbols: Array<{ name: string; address: number }>, name: RegExp): number {
  const found = symbols.find((s) => name.test(s.name));
  if (!found) throw new Error(`bench: no symbol matches ${name}`);
  return found.address;
}

export async function libOsBench(baseline: CBaseline, workDir: string): Promise<void> {
  console.log("");
  console.log(`libOS (issue 8): blinky image ≤ ${BLINKY_IMAGE_TARGET} B; idle ≤ ${IDLE_TARGET.toLocaleString("en-US")} instructions per idle second; pin edge to callback ≤ ${LATENCY_TARGET} instructions`);
  const header = ["board", "blinky B", "C blinky B", "×C", "", "blinky instr", "C instr", "idle instr/s", ""];
  const lines: string[][] = [header];
  for (const board of boards.filter((b) => b.simulator.kind !== "qemu" || qemuAvailable())) {
    if (!("LED" in board.pins)) continue;
    const blinky = await run("blinky", board, workDir);
    const idle10 = await run("idle-10s", board, workDir);
    const idle20 = await run("idle-20s", board, workDir);
    const c = baseline.figures.get(`blinky/${board.id}`);
    const idle = idle10.instructions !== undefined && idle20.instructions !== undefined ? (idle20.instructions - idle10.instructions) / 10 : undefined;
    lines.push([
      board.id,
      blinky.problem ? blinky.problem : count(blinky.imageBytes),
      count(c?.imageBytes),
      c ? `${(blinky.imageBytes / c.imageBytes).toFixed(1)}×` : "—",
      blinky.imageBytes <= BLINKY_IMAGE_TARGET ? "PASS" : "MISS",
      count(blinky.instructions),
      count(c?.instructions),
      idle === undefined ? (idle10.problem ?? idle20.problem ?? "—") : count(Math.round(idle)),
      idle === undefined ? "—" : idle <= IDLE_TARGET ? "PASS" : "MISS",
    ]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const line of lines) console.log(line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ").trimEnd());

  const pico = findBoard("pico");
  let latency: number | undefined;
  const measured = await run("latency", pico, workDir, {
    stopAtMs: 200,
    pinInputs: [{ pin: "BUTTON", level: 1, atMs: 0 }, { pin: "BUTTON", level: 0, atMs: 100 }],
  }, { symbol: /^latency\.<init>\.lambda\d+$/, hit: (instructions) => { latency = instructions; } });
  const verdict = latency === undefined ? "—" : latency <= LATENCY_TARGET ? "PASS" : "MISS";
  console.log(`pin edge to the app's callback on pico: ${latency === undefined ? measured.problem ?? "not reached" : `${latency} instructions`}  (target ≤ ${LATENCY_TARGET})  ${verdict}`);
}

function count(value: number | undefined): string {
  return value === undefined ? "—" : value.toLocaleString("en-US");
}
