// Loops and array indexing: sieve of Eratosthenes up to 10000, as ../shared/baseline/apps/sieve.c
// (which uses a zeroed byte array; here the array is filled explicitly).
const limit = 10000;
const composite: number[] = new Array(limit + 1);
for (let i = 0; i <= limit; i++) {
  composite[i] = 0;
}

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
