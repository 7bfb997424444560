// Function values take at most three parameters on devices for now.
const combine = (a: number, b: number, c: number, d: number) => a + b + c + d; //! MOTE1001 "function values take at most 3 parameters" at d: number
console.log(combine(1, 2, 3, 4));
