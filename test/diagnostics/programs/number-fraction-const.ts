// A fraction is refused where it is written (doubles are not on devices yet).
const ratio = 3.5; //! MOTE2001 "the number 3.5" at 3.5
console.log(ratio);
