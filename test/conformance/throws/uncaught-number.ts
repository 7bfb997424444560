// A value that is not an Error, thrown and not caught, is printed as String(value) would
// print it: here a number with a fraction, so the image needs the double printer for it
// (sdk/compiler/passes/thrown-values.ts keeps it only in programs that throw such values).
function halve(n: number): number {
  return n / 2;
}
const reading = halve(5);
console.log("reading", reading);
if (reading < 3) {
  throw reading; //! throws 2.5
}
console.log("never printed");
