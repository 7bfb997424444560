// Casts through unknown, non-null assertions and index signatures, used on the spot: property
// reads, method calls, typeof and printing do what JavaScript does for every kind of value.
class Point {
  constructor(public x: number, public y: number) {}
  norm(): number { return this.x * this.x + this.y * this.y; }
}
interface Named { name: string; greet(): string }
class Loud { value = 2; get(): number { return this.value * 10; } }
class Quiet { value = 1; get(): number { return this.value; } }
function attempt(label: string, f: () => string | number | boolean | undefined): void {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, String(e));
  }
}
const values: unknown[] = [5, "five", [1, 2, 3], new Point(3, 4), { x: 7, name: "n" }, undefined, true, null];
for (const v of values) {
  attempt("length", () => (v as string).length);
  attempt("upper", () => (v as string).toUpperCase());
  attempt("x", () => (v as Point).x);
  attempt("norm", () => (v as Point).norm());
  attempt("name", () => (v as Named).name);
  attempt("greet", () => (v as Named).greet());
  attempt("typeof", () => typeof (v as number));
  attempt("print", () => `${v as string}!`);
  attempt("equal", () => (v as number) === 5);
  attempt("chain", () => (v as Point).x.toFixed(1));
}
const bytes: unknown = new Uint8Array(4);
attempt("typed", () => (bytes as string).length + (bytes as number[]).length);
const lists = new Map<string, number[]>([["a", [4, 5]]]);
attempt("map hit", () => lists.get("a")!.length);
attempt("map miss", () => lists.get("b")!.length);
attempt("map miss push", () => lists.get("b")!.push(1));
const record: Record<string, string> = { a: "alpha" };
attempt("record hit", () => record["a"].length);
attempt("record miss", () => record["b"].length);
const missing = record["b"];
console.log(typeof missing, missing === undefined, typeof record["a"]);
const parsed = JSON.parse("[3, 1, 2]") as number[];
console.log(parsed.length, parsed.sort());
function twice(q: Quiet): number { return q.get() * 2 + q.value; }
console.log(twice(new Quiet()), twice(new Loud()));
const notCallable: unknown = 5, map: unknown = new Map<string, number>([["a", 1]]);
attempt("call", () => (notCallable as () => number)());
attempt("map", () => (map as Map<string, number>).get("a")! + (notCallable as Map<string, number>).size!);
attempt("map miss", () => (notCallable as Map<string, number>).get("a"));
// An optional call of a method the value lacks is undefined; of one it has, a call.
const maybeText: unknown[] = [5, "ok", [1, 2], { a: 1 }, true];
for (const m of maybeText) {
  attempt("optional call", () => `${(m as string).charCodeAt?.(0)} ${(m as number[]).findLast?.((x) => x > 0)}`);
}
