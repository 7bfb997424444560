// Overflow by ++: incrementing 2147483647 gives 2147483648, which needs a double.
// Expected on the device: the values before it, as Node prints them (increment-overflow.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names increment-overflow.ts:8.
let counter = 2147483644;
let rounds = 0;
while (rounds < 6) {
  console.log("counter", counter);
  counter++; //! runtime-error
  rounds++;
}
console.log("rounds", rounds, counter);
