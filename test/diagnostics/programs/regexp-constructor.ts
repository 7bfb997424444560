// new RegExp is the same engine as a literal, reached through the global.
const pattern = "[0-9]+";
const digits = new RegExp(pattern); //! MOTE1008 "regular expressions" at RegExp(
console.log(digits.test("42"));
