// Checked casts (sdk/compiler/lower/checked-casts.ts): a value whose type a cast, a non-null
// assertion or an index signature gave is tested where it leaves its expression, and a wrong
// representation stops the program with a TypeError naming the cast (conformance's
// casts-on-the-spot.ts covers the uses on the spot, which print what Node prints). The test is
// added only where a type is not proven: a loop over a number[] costs the same whether the
// array came from a cast or not, and a program without casts links no check.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runApp } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { boot, buildFor } from "../boards/boot.ts";

const BOARD = "mps2-an385";
const dir = mkdtempSync(path.join(tmpdir(), "mote-casts-"));

function program(name: string, source: string): string {
  const file = path.join(dir, `${name}.ts`);
  writeFileSync(file, source);
  return file;
}

async function instructions(file: string): Promise<number> {
  const { run, stdout } = await boot(file, BOARD, { countInstructions: true });
  expect(run.exitCode, stdout).toBe(0);
  return run.instructions!;
}

function linksCastCheck(file: string): boolean {
  const result = buildFor(file, BOARD);
  if (!result.ok) throw new Error(result.diagnostics);
  return result.image.symbols.some((s) => /castMatches|castFailed/.test(s.name));
}

/** A program that stores or passes a cast value of the wrong kind, the text it prints first,
 *  and the error it stops with. */
const LEAVING: Array<[string, string, string]> = [
  ["variable", `const u: unknown = 5;\nconsole.log("before");\nconst s = u as string;\nconsole.log(s);\n`,
    "TypeError: u as string: the value is a number, not a string"],
  ["parameter", `function len(s: string): number { return typeof s !== "string" ? -1 : s.length; }\nconst u: unknown = [1];\nconsole.log("before");\nconsole.log(len(u as string));\n`,
    "TypeError: u as string: the value is an array, not a string"],
  ["class", `class Point { constructor(public x: number) {} norm(): number { return this.x; } }\nconst u: unknown = { x: 1 };\nconsole.log("before");\nconst p = u as Point;\nconsole.log(p.x);\n`,
    "TypeError: u as Point: the value is an object, not a Point"],
  ["assertion", `const m = new Map<string, number[]>();\nconsole.log("before");\nconst xs: number[] = m.get("a")!;\nconsole.log(xs.length);\n`,
    `TypeError: m.get("a")!: the value is undefined, not an array`],
  ["function", `const u: unknown = 5;\nconsole.log("before");\nconst f = u as () => number;\nconsole.log(f());\n`,
    "TypeError: u as () => number: the value is a number, not a function"],
  ["arithmetic", `const u: unknown = "3";\nconsole.log("before");\nconsole.log((u as number) * 2);\n`,
    "TypeError: (u as number): the value is a string, not a number"],
];

describe.skipIf(!qemuAvailable())("checked casts", () => {
  for (const [name, source, error] of LEAVING) {
    it(`a cast value of the wrong kind stops where it leaves its expression: ${name}`, async () => {
      const run = await runApp(program(`leaving-${name}`, source), BOARD, { timeoutMs: 60_000 });
      expect(run.stdout).toBe("before\n");
      expect(run.exitCode, run.stderr).toBe(1);
      expect(run.stderr).toContain(error);
    });
  }

  it("a value of the right kind passes, and the loop over it costs what a proven one does", async () => {
    const loop = (source: string, rounds: number) => program(`loop-${rounds}-${source.length}`, `const xs: number[] = ${source};
let sum = 0;
for (let r = 0; r < ${rounds}; r++) for (let i = 0; i < xs.length; i++) sum += xs[i];
console.log(sum);
`);
    const proven = "[1, 2, 3, 4, 5, 6, 7, 8]", cast = `JSON.parse("[1, 2, 3, 4, 5, 6, 7, 8]") as number[]`;
    expect(linksCastCheck(loop(proven, 50))).toBe(false);
    expect(linksCastCheck(loop(cast, 50))).toBe(true);
    const [proven50, proven100, cast50, cast100] = await Promise.all([
      instructions(loop(proven, 50)), instructions(loop(proven, 100)), instructions(loop(cast, 50)), instructions(loop(cast, 100)),
    ]);
    // 50 more rounds of 8 elements: the same instructions per element either way.
    expect(cast100 - cast50).toBe(proven100 - proven50);
  });

  it("class fields and methods of a proven value are used in place, with no check linked", () => {
    const file = program("fields", `class P { constructor(public x: number) {} get(): number { return this.x; } }
const ps = [new P(1), new P(2)];
let s = 0;
for (let i = 0; i < 100; i++) s += ps[i & 1].x + ps[i & 1].get();
const q = ps[0] as P;
console.log(s, q.x);
`);
    expect(linksCastCheck(file)).toBe(false);
  });
});
