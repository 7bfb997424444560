// Division with a fraction: 7 / 2 is 3.5, which needs a double; (7 / 2) | 0 would be fine.
// Expected on the device: the exact and truncated quotients before it, as Node prints them
// (division-fraction.stdout), then a runtime error; the exit code is non-zero; the crash
// report on stderr names division-fraction.ts:14.
function half(n: number): number {
  return n / 2;
}
console.log(half(8), half(-8), half(2147483646));
console.log((7 / 2) | 0, (-7 / 2) | 0);
const seven = 7;
const two = 2;
console.log(seven * two / two);
console.log("now a fraction");
console.log(seven / two); //! runtime-error
console.log("after");
