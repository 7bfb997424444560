// Number.isNaN does not convert its argument: Number.isNaN("abc") is false (isNaN would say true).
const text: string = "abc";
console.log(Number.isNaN(text)); //! MOTE1013 "Number.isNaN of a value that is not a number" at text));
