// for…of iterates arrays, typed arrays and strings; Map and Set are not on devices yet.
const seen = new Set<number>(); //! MOTE1001 "'new Set' is not supported on devices yet" at new Set
for (const v of seen) console.log(v);
