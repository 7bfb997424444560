// Closures capture variables (not values), per-iteration loop bindings, nested and hoisted
// functions, functions as values, and the array methods that take callbacks.
function makeCounter(start: number): () => number {
  let count = start;
  return () => ++count;
}
const next = makeCounter(10);
console.log(next(), next(), makeCounter(0)(), next());
const fns: Array<() => number> = [];
for (let i = 0; i < 3; i++) fns.push(() => i * 10);
console.log(fns[0](), fns[1](), fns[2]());
function outer(): number {
  let x = 1;
  x = 5;
  return inner() + twice(x);
  function inner(): number { return x * 100; }
  function twice(n: number): number { return n * 2; }
}
console.log(outer());
function square(n: number): number { return n * n; }
const apply = (f: (n: number) => number, v: number) => f(v);
console.log(apply(square, 7), apply((n) => n - 1, 0), [1, 2, 3].map(square).join(" "));
const data = [5, 3, 8, 1, 9, 2];
console.log(data.map((v, i) => v * i).join(","), data.filter((v) => v % 2 === 1).join(","));
console.log(data.reduce((sum, v) => sum + v, 0), data.reduce((m, v) => (v > m ? v : m)));
console.log(data.find((v) => v > 6), data.findIndex((v) => v > 6), data.find((v) => v > 60) === undefined);
console.log(data.some((v) => v > 8), data.every((v) => v > 0), [].some(() => true));
const sorted = data.slice().sort((a, b) => a - b);
console.log(sorted.join(" "), data.join(" "), [10, 9, 1, 100].sort().join(" "));
const words = ["pear", "fig", "apple", "kiwi"];
console.log(words.sort().join(), words.sort((a, b) => a.length - b.length).join());
let log = "";
words.forEach((w, i) => { log += i + w[0]; });
console.log(log);
const adders = [1, 2, 3].map((n) => (x: number) => x + n);
console.log(adders[0](10), adders[2](10));
let calls = 0;
const memo: number[] = [];
function fib(n: number): number {
  calls++;
  if (n < 2) return n;
  if (memo[n] !== undefined) return memo[n];
  const v = fib(n - 1) + fib(n - 2);
  memo[n] = v;
  return v;
}
console.log(fib(30), calls);
