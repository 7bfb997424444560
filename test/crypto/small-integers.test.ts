// mote/crypto's promise to the compiler: in the hot paths every number operation works on
// operands the range analysis proves to be small integers and gives one, so the code has no
// tag checks, no overflow branches and no boxing (sdk/compiler/passes/ranges.ts), and a
// program whose own numbers are int32 links no floating-point code for it. Checked on the IR
// of a build, not by running.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { IrFunction } from "../../sdk/compiler/ir/ir.ts";
import { moduleSizes } from "../../sdk/compiler/link/sizes.ts";
import { buildFor } from "../boards/boot.ts";

/** Operations the range analysis did not prove small (operands and result; an element
 *  access's index), per kind. */
function unproven(fn: IrFunction): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const block of fn.blocks) {
    for (const inst of block.insts) {
      if (inst.op !== "num" && inst.op !== "typed-get" && inst.op !== "typed-set") continue;
      const p = inst.proof;
      const proven = inst.op === "num" ? p?.smallA && p.smallB && p.smallResult : p?.smallA;
      if (!proven) {
        const kind = inst.op === "num" ? inst.kind : inst.op;
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
    }
  }
  return kinds;
}

/** The functions a verification and a hash spend their time in. */
const HOT = [
  "field-multiply.fieldMultiply", "field-multiply.fieldSquare", "field25519.fieldAdd", "field25519.fieldSubtract",
  "field25519.fieldAddSubtract", "field25519.foldTop", "edwards25519.pointDouble", "edwards25519.pointAdd",
];
/** Block functions and the scalar multiplication: all proven but the reads of the message or
 *  the scalars at an offset given at run time. */
const BLOCKS = ["sha256.compress", "sha512.compress", "edwards25519.doubleScalarMultiply"];

describe("mote/crypto's numbers", () => {
  // No arithmetic of its own: the program's numbers are int32 (sdk/compiler/lower/doubles.ts).
  const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-crypto-int32-")), "app.ts");
  writeFileSync(file, [
    `import { ed25519Verify, sha256 } from "mote/crypto";`,
    `const key = new Uint8Array(32), signature = new Uint8Array(64);`,
    `console.log(ed25519Verify(key, sha256(key), signature));`,
    "",
  ].join("\n"));
  const result = buildFor(file, "mps2-an385");
  if (!result.ok) throw new Error(result.diagnostics);
  const functions = new Map(result.program.functions.map((fn) => [fn.symbol, fn]));

  it("are small integers proven so in the hot paths: nothing checked, nothing boxed", () => {
    for (const symbol of HOT) {
      const fn = functions.get(symbol);
      expect(fn, symbol).toBeDefined();
      expect(unproven(fn!), symbol).toEqual({});
    }
    for (const symbol of BLOCKS) {
      const left = Object.values(unproven(functions.get(symbol)!)).reduce((a, b) => a + b, 0);
      expect(left, `${symbol}: ${JSON.stringify(unproven(functions.get(symbol)!))}`).toBeLessThanOrEqual(10);
    }
  });

  it("need no floating-point code in an int32 program", () => {
    expect(result.program.doubles).toBe(false);
    const modules = moduleSizes(result.image.symbols).map((m) => m.module);
    expect(modules).not.toContain("rt:softfloat");
    expect(modules.some((m) => m.includes("numconv"))).toBe(false);
  });
});
