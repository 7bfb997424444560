// Generators and the iteration protocol cost only the programs that use them
// (sdk/lib/rt/iteration.ts, generators.ts): for…of over arrays, strings, Maps and Sets,
// spread and destructuring of arrays keep their indexed loops and link neither; a class with
// [Symbol.iterator]() links the protocol but no Generator class; a generator links both.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const protocol = (names: string[]): string[] => names.filter((n) => n.startsWith("iteration."));
const generatorClass = (names: string[]): string[] => names.filter((n) => n.startsWith("generators."));

describe("generators and the iteration protocol are linked only into programs that use them", () => {
  it("loops, spreads and destructuring of arrays, strings, Maps and Sets link neither", () => {
    const names = linked([
      "const xs = [3, 1, 2];",
      "const m = new Map([[\"a\", 1]]);",
      "const s = new Set(xs);",
      "let total = 0;",
      "for (const x of xs) total += x;",
      "for (const c of \"hi\") console.log(c);",
      "for (const [k, v] of m) console.log(k, v);",
      "for (const v of s.values()) total += v;",
      "const [first, ...rest] = xs;",
      "console.log(total, [...xs, ...s], Array.from(m.keys()), first, rest, Math.max(...xs));",
    ].join("\n"));
    expect(protocol(names)).toEqual([]);
    expect(generatorClass(names)).toEqual([]);
  });
  it("a class with [Symbol.iterator]() links the protocol but no generator code", () => {
    const names = linked([
      "class Countdown {",
      "  constructor(public n: number) {}",
      "  [Symbol.iterator](): Iterator<number> {",
      "    let n = this.n;",
      "    return { next: (): IteratorResult<number> => (n > 0 ? { value: n--, done: false } : { value: 0, done: true }) };",
      "  }",
      "}",
      "for (const x of new Countdown(3)) console.log(x);",
    ].join("\n"));
    expect(protocol(names)).toContain("iteration.getIterator");
    expect(generatorClass(names)).toEqual([]);
  });
  it("a generator links its frame, the Generator class and its <resume> code", () => {
    const names = linked("function* two() { yield 1; yield 2; }\nfor (const x of two()) console.log(x);\nconsole.log(two().next());\n");
    for (const symbol of ["generators.generatorFrame", "generators.generatorResume", "generators.generatorObject", "generators.Generator.next", "iteration.iteratorStep"]) expect(names).toContain(symbol);
    expect(names.some((n) => n.endsWith("<resume>"))).toBe(true);
  });
});
