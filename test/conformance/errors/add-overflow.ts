// Int overflow: 2147483647 + 1 is 2147483648, which needs a double (not in this step).
// Expected on the device: the output Node prints before the marked line (add-overflow.stdout),
// then a runtime error; the exit code is non-zero; the crash report on stderr names add-overflow.ts:15.
const x = 2147483647;
console.log("x is", x);
console.log("x - 1 is", x - 1);
let safe = 0x3fffffff;
safe = safe + 1;
console.log("past the small-int range", safe);
function describe(n: number): string {
  return "n=" + n;
}
console.log(describe(x));
console.log("about to overflow");
console.log(x + 1); //! runtime-error
console.log("Node goes on; the device must not");
