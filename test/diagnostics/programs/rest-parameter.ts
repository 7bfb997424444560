// A rest parameter collects a variable number of arguments into an array.
function total(...values: number[]): number { //! MOTE1001 "rest parameters" at ...values
  return values.length;
}
console.log(total(1, 2, 3));
