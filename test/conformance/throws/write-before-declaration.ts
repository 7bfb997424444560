// Assigning to a module variable before its declaration has run throws as well.
let calls = 0;
function reset(): void {
  calls++;
  total = 0; //! throws ReferenceError
}
console.log("start", calls);
reset();
let total = 5;
console.log(total);
