// Division overflow: -2147483648 / -1 is 2147483648, which needs a double (a trap on some CPUs).
// Expected on the device: the quotients before it, as Node prints them
// (divide-int32-min-by-minus-one.stdout), then a runtime error; the exit code is non-zero;
// the crash report on stderr names divide-int32-min-by-minus-one.ts:10.
const min = -2147483648;
const divisors = [1, 2, -2, 65536, -1, 4];
for (let i = 0; i < divisors.length; i++) {
  const d = divisors[i];
  console.log("dividing by", d);
  console.log(min / d); //! runtime-error
}
console.log("after");
