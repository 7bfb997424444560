// Classic integer algorithms: integer square root, modular exponentiation, binary search, integer log2.
function isqrt(n: number): number {
  let lo = 0;
  let hi = 46340;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (mid * mid <= n) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}
console.log(isqrt(0), isqrt(1), isqrt(15), isqrt(16), isqrt(1000000), isqrt(2147483647));
function modpow(base: number, exp: number, m: number): number {
  let result = 1;
  let b = base % m;
  let e = exp;
  while (e > 0) {
    if ((e & 1) === 1) {
      result = (result * b) % m;
    }
    b = (b * b) % m;
    e = e >> 1;
  }
  return result;
}
console.log(modpow(2, 10, 1000), modpow(3, 200, 46337), modpow(7, 1234567, 40009), modpow(10, 0, 7));
const sorted = [-50, -7, 0, 3, 9, 12, 40, 41, 100, 2147483647];
function search(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] === target) return mid;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -(lo + 1);
}
console.log(search(sorted, -50), search(sorted, 41), search(sorted, 2147483647), search(sorted, 1), search(sorted, -100));
function log2(n: number): number {
  let r = 0;
  while (n > 1) {
    n = n >>> 1;
    r++;
  }
  return r;
}
console.log(log2(1), log2(2), log2(1023), log2(1024), log2(1073741823), log2(2147483647));
