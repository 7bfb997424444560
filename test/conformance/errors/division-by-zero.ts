// Division by zero: 1 / 0 is Infinity, which needs a double.
// Expected on the device: the quotients before it, as Node prints them (division-by-zero.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names division-by-zero.ts:8.
function quotient(a: number, b: number): number {
  if (b === 1) {
    console.log("dividing by one");
  }
  return a / b; //! runtime-error
}
const divisors = [5, 1, -5, 0, 2];
for (let i = 0; i < divisors.length; i++) {
  console.log("10 /", divisors[i], "=", quotient(10, divisors[i]));
}
console.log("after");
