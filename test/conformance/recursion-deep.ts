// Deep recursion (depth 200) with results built on the way back, plus recursion through several frames.
function sumTo(n: number): number {
  if (n === 0) {
    return 0;
  }
  return n + sumTo(n - 1);
}
console.log("sumTo(200)", sumTo(200));
function depth(n: number, acc: number): number {
  return n === 0 ? acc : depth(n - 1, acc + 3);
}
console.log("depth(200, 0)", depth(200, 0));
function power(base: number, exp: number): number {
  if (exp === 0) return 1;
  const half = power(base, exp >> 1);
  return (exp & 1) === 1 ? half * half * base : half * half;
}
console.log(power(2, 30), power(3, 19), power(-2, 31), power(7, 11), power(-3, 5));
function countDigits(n: number): number {
  return n < 10 ? 1 : 1 + countDigits((n / 10) | 0);
}
console.log(countDigits(0), countDigits(99), countDigits(2147483647));
function binary(n: number): string {
  return n < 2 ? "" + n : binary(n >> 1) + (n & 1);
}
console.log(binary(0), binary(5), binary(255), binary(1073741824), binary(2147483647));
function climb(level: number, limit: number): number {
  if (level === limit) return level;
  const below = climb(level + 1, limit);
  return below - 1 + 1;
}
for (let i = 0; i < 5; i++) {
  console.log("climb", climb(0, 200 - i));
}
function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
console.log(gcd(832040, 514229), gcd(1 << 30, 3 << 20));
