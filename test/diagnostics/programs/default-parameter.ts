// Default parameters are not lowered yet; pass the value explicitly.
function scale(n: number, factor: number = 2): number { //! MOTE1001 "default parameters" at factor
  return n * factor;
}
console.log(scale(21));
