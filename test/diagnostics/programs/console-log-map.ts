// console.log prints arrays, plain objects and the app's class instances as Node does; a Map
// (which Node prints as Map(n) { key => value }) is not supported yet.
const counts = new Map<string, number>([["a", 1]]);
console.log(counts); //! MOTE1013 "console.log of a value of type 'Map<string, number>'" at counts)
