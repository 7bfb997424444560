// -0 needs doubles; an int32 has only one zero.
let zero = -0; //! MOTE2001 "the number -0" at -0
console.log(zero);
