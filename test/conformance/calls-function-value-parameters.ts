// Closures and function values with many parameters: fewer or more arguments than parameters, defaults, rest, callbacks, recursion through a value.
type Mix = (a: number, b: number, c: number, d: number, e: number, f: number) => number;
const mix: Mix = (a, b, c, d, e, f) => a * 100000 + b * 10000 + c * 1000 + d * 100 + e * 10 + f;
const table: Mix[] = [mix, (a, b, c, d, e, f) => a + b + c + d + e + f, function (a, b, c, d, e, f) { return a * b - c * d + e * f; }];
for (const fn of table) console.log(fn(1, 2, 3, 4, 5, 6), fn(6, 5, 4, 3, 2, 1));

// Fewer arguments than parameters give undefined (through a wider type), more are ignored.
const show = (a?: number, b?: number, c?: number, d?: number, e?: number) => [a, b, c, d, e].map((x) => String(x)).join(",");
const narrow: (a: number, b: number) => string = show;
console.log(show(), show(1), show(1, 2, 3, 4), show(1, 2, 3, 4, 5), narrow(7, 8));
const wide = show as unknown as (...xs: number[]) => string;
console.log(wide(1, 2, 3, 4, 5, 6, 7, 8));

// Defaults and rest after many fixed parameters.
const line = (x: number, y: number, z: number, label = "p", ...tags: string[]) => `${label}(${x},${y},${z})${tags.map((t) => "#" + t).join("")}`;
console.log(line(1, 2, 3), line(1, 2, 3, "q"), line(1, 2, 3, undefined, "a", "b", "c"));
const count = (...xs: unknown[]) => xs.length;
console.log(count(), count(1), count(1, 2), count(1, 2, 3), count(1, 2, 3, 4), count(1, "a", [2], null, undefined, 6, 7));
const gather = (a: string, ...rest: string[]) => a + "[" + rest.join("|") + "]";
console.log(gather("x"), gather("x", "y"), gather("x", "y", "z", "w", "v"));

// Top-level functions as values, with many parameters and with a rest parameter.
function area(x0: number, y0: number, x1: number, y1: number, scale: number): number {
  return Math.abs(x1 - x0) * Math.abs(y1 - y0) * scale;
}
function joinAll(sep: string, ...parts: number[]): string { return parts.join(sep); }
const measure: (x0: number, y0: number, x1: number, y1: number, scale: number) => number = area;
const joiner: (sep: string, ...parts: number[]) => string = joinAll;
console.log(measure(0, 0, 3, 4, 2), measure(5, 5, 1, 2, 1), joiner("-", 1, 2, 3, 4, 5), joiner("+"));

// Callbacks taking many arguments, and capturing variables.
function apply6(f: Mix, base: number): number { return f(base, base + 1, base + 2, base + 3, base + 4, base + 5); }
let calls = 0;
const counted: Mix = (a, b, c, d, e, f) => { calls++; return a + f - (b + e) + c * d; };
console.log(apply6(counted, 1), apply6(counted, 10), apply6(mix, 0), calls);

// Recursion through a function value with many arguments.
const rotate = (n: number, a: number, b: number, c: number, d: number, e: number, f: number): string =>
  n === 0 ? [a, b, c, d, e, f].join("") : rotate(n - 1, f, a, b, c, d, e);
console.log(rotate(0, 1, 2, 3, 4, 5, 6), rotate(1, 1, 2, 3, 4, 5, 6), rotate(25, 1, 2, 3, 4, 5, 6));
function makeAdder(a: number, b: number, c: number, d: number) {
  return (e: number, f: number, g: number, h: number, i = 0) => a + b + c + d + e + f + g + h + i;
}
console.log(makeAdder(1, 2, 3, 4)(5, 6, 7, 8), makeAdder(1, 1, 1, 1)(1, 1, 1, 1, 100));

// Callbacks with more parameters than the caller passes, fields holding functions, optional calls.
console.log([3, 1, 2].map((x: number, i: number, a: number[], extra?: number) => `${x}${i}${a.length}${extra}`).join(" "));
class Holder {
  handler: (a: number, b: number, c: number, d: number, e: number) => number = (a, b, c, d, e) => a * b + c * d + e;
  hook?: (a: string, b: string, c: string, d: string) => string;
  run(): string { return `${this.handler(1, 2, 3, 4, 5)} ${this.hook?.("a", "b", "c", "d")}`; }
}
const holder = new Holder();
console.log(holder.run());
holder.hook = (a, b, c, d) => d + c + b + a;
console.log(holder.run());
