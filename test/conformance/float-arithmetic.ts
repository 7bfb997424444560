// Doubles: + - * / % on fractions, exact IEEE results and Node's shortest printing.
function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

console.log(0.1 + 0.2, 0.3 - 0.1, 1.1 * 1.1, 1 / 3, 2 / 3);
console.log(7 / 2, -7 / 2, 7 % 2.5, -7 % 2.5, 5.5 % -2);
console.log(1e21, 1e-7, 123456789012345680000, 0.000001, 1.5e-10, 2 ** 53 + 1);
console.log(mean([1, 2, 3, 4]), mean([0.5, 0.25, 0.125]));
let x = 1;
for (let i = 0; i < 10; i++) x = x * 1.5 + 0.25;
console.log(x);
let c = 0;
for (let t = 0; t < 1; t += 0.1) c++;
console.log(c);
console.log(2147483647 + 1, -2147483648 - 1, 65536 * 65536, 3000000000 * 3, -2147483648 / -1);
console.log(`${1 / 7} and ${-0.5} and ${100 / 8}`);
console.log(String(0.1 * 3), (0.1 * 3).toString(), "v=" + 2.5);
const celsius = [-40, 0, 36.6, 100];
for (const t of celsius) console.log(t, "C =", t * 9 / 5 + 32, "F");
console.log(Math.max(0.5, 1.5, -2.5), Math.min(0.5, 1.5, -2.5));
let acc = 0;
for (let i = 1; i <= 20; i++) acc += 1 / i;
console.log(acc);
console.log(1e300 * 1e10, -1e300 * 1e10, 5e-324 / 2, 5e-324, 2.2250738585072014e-308);
console.log(0.1 + 0.2 === 0.3, 0.5 + 0.25 === 0.75, 1 / 3 < 0.34, 2.5 > 2);
