// Integer programs go past int32 as Node does: sums, products, ++, negation and >>> whose
// results need a double keep going with it (the program has no fractions, so it is compiled
// "integral": sdk/compiler/lower/doubles.ts), in a function, a loop, recursion and an array.
const x = 2147483647;
console.log(x + 1, x + x, x * 2 - 1, -x - 1, -x - 2);
function product(a: number, b: number): number {
  return a * b;
}
for (let b = 32766; b <= 32770; b++) console.log(b, product(65536, b), product(-65536, b) | 0);
function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}
for (let n = 11; n <= 22; n++) console.log(`${n}! = ${factorial(n)}`);
let counter = 2147483644;
for (let i = 0; i < 6; i++) counter++;
console.log("counter", counter, counter - 2147483648);
let down = -2147483645;
for (let i = 0; i < 5; i++) down = down - 1;
console.log("down", down, down < -2147483648, down === -2147483650);
const values = [1, -1, 2147483647, -2147483648, 5];
let negated = 0;
for (const v of values) negated += -v;
console.log(values.map((v) => -v), negated);
const totals = [2100000000, 0];
for (let i = 1; i <= 4; i++) {
  totals[0] += i * i * 20000000;
  totals[1] = (totals[1] + totals[0]) % 1000000007;
}
console.log(totals, totals[0] > 2147483647);
const shifts = [0, 1, -1, -8, -2147483648];
console.log(shifts.map((s) => s >>> 0), shifts.map((s) => s >>> 1), (-1 >>> 0) + 1);
let wide = 4294967295;
wide = wide * wide;
console.log(wide, wide + 1, wide % 1000, Math.abs(-2147483648), Math.min(-wide, 3));
