// Heavily recursive functions: naive Fibonacci, Ackermann, binomials by Pascal's rule, Tower of Hanoi.
function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
let fibs = "";
for (let i = 0; i <= 18; i++) {
  fibs += fib(i) + " ";
}
console.log(fibs);
function ackermann(m: number, n: number): number {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
console.log(ackermann(0, 0), ackermann(1, 2), ackermann(2, 3), ackermann(3, 3));
function choose(n: number, k: number): number {
  if (k === 0 || k === n) return 1;
  return choose(n - 1, k - 1) + choose(n - 1, k);
}
let row = "";
for (let k = 0; k <= 12; k++) {
  row += choose(12, k) + " ";
}
console.log(row);
function hanoi(n: number, from: number, to: number, via: number): number {
  if (n === 0) return 0;
  const before = hanoi(n - 1, from, via, to);
  const after = hanoi(n - 1, via, to, from);
  return before + 1 + after;
}
console.log("hanoi moves", hanoi(1, 1, 3, 2), hanoi(5, 1, 3, 2), hanoi(12, 1, 3, 2));
function hanoiTrace(n: number, from: number, to: number, via: number): string {
  if (n === 0) return "";
  return hanoiTrace(n - 1, from, via, to) + from + ">" + to + " " + hanoiTrace(n - 1, via, to, from);
}
console.log(hanoiTrace(3, 1, 3, 2));
function fibFast(n: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) {
    const t = a + b;
    a = b;
    b = t;
  }
  return a;
}
console.log(fibFast(30), fibFast(45), fibFast(44));
