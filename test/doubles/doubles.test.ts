// Doubles, differentially: every operation of test/doubles/generate.ts on 10,000 seeded operand
// pairs (specials, random bit patterns, moderate exponents, near neighbours, small integers),
// run on Node and on the QEMU boards; the per-operation hashes of the results' bits must be
// equal. On a mismatch the operation is run again pair by pair to name the first pair that
// differs. MOTE_DOUBLES_SEED and MOTE_DOUBLES_PAIRS change the draw.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { runApp } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { runOnNode } from "../conformance/node-runner.ts";
import { doublesProgram, OPERATIONS } from "./generate.ts";

const SEED = Number(process.env.MOTE_DOUBLES_SEED ?? 20261122);
const PAIRS = Number(process.env.MOTE_DOUBLES_PAIRS ?? 10_000);
const BOARDS = ["mps2-an385", "microbit"];
/** Operations per image: the boards run them in parallel test files' time. */
const GROUPS = [
  ["add", "sub", "mul", "div", "mod", "chain", "chainDivide"],
  ["lt", "le", "eq", "sqrt", "floor", "ceil", "round", "trunc", "toInt32", "toUint32", "float32"],
  ["string", "parse", "fixed"],
];

const workDir = mkdtempSync(path.join(tmpdir(), "mote-doubles-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function programFile(name: string, operations: string[], detail = false): string {
  const file = path.join(workDir, `${name}.ts`);
  writeFileSync(file, doublesProgram({ seed: SEED, pairs: PAIRS, operations, detail }));
  return file;
}

/** The first pair whose result differs, from a pair-by-pair run of one operation. */
async function firstDifference(boardId: string, operation: string): Promise<string> {
  const file = programFile(`${boardId}-${operation}-detail`, [operation], true);
  const [node, device] = await Promise.all([runOnNode(file), runApp(file, boardId, { timeoutMs: 600_000 })]);
  const expected = node.stdout.split("\n"), actual = device.stdout.split("\n");
  const i = expected.findIndex((line, k) => line !== actual[k]);
  return i < 0 ? "(the pair-by-pair run shows no difference)"
    : `first differing pair (operation pair# a b result, in hex):\n  node:   ${expected[i]}\n  device: ${actual[i] ?? "(nothing)"}`;
}

for (const boardId of BOARDS) {
  describe.skipIf(!qemuAvailable())(`doubles on ${boardId}`, () => {
    findBoard(boardId);
    for (const operations of GROUPS) {
      it(`${operations.join(", ")}: ${PAIRS} pairs each, bit-identical with Node (seed ${SEED})`, async () => {
        for (const op of operations) expect(OPERATIONS[op]).toBeDefined();
        const file = programFile(`${boardId}-${operations[0]}`, operations);
        const [node, device] = await Promise.all([runOnNode(file), runApp(file, boardId, { timeoutMs: 600_000 })]);
        expect(node.exitCode, node.stderr).toBe(0);
        expect(device.reason, device.stderr).toBe("exit");
        const expected = node.stdout.trim().split("\n");
        expect(expected.length).toBe(operations.length);
        const actual = device.stdout.trim().split("\n");
        for (let i = 0; i < operations.length; i++) {
          if (actual[i] !== expected[i]) {
            const where = await firstDifference(boardId, operations[i]);
            expect.fail(`${operations[i]} differs on ${boardId} (seed ${SEED}): node '${expected[i]}', device '${actual[i]}'\n${where}`);
          }
        }
      });
    }
  });
}
