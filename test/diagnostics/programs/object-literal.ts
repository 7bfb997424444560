// Objects are not on devices yet: numbers, strings, booleans and arrays are.
const origin = { x: 0, y: 0 }; //! MOTE1001 "object literal expression" at { x: 0
console.log(origin.x, origin.y);
