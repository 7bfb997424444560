// No regular expression engine on the device yet.
const digits = /[0-9]+/; //! MOTE1008 "regular expressions" at /[0-9]+/
console.log(digits.test("42"));
