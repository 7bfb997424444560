// Classes are compiled only at the top level of a module for now.
function make(): number {
  class Local { value = 1; } //! MOTE1001 "classes declared inside functions or blocks" at class Local
  return new Local().value;
}
console.log(make());
