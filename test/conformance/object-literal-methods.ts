// Methods in object literals: `this` from the call, iterators made of them, methods as values
// (detached: `this` undefined), call/apply/bind, the names functions made at run time print,
// optional method calls through an interface, tagged templates and String.raw.
const counter = {
  count: 0,
  step: 2,
  inc() { this.count += this.step; return this; },
  twice() { this.inc(); return this.inc().count; },
  later() { const scaled = () => this.count * 10; return scaled(); },
  describe(prefix: string, suffix = "!") { return `${prefix}${this.count}${suffix}`; },
};
console.log(counter.twice(), counter.later(), counter.describe("n="), counter.describe("n=", "?"));
const range = {
  from: 1,
  to: 4,
  [Symbol.iterator]() {
    let current = this.from;
    const last = this.to;
    return { next() { return current <= last ? { done: false, value: current++ } : { done: true, value: 0 }; } };
  },
};
console.log([...range], Array.from(range, (x) => x * 2), Object.keys(range));
const [first, second] = range;
const steps = { i: 0, [Symbol.iterator]() { return this; }, next() { this.i++; return { done: this.i > 3, value: this.i }; } };
for (const x of steps) console.log("step", x, first, second);
const shapes = [{ w: 2, h: 3, area() { return this.w * this.h; } }, { w: 4, h: 5, area() { return this.w * this.h; } }];
console.log(shapes.map((s) => s.area()), shapes[1]["area"](), JSON.stringify(shapes[0]));
const inc = counter.inc;
try { inc(); } catch (e) { console.log(e instanceof TypeError, (e as Error).message); }
const optional: { a: number; get?: () => number } = { a: 5, get() { return this.a; } };
console.log(optional.get?.(), counter.inc.name, counter.describe.name);

function add(a: number, b: number) { return a + b; }
const add5 = add.bind(null, 5);
const double = (x: number) => x * 2;
console.log(add5(3), add.call(null, 1, 2), add.apply(null, [3, 4]), double.call(undefined, 21));
const other = { count: 100, step: 1, inc: counter.inc };
console.log(counter.inc.call(other).count, counter.describe.apply(other, ["other "]));
const bound = counter.describe.bind(other, "bound ");
const boundTwice = bound.bind(null);
console.log(bound(), boundTwice("?"), bound.name, boundTwice.name, add5.name);
function sum(...xs: number[]) { return xs.reduce((s, x) => s + x, 0); }
console.log(sum.bind(null, 1, 2, 3)(4, 5), sum.apply(null, [1, 2, 3, 4, 5, 6]));
const named = [double, add, add5, counter.inc, function () { return 1; }, async () => 1];
console.log(named, named.map((f) => f.name));
console.log(counter, steps);
interface Greeter { name: string; hello?(n?: number): string }
class Polite implements Greeter { name = "p"; hello() { return "hi " + this.name; } }
const greeters: Greeter[] = [new Polite(), { name: "lit", hello(n = 0) { return this.name + n; } }, { name: "none" }];
let asked = 0;
console.log(greeters.map((g) => g.hello?.(asked++)), asked);
function tag(strings: TemplateStringsArray, ...values: unknown[]) { return `${strings.raw.join("|")}/${strings.join("|")}/${values.join(",")}`; }
const sites: TemplateStringsArray[] = [];
const keep = (strings: TemplateStringsArray, n: number) => sites.push(strings) * n;
for (let i = 1; i < 3; i++) keep`v=${i}`;
console.log(tag`a${1}b${"two"}c\n`, String.raw`x\ny${2}z`, tag``, sites[0] === sites[1], sites[0], Object.isFrozen(sites[1]));
