// && || ! on booleans and numbers: short-circuiting, operand values returned, and truthiness of ints.
// Values come through parameters so that TypeScript does not narrow them to literal types.
function logic(t: boolean, f: boolean, zero: number, three: number, five: number): void {
  console.log(t && t, t && f, f && t, f && f);
  console.log(t || t, t || f, f || t, f || f);
  console.log(!t, !f, !!t, !!f, !(t && f), !t || !f);
  console.log(zero || five, three || five, zero && five, three && five, zero || zero, -three && five);
  console.log(!zero, !three, !-three, !(three - 3), !!zero, !!five);
}
logic(true, false, 0, 3, 5);
const zero: number = 0;
const seven: number = 7;
console.log(zero || seven || 9, zero && seven, seven && zero, seven && seven + 1);
function noisy(label: string, value: boolean): boolean {
  console.log("  evaluated", label);
  return value;
}
console.log("A:", noisy("a1", false) && noisy("a2", true));
console.log("B:", noisy("b1", true) || noisy("b2", false));
console.log("C:", noisy("c1", true) && noisy("c2", false) || noisy("c3", true));
console.log("D:", noisy("d1", false) || noisy("d2", false) || noisy("d3", true));
console.log("E:", !noisy("e1", false) && !noisy("e2", true));
function inRange(x: number, lo: number, hi: number): boolean {
  return x >= lo && x <= hi;
}
let hits = 0;
for (let i = -5; i <= 15; i++) {
  if (inRange(i, 0, 10) && !(i === 3 || i === 7)) {
    hits++;
  }
}
console.log("hits", hits);
const n = 12;
console.log(n > 10 && n < 20, n < 10 || n > 11, !(n % 3) && !(n % 4), !(n % 5));
const flags = 6;
console.log((flags & 2) && (flags & 4), (flags & 1) || (flags & 8), !(flags & 1));
