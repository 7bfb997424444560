// eval runs source text through an interpreter; a device image has none.
const x = 2;
console.log(eval("x + 1")); //! MOTE1002 "'eval' is not supported" at eval(
