// Enums are objects at run time; use constants.
enum Color { Red, Green } //! MOTE1001 "enum declaration" at enum Color
console.log(Color.Green);
