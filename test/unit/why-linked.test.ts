// `mote build --why`: the chain of references that keeps a symbol or a module in an image
// (sdk/compiler/link/why.ts), on a real build.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import type { Chunk } from "../../sdk/compiler/link/types.ts";
import { whyLinked } from "../../sdk/compiler/link/why.ts";

function why(source: string, what: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mote-why-"));
  const file = path.join(dir, "app.ts");
  writeFileSync(file, source);
  const result = build({ entry: file, board: findBoard("mps2-an385"), forSimulator: true, why: what });
  if (!result.ok) throw new Error(result.diagnostics);
  return result.why!;
}

const PROGRAM = `function show(x: number): void { console.log(x / 3); }
show(2);
`;

describe("why something is linked", () => {
  it("gives the chain from the vector table through the app's function to a module's code", () => {
    const text = why(PROGRAM, "sdk/lib/rt/numconv.ts");
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^why sdk\/lib\/rt\/numconv\.ts is linked/);
    expect(lines[1].trim()).toBe("__vectors  [rt:armv6m]");
    // Each step is one deeper than the one before, and the chain passes through show().
    const chain = lines.slice(1, lines.findIndex((l, i) => i > 0 && l === "") >>> 0);
    expect(chain.some((l) => /-> show \(.*\)\s+\[.*app\.ts\]/.test(l))).toBe(true);
    expect(chain.at(-1)).toMatch(/\[sdk\/lib\/rt\/numconv\.ts\]$/);
  });
  it("says so when nothing of that name is linked", () => {
    const chunk = (name: string, module: string, to: string[]): Chunk => ({
      name, module, section: ".text", bytes: new Uint8Array(2), size: 2, align: 2, kind: "func",
      relocs: to.map((symbol) => ({ symbol, offset: 0, kind: "abs32" as const, addend: 0 })),
    });
    const kept = [chunk("__vectors", "rt:armv6m", ["main"]), chunk("main", "app.ts", [])];
    expect(whyLinked(kept, "__vectors", "sdk/lib/rt/numconv.ts")).toBe("--why sdk/lib/rt/numconv.ts: nothing of that name is linked");
    expect(whyLinked(kept, "__vectors", "app.ts")).toBe("why app.ts is linked (one way in):\n  __vectors  [rt:armv6m]\n    -> main  [app.ts]");
  });
});
