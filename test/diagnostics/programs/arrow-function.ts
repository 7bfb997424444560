// Arrow functions are function values; only named top-level functions exist on devices yet.
const double = (x: number): number => x * 2; //! MOTE1001 "arrow function" at (x: number)
console.log(double(21));
