// A syntax error in a pattern is a compile error at the literal, in V8's words.
const digits = /([0-9]+/; //! MOTE1008 "Invalid regular expression: /([0-9]+/: Unterminated group" at /([0-9]+/
console.log(digits.test("42"));
