// An image built for hardware never executes a semihosting or simulator-only instruction:
// the simulator exits are not even linked, so no BKPT appears anywhere in its code.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../sdk/compiler/index.ts";
import { boards } from "../../boards/index.ts";

/** Halfwords of an image's code sections that encode BKPT (0xBExx, ARMv6-M ARM A6.7.11). */
function breakpoints(code: Uint8Array): number[] {
  const found: number[] = [];
  for (let i = 0; i + 1 < code.length; i += 2) {
    const halfword = code[i] | (code[i + 1] << 8);
    if ((halfword & 0xff00) === 0xbe00) found.push(halfword);
  }
  return found;
}

describe("hardware images", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mote-hardware-"));
  const app = path.join(dir, "app.ts");
  writeFileSync(app, 'let n = 0;\nfor (let i = 0; i < 3; i++) n += i;\nconsole.log("n", n);\n');
  for (const board of boards) {
    it(`for ${board.id} contain no BKPT, while the simulator build does`, () => {
      const text = (forSimulator: boolean) => {
        const result = build({ entry: app, board, forSimulator });
        if (!result.ok) throw new Error(result.diagnostics);
        const section = result.image.sections.find((s) => s.name === ".text")!;
        return section.bytes;
      };
      expect(breakpoints(text(false))).toEqual([]);
      expect(breakpoints(text(true)).length).toBeGreaterThan(0);
    });
  }
});
