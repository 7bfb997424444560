// A generator keeps its frame alive between calls; the device has no resumable frames yet.
function* countTo(limit: number): Generator<number> { //! MOTE1007 "generators" at function*
  for (let i = 0; i < limit; i++) yield i;
}
console.log(countTo(3).next().value);
