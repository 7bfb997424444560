// Math functions that need doubles are refused (random numbers are fractions).
const a: number = 3;
console.log(Math.random() * a); //! MOTE1013 "Math.random needs doubles" at Math.random(
