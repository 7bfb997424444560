// The d flag (match indices) is not supported on devices: a clear error rather than no indices.
const word = /\w+/d; //! MOTE1008 "the regular expression flag 'd' is not supported on devices" at /\w+/d
console.log(word.exec("hi"));
