// Int overflow deep in a recursion: 13! is 6227020800, which needs a double.
// Expected on the device: the factorials up to 12! as Node prints them
// (factorial-overflow-recursion.stdout), then a runtime error in the multiply; the exit code
// is non-zero; the crash report on stderr names factorial-overflow-recursion.ts:9.
function factorial(n: number): number {
  if (n <= 1) {
    return 1;
  }
  return n * factorial(n - 1); //! runtime-error
}
for (let i = 1; i <= 14; i++) {
  console.log(i + "! =", factorial(i));
}
