// console.log of an Error (which Node prints with its stack) is not supported yet; print its
// message instead.
const failure = new RangeError("out of range");
console.log(failure); //! MOTE1013 "console.log of a value of type 'RangeError'" at failure)
