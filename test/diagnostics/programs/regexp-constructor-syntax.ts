// new RegExp with a constant pattern is checked as a literal is: V8's message, at the call.
const range = new RegExp("[z-a]", "g"); //! MOTE1008 "Invalid regular expression: /[z-a]/g: Range out of order in character class" at new RegExp
console.log(range.test("q"));
