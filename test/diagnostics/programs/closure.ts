// A closure captures a local of the enclosing call (here `offset`); not on devices yet.
function shifted(value: number, offset: number): number {
  const shift = (x: number): number => x + offset; //! MOTE1001 "arrow function" at (x: number): number => x + offset
  return shift(value);
}
console.log(shifted(40, 2));
