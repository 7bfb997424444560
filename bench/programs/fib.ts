// Function calls and integer arithmetic: recursive Fibonacci, as ../shared/baseline/apps/fib.c.
function fib(n: number): number {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

console.log(fib(25));
