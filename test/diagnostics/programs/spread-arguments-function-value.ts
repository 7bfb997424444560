// Spreading into a call of a function value or a method: the count of arguments is not known when compiling.
const total = (...values: number[]) => values.length;
const values = [1, 2, 3];
console.log(total(...values)); //! MOTE1001 "spread arguments in calls of function values and methods" at ...values
