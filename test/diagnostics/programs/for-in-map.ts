// for-in over a Map enumerates no entries in JavaScript (use for…of): a likely mistake, refused.
const seen = new Map<string, number>([["a", 1]]);
for (const key in seen) { //! MOTE1001 "for…in over a value of type" at seen
  console.log(key);
}
