// 'this' at the top of an ES module is undefined in Node; on devices 'this' exists only in
// methods, constructors and the arrow functions inside them.
function show(): void {
  console.log("shown");
}
show();
console.log(this === undefined); //! MOTE1001 "'this' is supported on devices in methods, constructors, JSON.parse revivers and the arrow functions inside them" at this
