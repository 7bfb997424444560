// Where recursive functions check the stack (sdk/compiler/passes/stack-checks.ts): a base case
// that returns without calling does not check; a path that calls does, once; a function with a
// try keeps its check on entry (a handler block starts with the thrown value in r0).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";

const work = mkdtempSync(path.join(tmpdir(), "mote-stack-checks-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("checks on the paths that call, not in a recursion's base case; with a try, on entry", () => {
  const entry = path.join(work, "checks.ts");
  writeFileSync(entry, [
    "function fib(n: number): number {",
    "  if (n < 2) return n;",
    "  return fib(n - 1) + fib(n - 2);",
    "}",
    "function depth(n: number): number {",
    "  try { return n <= 0 ? 0 : 1 + depth(n - 1); } catch (e) { return -1; }",
    "}",
    "function loop(n: number): number {",
    "  let s = 0;",
    "  for (let i = 0; i < n; i++) s += loop(i - 1) | 0;",
    "  return s;",
    "}",
    "console.log(fib(10), depth(5), loop(3));",
  ].join("\n"));
  const result = build({ entry, board: findBoard("mps2-an385"), forSimulator: true, outDir: work });
  if (!result.ok) throw new Error(result.diagnostics);
  const fn = (name: string) => result.program.functions.find((f) => f.symbol === `checks.${name}`)!;
  expect(fn("fib").checksStack).toBe(true);
  expect(fn("fib").stackCheckBlocks?.length).toBe(1);
  expect(fn("fib").stackCheckBlocks).not.toContain(fn("fib").blocks[0].id);
  expect(fn("depth").checksStack).toBe(true);
  expect(fn("depth").stackCheckBlocks).toBeUndefined();
  expect(fn("loop").checksStack).toBe(true);
  expect(fn("loop").stackCheckBlocks).toBeUndefined();
});
