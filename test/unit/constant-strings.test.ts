// A long chain of string literals joined with + is one constant in flash, folded at compile
// time (lower/constants.ts), however many pieces: sdk/lib/rt/display-width.ts's table is 63.
// Built at run time instead, it took the 8 KB stm32vldiscovery's heap at start-up.

import { describe, expect, it } from "vitest";
import { linkedSymbols } from "./linked-symbols.ts";

describe("constant strings", () => {
  it("folds a 100-piece chain of literals: no concatenation is linked", () => {
    const pieces = Array.from({ length: 100 }, (_, i) => JSON.stringify(`p${i}`)).join(" +\n  ");
    const names = linkedSymbols(`const TABLE =\n  ${pieces};\nif (TABLE.charCodeAt(3) === 49) console.log("folded");\n`);
    expect(names).not.toContain("strings.concat");
  });
});
