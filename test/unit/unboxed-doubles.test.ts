// Doubles without allocation (sdk/compiler/passes/unboxed-doubles.ts): a loop over doubles
// computes in frame cells with direct soft-float calls, boxes nothing until a value escapes,
// and prints what Node prints, on both ports.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { runOnNode } from "../conformance/node-runner.ts";

const work = mkdtempSync(path.join(tmpdir(), "mote-unboxed-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// kernel: variables, temporaries, a chain, a division, % and a comparison in cells, the
// int counter mixed in; only the return boxes. The rest: escapes (an array, a template, a
// call), NaN and -0 through comparisons and boxing, and a cell read by a closure-free helper.
const SOURCE = `
function kernel(n: number, step: number): number {
  let x = 0.5;
  let y = -0.25;
  let sum = 0;
  for (let i = 0; i < n && x * x + y * y <= 4.0; i++) {
    const t = x * x - y * y + step;
    y = 2.0 * x * y - 0.375 / (i + 1);
    x = t;
    sum = (sum + x * 0.5 + i) % 1000.25;
  }
  return sum + x - y;
}
function escapes(n: number): string {
  const seen: number[] = [];
  let v = 1.5;
  let negative = -1 / 3;
  for (let i = 0; i < n; i++) {
    v = v * 1.25 - i / 7;
    seen.push(v);
    negative = negative * 0;
  }
  const nan = v / 0 - v / 0;
  const cmp = [nan < 1, nan >= 1, nan === nan, nan !== nan, negative === 0, 1 / negative < 0];
  return \`\${seen.join(",")} \${v} \${cmp.join(" ")} \${1 / negative}\`;
}
console.log(kernel(40, 0.125), kernel(1000, -0.7453), kernel(0, 0.5));
console.log(escapes(6));
`;

/** The BL targets in one function of a built image. */
function callTargets(elf: Uint8Array, symbol: string): string[] {
  const file = path.join(work, `${symbol}-${elf.length}.elf`);
  writeFileSync(file, elf);
  const run = spawnSync("arm-none-eabi-objdump", ["-d", file], { encoding: "utf8" });
  const start = run.stdout.indexOf(`<${symbol}>:`);
  const body = run.stdout.slice(start, run.stdout.indexOf("\n\n", start));
  return [...body.matchAll(/\tbl\t[0-9a-f]+ <([^>]+)>/g)].map((m) => m[1]);
}

const objdump = spawnSync("arm-none-eabi-objdump", ["--version"]).status === 0;

describe.skipIf(!objdump || !qemuAvailable())("unboxed doubles", () => {
  const entry = path.join(work, "unboxed.ts");
  writeFileSync(entry, SOURCE);
  for (const boardId of ["mps2-an385", "microbit"]) {
    it(`${boardId}: the loop calls the soft-float directly and boxes only its result${boardId === "mps2-an385" ? "; it prints what Node prints" : ""}`, async () => {
      const board = findBoard(boardId);
      const result = build({ entry, board, forSimulator: true, outDir: path.join(work, boardId) });
      if (!result.ok) throw new Error(result.diagnostics);
      const targets = callTargets(result.elf, "unboxed.kernel");
      expect(targets).toEqual(expect.arrayContaining(["__rt_dmul", "__rt_dadd", "__rt_dsub", "__rt_ddiv", "__rt_dmod", "__rt_dcmp"]));
      expect(targets.filter((t) => t === "__rt_dresult")).toHaveLength(1);
      expect(targets.filter((t) => /^__rt_(dacc_|num_binop|div$|mod$|mul$)/.test(t))).toEqual([]);
      if (boardId !== "mps2-an385") return; // one run: both ports run the doubles and conformance suites
      let output = "";
      const run = await targetFor(board).run({
        board, image: bootImageOf(result.image, result.files!.elf), timeoutMs: 60_000,
        onConsole: (bytes) => (output += Buffer.from(bytes).toString("latin1")),
      });
      expect(run.reason).toBe("exit");
      const node = await runOnNode(entry);
      expect(output).toBe(node.stdout);
    });
  }
});
