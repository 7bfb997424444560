// A program that allocates a bounded number of times links no collector (issue 12's "the
// collector only when something can allocate at run time", passes/static-heap.ts): its alloc
// bumps (heap.ts staticAlloc). Allocating in a loop, in a callback, or in recursion links it.
// Blinky (libos-linking.test.ts) is such a program: its run on five boards
// (test/boards/pins.test.ts) is the image that proves it works.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const collector = (names: string[]) => names.filter((n) => n === "heap.collectFrom" || n === "heap.sweep" || n === "heap.takeFree");
const POINTS = `class Point {\n  constructor(public x: number, public y: number) {}\n}\n`;

describe("the collector is linked only where something allocates without bound", () => {
  it("objects and arrays made by top-level code, an uncaught throw's text", () => {
    const names = linked(`${POINTS}const p = new Point(3, 4);\nconst q = [p, new Point(5, 6)];\nconsole.log(q.length, p.x, q[1].y);\nif (q.length > 2) throw new Error(\`too many: \${q.length}\`);\n`);
    expect(collector(names)).toEqual([]);
  });
  it("links it for allocation in a loop, or a throw caught in a callback", () => {
    const programs = [
      `${POINTS}const all: Point[] = [];\nfor (let i = 0; i < 3; i++) all.push(new Point(i, i));\nconsole.log(all.length);\n`,
      `function check(ok: boolean): void { if (!ok) throw new Error("bad"); }\nconst t = setInterval(() => { try { check(false); } catch { clearInterval(t); } }, 100);\n`,
    ];
    for (const program of programs) expect(collector(linked(program))).not.toEqual([]);
  });
});
