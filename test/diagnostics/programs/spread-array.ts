// Spreading into an array literal.
const low = [1, 2];
const all = [...low, 3]; //! MOTE1001 "spread and holes in array literals" at [...low, 3]
console.log(all.length);
