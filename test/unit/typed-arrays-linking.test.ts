// Typed arrays and ArrayBuffers (sdk/lib/rt/typed-arrays.ts) cost only the programs that use
// them, and each method only the programs that call it: a program of plain arrays links none
// of it; one that makes a Uint8Array links the constructor and not subarray, set or slice.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const typedRuntime = (names: string[]): string[] => names.filter((n) => n.startsWith("typed-arrays."));

describe("typed arrays are linked only into programs that use them", () => {
  it("a program of plain arrays links no typed array or ArrayBuffer code", () => {
    const names = linked(`const xs = [3, 1, 2];\nxs.unshift(0);\nconsole.log(xs.toSorted(), xs.shift(), xs.at(-1));\n`);
    expect(typedRuntime(names)).toEqual([]);
  });
  it("a program that makes a typed array links its constructor, not the methods it never calls", () => {
    const names = typedRuntime(linked(`const bytes = new Uint8Array(4);\nbytes[1] = 7;\nconsole.log(bytes[1]);\n`));
    // Its length is a constant: the constructor for a length proven a small integer, whose
    // RangeError needs no double printer.
    expect(names).toContain("typed-arrays.typedArrayNewOfInt");
    expect(names).not.toContain("typed-arrays.typedArrayNew");
    expect(names).toContain("typed-arrays.arrayBufferNew");
    for (const method of ["typedSubarray", "typedSetFromArray", "typedSetFromTyped", "typedSlice", "typedFill", "typedArrayOnBuffer"]) {
      expect(names).not.toContain(`typed-arrays.${method}`);
    }
  });
  it("subarray and set bring their own code", () => {
    const names = typedRuntime(linked(`const bytes = new Uint8Array(8);\nbytes.set([1, 2], 2);\nconsole.log(bytes.subarray(2, 4)[1]);\n`));
    expect(names).toContain("typed-arrays.typedSubarray");
    expect(names).toContain("typed-arrays.typedSetFromArray");
    expect(names).not.toContain("typed-arrays.typedSetFromTyped");
    expect(names).not.toContain("typed-arrays.typedSlice");
  });
});
