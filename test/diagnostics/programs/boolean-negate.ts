// -true is -1 in JavaScript; devices compute only with numbers in this step.
const flag: boolean = true;
console.log(-flag); //! MOTE1015 "operator '-' on a value of type" at flag
