// Negative zero from a remainder: -4 % 2 is -0 (the sign of the dividend), which needs a double.
// Expected on the device: the remainders before it, as Node prints them (negative-zero-remainder.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names negative-zero-remainder.ts:9.
function remainder(a: number, b: number): number {
  return a % b;
}
console.log(remainder(-7, 2), remainder(7, -2), remainder(4, 2), remainder(-5, 3));
const minusFour = -4;
const r = minusFour % 2; //! runtime-error
console.log(r, remainder(-4, 2));
