// 'this' at the top of an ES module is undefined in Node; on devices 'this' exists only in
// methods and constructors.
function show(): void {
  console.log("shown");
}
show();
console.log(this === undefined); //! MOTE1001 "'this' is supported on devices in methods and constructors" at this
