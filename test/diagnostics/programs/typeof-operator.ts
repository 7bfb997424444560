// typeof needs run-time type names.
const n: number = 5;
console.log(typeof n); //! MOTE1001 "type of expression" at typeof n
