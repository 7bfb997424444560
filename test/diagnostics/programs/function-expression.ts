// A function expression is a function value too.
const square = function (x: number): number { return x * x; }; //! MOTE1001 "function expression" at function (x
console.log(square(7));
