// An exception thrown in a generator's body and caught by no one ends the program as in Node:
// the for…of over it does not close it (its next() threw), finally blocks in it still run.
function* readings(limit: number): Generator<number> {
  try {
    for (let i = 1; ; i++) {
      if (i > limit) throw new RangeError(`reading ${i} is past the limit ${limit}`); //! throws RangeError
      yield i * 10;
    }
  } finally {
    console.log("readings finally");
  }
}
let total = 0;
for (const r of readings(3)) {
  total += r;
  console.log("reading", r, "total", total);
}
console.log("never printed");
