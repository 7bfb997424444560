// Remainder by zero: 5 % 0 is NaN, which needs a double.
// Expected on the device: the remainders before it, as Node prints them (remainder-by-zero.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names remainder-by-zero.ts:11.
let m = 3;
let line = "";
while (m >= 0) {
  line += 5 % (m + 1);
  console.log("5 mod", m + 1, "=", 5 % (m + 1));
  m--;
}
console.log("5 mod 0 =", 5 % (m + 1)); //! runtime-error
console.log(line);
