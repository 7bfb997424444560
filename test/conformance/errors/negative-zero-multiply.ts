// Negative zero from a product: 0 * -1 is -0, which needs a double (console.log prints -0).
// Expected on the device: the products before it, as Node prints them (negative-zero-multiply.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names negative-zero-multiply.ts:11.
function times(a: number, b: number): number {
  return a * b;
}
console.log(times(0, 5), times(5, 0), times(0, 0), times(-3, -4));
const zero = 0;
const minusOne = -1;
console.log("zero times minus one is");
console.log(zero * minusOne); //! runtime-error
console.log(times(0, -1));
