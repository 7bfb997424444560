// An unsigned shift whose result does not fit an int32: -1 >>> 0 is 4294967295, which needs a double.
// Expected on the device: the shifts before it, as Node prints them (unsigned-shift-result-too-large.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names unsigned-shift-result-too-large.ts:10.
const minusOne = -1;
let count = 31;
while (count >= 2) {
  console.log("-1 >>>", count, "=", minusOne >>> count);
  count -= 7;
}
console.log("-1 >>> 0 =", minusOne >>> 0); //! runtime-error
console.log("after");
