// A module variable read by a function before its declaration has run is a ReferenceError
// in JavaScript (the temporal dead zone), not its later value.
// Expected on the device: the first line, then a runtime error; the exit code is non-zero;
// the crash report on stderr names read-before-declaration.ts:7.
function limit(): number {
  const doubled =
    threshold * 2; //! runtime-error
  return doubled;
}
console.log("checking");
console.log(limit());
let threshold = 10;
console.log("after", threshold);
