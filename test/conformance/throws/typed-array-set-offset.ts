// TypedArray.prototype.set past the end is a RangeError ("offset is out of bounds") before
// anything is written: the target keeps what the earlier sets wrote.
const target = new Uint8Array(6);
const chunks = [[1, 2], [3, 4, 5], [6, 7]];
let at = 0;
for (const chunk of chunks) {
  console.log("writing", chunk, "at", at);
  target.set(chunk, at); //! throws RangeError
  at += chunk.length;
  console.log(target);
}
