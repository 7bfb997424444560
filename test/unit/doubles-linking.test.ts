// A program pays for doubles only when its own source brings them in (sdk/compiler/lower/
// doubles.ts): without, no soft-float routine, number formatting or parsing is linked, and
// numbers stay int32; with one fractional literal, all of it is there.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";

const dir = mkdtempSync(path.join(tmpdir(), "mote-doubles-linking-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linked(source: string): string[] {
  const file = path.join(dir, `p${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const result = build({ entry: file, board: findBoard("mps2-an385"), outDir: path.join(dir, "out"), forSimulator: true });
  if (!result.ok) throw new Error(result.diagnostics);
  return result.image.symbols.map((s) => s.name);
}

const INTEGER_PROGRAM = `let total = 0;
for (let i = 0; i < 10; i++) total = (total * 31 + i) | 0;
console.log(total, (total / 7) | 0, total % 5, -total, [1, 2, 3].map((x) => x * 2));
`;

describe("doubles are linked only into programs that use them", () => {
  it("an integer program has no soft-float code, number formatting or parsing", () => {
    const names = linked(INTEGER_PROGRAM);
    expect(names.filter((n) => n.startsWith("__rt_d") || n === "__rt_i2d")).toEqual([]);
    expect(names.filter((n) => n.startsWith("numconv.") || n.startsWith("bignum."))).toEqual([]);
  });
  it("one fractional literal brings in the double runtime", () => {
    const names = linked(`${INTEGER_PROGRAM}console.log(total * 0.5);\n`);
    for (const routine of ["__rt_dadd", "__rt_dmul", "__rt_dresult", "numconv.numberToString"]) expect(names).toContain(routine);
  });
});
