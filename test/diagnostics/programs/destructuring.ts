// Destructuring is not lowered yet; read the elements by index.
const pair = [1, 2];
const [first, second] = pair; //! MOTE1001 "destructuring" at [first, second]
console.log(first, second);
