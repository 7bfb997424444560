// Replays a random program: prints its source, Node's output and the board's output, and
// where they first differ.
//
//   npx tsx test/random/replay.ts <seed> [board]            board: default mps2-an385
//   npx tsx test/random/replay.ts <seed> [board] --source   only the program (to shrink it by hand)
//   npx tsx test/random/replay.ts <seed> [board] --batch    the whole batch random.test.ts ran the
//                                                           seed in (same MOTE_RANDOM_SEED and
//                                                           MOTE_RANDOM_BATCH), for failures that
//                                                           need the programs before it
//   … --integral                                            the integral program of the seed
//   … --float64                                             the float64 program of the seed
//
// Exit code: 0 when the outputs match, 1 when they differ.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runApp } from "../../sdk/cli/run-app.ts";
import { runOnNode } from "../conformance/node-runner.ts";
import { batchSeeds, compare, firstDifference, makeBatch, runOptions } from "./batch.ts";
import { standaloneSource } from "./generate.ts";

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const [seedText, board = "mps2-an385"] = args.filter((a) => !a.startsWith("--"));
const MODEL_FLAGS = { "--integral": "integral", "--float64": "float64" } as const;
const models = [...flags].filter((f): f is keyof typeof MODEL_FLAGS => f in MODEL_FLAGS);
if (seedText === undefined || !/^\d+$/.test(seedText) || models.length > 1 ||
  [...flags].some((f) => !["--source", "--batch"].includes(f) && !(f in MODEL_FLAGS))) {
  process.stderr.write("usage: npx tsx test/random/replay.ts <seed> [board] [--source | --batch] [--integral | --float64]\n");
  process.exit(2);
}
const seed = Number(seedText);
const numbers = models.length === 1 ? MODEL_FLAGS[models[0]!] : "int32";
const seeds = flags.has("--batch") ? batchSeeds(seed, numbers) : [seed];
const batch = makeBatch(seeds, runOptions(numbers));
const program = batch.programs.find((p) => p.seed === seed)!;
const source = seeds.length === 1 ? standaloneSource(program) : batch.source;
if (flags.has("--source")) {
  process.stdout.write(source);
  process.exit(0);
}

const dir = await mkdtemp(join(tmpdir(), "mote-replay-"));
try {
  const file = join(dir, `${program.name}.ts`);
  await writeFile(file, source);
  const node = await runOnNode(file);
  const device = await runApp(file, board, { timeoutMs: 120_000 });
  const section = (title: string) => `\n===== ${title} =====\n`;
  if (seeds.length === 1) {
    process.stdout.write(section(`program (seed ${seed})`) + source);
    process.stdout.write(section(`Node (exit ${node.exitCode})`) + node.stdout + (node.exitCode !== 0 ? node.stderr : ""));
    process.stdout.write(section(`${board} (${device.reason}, exit ${device.exitCode})`) + device.stdout);
  } else {
    // A batch's output is long: only the programs that differ, each with its output.
    process.stdout.write(section(`batch of seeds ${seeds[0]}…${seeds.at(-1)} on ${board} (${device.reason}, exit ${device.exitCode})`));
    for (const m of compare(batch, node.stdout, device.stdout)) {
      process.stdout.write(section(`seed ${m.seed}`) + m.program.source + section(`seed ${m.seed}: Node`) + m.expected +
        section(`seed ${m.seed}: ${board}`) + (m.actual ?? "(never reached)\n"));
    }
  }
  if (device.stderr.trim()) process.stdout.write(section(`${board} stderr`) + device.stderr);
  const difference = firstDifference(node.stdout, device.stdout);
  if (!difference && device.reason === "exit" && device.exitCode === node.exitCode) {
    process.stdout.write(section("same output"));
  } else {
    process.stdout.write(section("different"));
    if (difference) {
      process.stdout.write(`first difference at output line ${difference.line}:\n  Node:   ${JSON.stringify(difference.expected)}\n  device: ${JSON.stringify(difference.actual)}\n`);
    }
    process.exitCode = 1;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
