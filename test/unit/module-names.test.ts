// An app's module may have the name of one of the runtime's (heap.ts, strings.ts, date.ts…):
// the port's hand-written code names runtime symbols by their module (`heap.bump`), so the
// app's module takes another prefix (`heap.app`) and both link.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";

describe("module names", () => {
  for (const name of ["heap", "strings", "date"]) {
    it(`builds an app named ${name}.ts that uses the runtime's ${name} module too`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), "mote-module-names-"));
      const entry = path.join(dir, `${name}.ts`);
      writeFileSync(entry, `function half(n: number): number {\n  return n / 2;\n}\nconsole.log(half(3), "x".padStart(3), new Date(0).toISOString());\n`);
      const result = build({ entry, board: findBoard("mps2-an385"), outDir: dir, forSimulator: true });
      expect(result.ok ? "" : result.diagnostics).toBe("");
      if (result.ok) expect(result.image.symbols.map((s) => s.name)).toContain(`${name}.app.half`);
    });
  }
});
