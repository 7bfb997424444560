// The Math object is not on devices yet.
const a: number = 3;
console.log(Math.max(a, 4)); //! MOTE1013 "calling 'Math.max'" at Math.max(
