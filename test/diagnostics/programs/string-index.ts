// Reading a character by index is not lowered yet.
const word: string = "mote";
console.log(word[0]); //! MOTE1001 "indexing a value of type 'string'" at word[0]
