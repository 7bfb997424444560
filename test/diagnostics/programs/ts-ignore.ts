// A suppressed type error would compile as if the type were right.
function twice(n: string): number { return n.length * 2; }
// @ts-ignore //! MOTE1016 "'@ts-ignore'" at @ts-ignore
console.log(twice(5));
