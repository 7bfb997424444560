// 'this' at the top of an ES module is undefined in Node; mote has no 'this' at all yet.
function show(): void {
  console.log("shown");
}
show();
console.log(this === undefined); //! MOTE1001 "'this keyword'" at this
