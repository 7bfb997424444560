// console.log prints numbers, strings, booleans, null and undefined on devices for now.
const primes = [2, 3, 5, 7];
console.log("primes:", primes); //! MOTE1013 "console.log of a value of type 'number[]'" at primes)
