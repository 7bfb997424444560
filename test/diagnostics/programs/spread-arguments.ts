// Spreading an array into arguments needs a variable-length call.
function add(a: number, b: number): number {
  return a + b;
}
const operands: [number, number] = [1, 2];
console.log(add(...operands)); //! MOTE1001 "spread arguments are supported on devices only into a rest parameter" at ...operands
