// A module variable read by a function before its declaration has run is a ReferenceError
// in JavaScript (the temporal dead zone), not its later value: Node and the device both
// print the first line, then stop with the error at the marked line.
function limit(): number {
  const doubled =
    threshold * 2; //! throws ReferenceError
  return doubled;
}
console.log("checking");
console.log(limit());
let threshold = 10;
console.log("after", threshold);
