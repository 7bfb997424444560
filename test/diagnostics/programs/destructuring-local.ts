// Inside a function too.
function sum(pair: number[]): number {
  const [a, b] = pair; //! MOTE1001 "destructuring" at [a, b]
  return a + b;
}
console.log(sum([1, 2]));
