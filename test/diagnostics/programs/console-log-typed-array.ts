// console.log prints arrays, plain objects, class instances, Map and Set as Node does; a
// typed array (which Node prints as Uint8Array(n) [ … ]) is not supported yet.
const bytes = new Uint8Array(4);
console.log(bytes); //! MOTE1013 "console.log of a value of type 'Uint8Array" at bytes)
