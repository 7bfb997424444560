// Number theory on ints: trial-division primality, lcm through gcd, Euler's totient and perfect numbers.
function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return true;
}
console.log(isPrime(1), isPrime(2), isPrime(97), isPrime(91), isPrime(65537), isPrime(999983));
function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return (a / x) * b;
}
console.log(lcm(4, 6), lcm(21, 6), lcm(65536, 32768), lcm(9973, 9967));
function totient(n: number): number {
  let result = n;
  let m = n;
  for (let p = 2; p * p <= m; p++) {
    if (m % p === 0) {
      while (m % p === 0) {
        m = m / p;
      }
      result -= result / p;
    }
  }
  if (m > 1) {
    result -= result / m;
  }
  return result;
}
console.log(totient(1), totient(9), totient(36), totient(97), totient(1000000), totient(2147483646));
let perfect = "";
for (let n = 2; n < 1000; n++) {
  let sum = 1;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) {
      sum += d;
      if (d * d !== n) sum += n / d;
    }
  }
  if (sum === n) perfect += n + " ";
}
console.log("perfect numbers below 1000:", perfect);
