// Loops and array indexing: sieve of Eratosthenes up to 10000, as ../shared/baseline/apps/sieve.c,
// which marks composites in a zeroed byte array; here a Uint8Array, zero when created.
const limit = 10000;
const composite = new Uint8Array(limit + 1);

let count = 0;
for (let i = 2; i <= limit; i++) {
  if (composite[i] === 0) {
    count++;
    for (let j = i * i; j <= limit; j += i) {
      composite[j] = 1;
    }
  }
}
console.log(count);
