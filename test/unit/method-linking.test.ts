// A class's methods are linked only when something kept can call them (passes/method-uses.ts,
// link/reachable.ts): a method-table slot whose name no kept function calls is left out, and
// with it the method's code and all that only it calls. Methods reached through an
// interface, a union, super, a getter or setter, or by the runtime's own lookups (String(o)
// calls toString) stay.

import { describe, expect, it } from "vitest";
import { linkedSymbols } from "./linked-symbols.ts";

/** The linked symbols, the program's own module named "app" (its file has a made-up name). */
const linked = (source: string): string[] => linkedSymbols(source).map((n) => n.replace(/^p[a-z0-9]+\./, "app."));

const counter = `
class Counter {
  n = 0;
  add(k: number): void { this.n += k; }
  twice(): void { this.add(this.n); }
  reset(): void { this.n = 0; }
  get value(): number { return this.n; }
  set value(v: number) { this.n = v; }
  toString(): string { return "Counter " + this.n; }
}
`;

describe("class methods are linked only when a kept call site can reach them", () => {
  it("leaves out the methods no kept function calls, and what only they call", () => {
    const names = linked(`${counter}const c = new Counter();\nc.add(2);\nconsole.log(c.n);\n`);
    expect(names).toContain("app.Counter.add");
    for (const unused of ["app.Counter.twice", "app.Counter.reset", "app.Counter.get$value", "app.Counter.set$value"]) {
      expect(names).not.toContain(unused);
    }
  });

  it("Map's methods: only get and set, for a program that calls only those", () => {
    const names = linked(`const m = new Map<string, number>();\nm.set("a", 1);\nconsole.log(m.get("a"));\n`);
    expect(names).toContain("collections.Map.get");
    expect(names).toContain("collections.Map.set");
    for (const unused of ["collections.Map.delete", "collections.Map.clear", "collections.Map.forEach", "collections.Map.entries"]) expect(names).not.toContain(unused);
  });

  it("keeps getters, setters, super calls and the toString String() calls", () => {
    const names = linked(`${counter}
class Loud extends Counter {
  add(k: number): void { super.add(k * 10); }
}
const c: Counter = new Loud();
c.value = 3;
c.add(1);
console.log(c.value, String(c));
`);
    for (const kept of ["app.Counter.add", "app.Loud.add", "app.Counter.get$value", "app.Counter.set$value", "app.Counter.toString"]) expect(names).toContain(kept);
    expect(names).not.toContain("app.Counter.twice");
  });

  it("keeps methods called through an interface or a union", () => {
    const names = linked(`
interface Shape { area(): number }
class Square implements Shape { constructor(public s: number) {} area(): number { return this.s * this.s; } perimeter(): number { return 4 * this.s; } }
class Circle { constructor(public r: number) {} area(): number { return 3 * this.r * this.r; } perimeter(): number { return 6 * this.r; } }
const shapes: Shape[] = [new Square(2)];
const either: Square | Circle = shapes.length > 1 ? new Square(1) : new Circle(1);
console.log(shapes[0].area(), either.area());
`);
    for (const kept of ["app.Square.area", "app.Circle.area"]) expect(names).toContain(kept);
    for (const unused of ["app.Square.perimeter", "app.Circle.perimeter"]) expect(names).not.toContain(unused);
  });

  it("a getter read by a name known only at run time keeps every getter, not the other methods", () => {
    const names = linked(`${counter}const c = new Counter();\nconst r = c as unknown as Record<string, unknown>;\nconst key = ["va", "lue"].join("");\nconsole.log(r[key]);\n`);
    expect(names).toContain("app.Counter.get$value");
    expect(names).not.toContain("app.Counter.twice");
  });
});
