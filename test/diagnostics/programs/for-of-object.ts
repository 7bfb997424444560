// for…of iterates arrays, typed arrays, strings, Map and Set; plain objects are not iterable.
const point = { x: 1, y: 2 }; //! MOTE1001 "'object literal expression' is not supported" at { x: 1
console.log(point.x);
