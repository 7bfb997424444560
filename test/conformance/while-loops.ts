// while loops: zero iterations, counting, gcd, Collatz, digit sums and loops whose condition calls functions.
let never = 0;
while (never > 0) {
  never++;
}
console.log("never ran", never);
function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
console.log(gcd(48, 18), gcd(17, 5), gcd(1071, 462), gcd(2147483647, 1073741823), gcd(0, 9), gcd(1 << 30, 1 << 20));
function collatzSteps(start: number): number {
  let n = start;
  let steps = 0;
  while (n !== 1) {
    n = (n & 1) === 0 ? n >> 1 : 3 * n + 1;
    steps++;
  }
  return steps;
}
console.log(collatzSteps(1), collatzSteps(6), collatzSteps(27), collatzSteps(97));
let longest = 0;
let longestAt = 0;
let start = 1;
while (start < 100) {
  const s = collatzSteps(start);
  if (s > longest) {
    longest = s;
    longestAt = start;
  }
  start++;
}
console.log("longest below 100:", longestAt, longest);
function digitSum(n: number): number {
  let sum = 0;
  while (n > 0) {
    sum += n % 10;
    n = (n / 10) | 0;
  }
  return sum;
}
console.log(digitSum(0), digitSum(9), digitSum(12345), digitSum(2147483647), digitSum(1073741824));
function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
let p = 1;
let powers = 0;
while (isPowerOfTwo(p) && p < 0x40000000) {
  p = p * 2;
  powers++;
}
console.log("powers", powers, p);
