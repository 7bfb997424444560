// Calls nested as arguments: evaluation order is left to right, inner calls first, results passed along.
function trace(label: string, value: number): number {
  console.log("eval", label, value);
  return value;
}
function add(a: number, b: number): number {
  return a + b;
}
function mul(a: number, b: number): number {
  return a * b;
}
function sub3(a: number, b: number, c: number): number {
  return a - b - c;
}
console.log("result", add(trace("a", 1), mul(trace("b", 2), trace("c", 3))));
console.log("result", sub3(trace("x", 100), add(trace("y", 10), trace("z", 1)), mul(trace("p", 2), trace("q", 4))));
console.log("result", trace("first", 1) + trace("second", 2) * trace("third", 3));
function square(x: number): number {
  return mul(x, x);
}
function sumOfSquares(a: number, b: number): number {
  return add(square(a), square(b));
}
function hyp2(a: number, b: number, c: number): boolean {
  return sumOfSquares(a, b) === square(c);
}
console.log(sumOfSquares(3, 4), hyp2(3, 4, 5), hyp2(5, 12, 13), hyp2(4, 5, 6));
console.log(add(add(add(add(1, 2), 3), 4), 5), mul(add(1, 2), sub3(10, add(1, 1), mul(2, 2))));
console.log(square(square(square(3))), square(add(square(100), square(100))));
function twice(x: number): number {
  return add(x, x);
}
let v = 1;
for (let i = 0; i < 30; i++) {
  v = twice(v);
}
console.log("2^30 by doubling", v, twice(v - 1) + 1);
function describe(n: number): string {
  return "n=" + n + " sq=" + square(n) + " twice=" + twice(n) + " even=" + (n % 2 === 0);
}
console.log(describe(7));
console.log(describe(twice(square(add(2, 3)))));
