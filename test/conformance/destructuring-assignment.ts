// Destructuring assignment to existing variables and elements: swaps, rotations, holes,
// targets that are array elements and object fields, and the value of the expression.
let a = 1, b = 2, c = 3;
[a, b] = [b, a];
console.log(a, b, c);
[a, b, c] = [b, c, a];
console.log(a, b, c);
[, a] = [100, 200, 300];
console.log(a);
const xs = [10, 20, 30, 40];
[xs[0], xs[3]] = [xs[3], xs[0]];
console.log(xs.join(" "));
const point = { x: 1, y: 2 };
[point.x, point.y] = [point.y, point.x];
console.log(point);
const result = ([a, b] = [7, 8]);
console.log(a, b, result.length);
function fib(n: number): number {
  let [prev, next] = [0, 1];
  for (let i = 0; i < n; i++) [prev, next] = [next, prev + next];
  return prev;
}
console.log(fib(10), fib(20));
