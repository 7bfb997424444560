// @ts-nocheck //! MOTE1016 "'@ts-nocheck' is not supported on devices" at @ts-nocheck
// Representations come from the types, so silencing the checker is refused outright.
const point = [3, 4];
console.log(point[0]);
