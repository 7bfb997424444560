// Passing a function around needs function values (a code pointer plus its environment).
function double(x: number): number {
  return x * 2;
}
const operation = double; //! MOTE1001 "functions as values" at double;
console.log(operation(21));
