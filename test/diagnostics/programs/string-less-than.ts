// Ordering strings with < is not supported yet (JavaScript compares code units).
function before(a: string, b: string): boolean {
  return a < b; //! MOTE1015 "operator '<' on a value of type 'string'" at a < b
}
console.log(before("a", "b"));
