// 'this' in a plain function is the holder when JSON.parse calls it as a reviver; a function
// that is also used another way would see no holder there, so its 'this' is rejected.
function revive(this: Record<string, unknown>, key: string, value: unknown): unknown {
  return key === "" ? Object.keys(this).length : value; //! MOTE1001 "JSON.parse revivers" at this
}
console.log(JSON.parse("[1]", revive));
const again = revive;
console.log(typeof again);
