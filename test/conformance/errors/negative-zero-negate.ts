// Negative zero from unary minus: -x with x = 0 is -0, which needs a double.
// Expected on the device: the negations before it, as Node prints them (negative-zero-negate.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names negative-zero-negate.ts:9.
let x = 3;
while (x >= -1) {
  if (x === 0) {
    console.log("negating zero");
  }
  const negated = -x; //! runtime-error
  console.log("-(" + x + ") =", negated);
  x--;
}
console.log("after", x);
