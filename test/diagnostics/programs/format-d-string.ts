// %d converts its argument with Number(): "abc" would print NaN, which needs doubles.
const s: string = "abc";
console.log("%d", s); //! MOTE1013 "%d with a value that is not a number" at s)
