// Int overflow in a loop: counting down from -2147483645 passes -2147483648 on the fourth step.
// Expected on the device: the three values before the overflow, as Node prints them
// (subtract-overflow-in-loop.stdout), then a runtime error; the exit code is non-zero;
// the crash report on stderr names subtract-overflow-in-loop.ts:11.
let n = -2147483645;
let steps = 0;
console.log("start", n);
for (let i = 0; i < 6; i++) {
  steps++;
  console.log("step", steps);
  n = n - 1; //! runtime-error
  console.log("n", n);
}
console.log("done", n);
