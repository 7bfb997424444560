// Patterns are compiled at build time: one built at run time from a variable is refused, by name.
const pattern = ["[0-9]", "+"].join("");
const digits = new RegExp(pattern); //! MOTE1008 "'pattern' is only known at run time" at pattern)
console.log(digits.test("42"));
