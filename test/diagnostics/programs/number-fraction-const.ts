// A `const` with a constant value is folded into its uses, so the number is reported where
// it is first used, not at the literal.
const ratio = 3.5;
console.log(ratio); //! MOTE2001 "the number 3.5" at ratio)
