// new Array(n) filled by index: length, sieve of Eratosthenes, prefix sums, and reading back every element.
const n = 10;
const squares: number[] = new Array(n);
console.log(squares.length);
for (let i = 0; i < n; i++) {
  squares[i] = i * i;
}
let line = "";
for (let i = 0; i < squares.length; i++) {
  line += squares[i] + " ";
}
console.log(line);
const limit = 200;
const composite: number[] = new Array(limit);
for (let i = 0; i < limit; i++) {
  composite[i] = 0;
}
for (let p = 2; p * p < limit; p++) {
  if (composite[p] === 0) {
    for (let m = p * p; m < limit; m += p) {
      composite[m] = 1;
    }
  }
}
let primes = "";
let primeCount = 0;
for (let i = 2; i < limit; i++) {
  if (composite[i] === 0) {
    primes += i + " ";
    primeCount++;
  }
}
console.log(primes);
console.log("primes below", limit, primeCount);
const prefix: number[] = new Array(21);
prefix[0] = 0;
for (let i = 1; i <= 20; i++) {
  prefix[i] = prefix[i - 1] + i;
}
console.log(prefix[20], prefix[10] - prefix[5], prefix.length);
const zero: number[] = new Array(0);
console.log(zero.length);
const size = 3 + 4;
const filled: number[] = new Array(size);
for (let i = size - 1; i >= 0; i--) {
  filled[i] = size - i;
}
console.log(filled[0], filled[1], filled[6], filled.length);
const big: number[] = new Array(100);
for (let i = 0; i < 100; i++) {
  big[i] = 2147483647 - i;
}
console.log(big[0], big[99], big[50] - big[51]);
