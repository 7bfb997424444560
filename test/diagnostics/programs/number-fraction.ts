// Numbers are int32 until doubles arrive: a fraction literal cannot be represented.
let ratio = 3.5; //! MOTE2001 "the number 3.5" at 3.5
console.log(ratio);
