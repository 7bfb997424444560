// A closure that outlives its call. Lowering reaches the call of `next` (module code) before
// the body of `counter`, so the first error is the call of a value that is not a function
// declaration; the arrow function in `counter` would be reported next.
function counter(): () => number {
  let count = 0;
  return () => ++count;
}
const next = counter();
console.log(next(), next()); //! MOTE1013 "'next' is not a function declaration" at next(), next()
