// Negating the smallest int32: -(-2147483648) is 2147483648, which needs a double.
// Expected on the device: the negations before it, as Node prints them (negate-int32-min.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names negate-int32-min.ts:10.
const values = [1, -1, 2147483647, -2147483647, -1073741824, -2147483648, 5];
let negatedSum = 0;
for (let i = 0; i < values.length; i++) {
  const v = values[i];
  console.log("negating", v);
  negatedSum += 1;
  console.log("=", -v); //! runtime-error
}
console.log("negated", negatedSum);
