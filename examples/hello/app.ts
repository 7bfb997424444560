// The first app to run: `npm start` builds it for the Raspberry Pi Pico and runs it on the
// simulated board; `mote run examples/hello/app.ts --board mps2-an385` runs it on QEMU.
// Everything it prints comes from the device's console UART.

const name = "mote";

function square(n: number): number {
  return n * n;
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return true;
}

console.log("hello from " + name + "!");

let sum = 0;
for (let i = 1; i <= 10; i++) {
  sum = sum + square(i);
}
console.log("the squares of 1 to 10 add up to", sum);

let primes = "";
let count = 0;
for (let n = 2; count < 10; n++) {
  if (isPrime(n)) {
    primes = primes + (count > 0 ? ", " : "") + n;
    count++;
  }
}
console.log("the first ten primes: " + primes);
console.log("is 97 prime?", isPrime(97));
