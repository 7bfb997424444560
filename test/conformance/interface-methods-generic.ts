// Generic interfaces implemented by classes: the call through the interface reaches each
// class's method with its own `this`, and an exception thrown there is caught by the caller.
interface Visitor<T> { visit(value: number): T; }
class Doubler implements Visitor<number> { visit(value: number): number { return value * 2; } }
class Labeler implements Visitor<string> {
  constructor(private prefix: string) {}
  visit(value: number): string { return this.prefix + value; }
}
function apply<T>(v: Visitor<T>, values: number[]): T[] {
  return values.map((x) => v.visit(x));
}
console.log(apply(new Doubler(), [1, 2, 3]).join(","));
console.log(apply(new Labeler("#"), [1, 2, 3]).join(","));

interface Failing { check(): void; }
class Strict implements Failing {
  check(): void { throw new RangeError("out of range"); }
}
const failing: Failing = new Strict();
try {
  failing.check();
} catch (e) {
  console.log("caught", (e as Error).name, (e as Error).message);
}
