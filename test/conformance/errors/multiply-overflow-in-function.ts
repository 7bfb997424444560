// Int overflow inside a called function: 65536 * 32768 is 2147483648, which needs a double.
// Expected on the device: the products before it, as Node prints them
// (multiply-overflow-in-function.stdout), then a runtime error; the exit code is non-zero;
// the crash report on stderr names multiply-overflow-in-function.ts:7.
function product(a: number, b: number): number {
  console.log("multiplying", a, b);
  return a * b; //! runtime-error
}
console.log(product(6, 7));
console.log(product(65536, 32767));
console.log(product(-65536, 32768));
console.log(product(65536, 32768));
console.log("unreachable on the device");
