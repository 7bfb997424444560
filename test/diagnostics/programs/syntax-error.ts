// A syntax error is reported the way tsc reports it, and nothing is compiled.
const a = 1;
console.log(a +); //! TS1109 "Expression expected" at );
