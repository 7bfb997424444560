// Throwing needs exception objects and unwinding.
function check(n: number): number {
  if (n < 0) throw new Error("negative"); //! MOTE1001 "throw statement" at throw
  return n;
}
console.log(check(5));
