// Division that divides exactly, and truncating division written as (a / b) | 0, with all sign combinations.
console.log(84 / 2, 84 / -2, -84 / 2, -84 / -2);
console.log(1000000 / 1000, 2147483647 / 1, -2147483648 / 1, -2147483648 / 2);
console.log(1073741824 / 1024, -1073741824 / 4096, 2147483646 / 2);
console.log((7 / 2) | 0, (-7 / 2) | 0, (7 / -2) | 0, (-7 / -2) | 0);
console.log((1 / 3) | 0, (-1 / 3) | 0, (2147483647 / 2) | 0, (-2147483648 / 3) | 0);
console.log((100 / 7) | 0, (100 / 9) | 0, (99 / 100) | 0, (-99 / 100) | 0);
function divide(a: number, b: number): number {
  return (a / b) | 0;
}
function exact(a: number, b: number): number {
  return a / b;
}
for (let n = -9; n <= 9; n += 3) {
  console.log(n, divide(n, 4), divide(n, -4), divide(17, n === 0 ? 1 : n));
}
console.log(exact(144, 12), exact(-144, 12), exact(144, -12), exact(625, 25));
let v = 1 << 29;
let steps = 0;
while (v !== 1) {
  v = v / 2;
  steps++;
}
console.log("halvings", steps);
let digits = 0;
let n = 2147483647;
while (n > 0) {
  n = (n / 10) | 0;
  digits++;
}
console.log("digits of max", digits);
console.log(divide(2147483647, -1), divide(-2147483647, -1), divide(0, 5));
console.log((5 / 5) | 0, (-2147483648 / 2147483647) | 0, (2147483647 / -2147483648) | 0);
