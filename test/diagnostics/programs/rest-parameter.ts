// A rest parameter in a function value (only top-level functions gather rest arguments yet).
const total = (...values: number[]) => values.length; //! MOTE1001 "rest parameters are supported on devices only in top-level functions" at ...values
console.log(total(1, 2, 3));
