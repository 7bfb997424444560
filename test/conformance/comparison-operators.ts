// Relational and equality operators on ints, including == and != between numbers and the int32 limits.
const values = [-2147483648, -1073741824, -5, -1, 0, 1, 5, 1073741823, 1073741824, 2147483647];
for (let i = 0; i < values.length; i++) {
  const x = values[i];
  let row = "";
  for (let j = 0; j < values.length; j++) {
    const y = values[j];
    const code = (x < y ? 1 : 0) + (x <= y ? 2 : 0) + (x > y ? 4 : 0) + (x >= y ? 8 : 0) + (x === y ? 16 : 0) + (x !== y ? 32 : 0);
    row += code + (j < values.length - 1 ? "," : "");
  }
  console.log(x, row);
}
const a: number = 3;
const b: number = 3;
const c: number = 4;
console.log(a == b, a != b, a == c, a != c, a === b, a !== c);
console.log(a < c, c < a, a <= b, a >= b, c > a, c >= a, a > a, a < a);
console.log(-1 < 0, 0 < -1, -2147483648 < 2147483647, 2147483647 > -2147483648);
console.log(1073741823 < 1073741824, 1073741824 > 1073741823, -1073741824 < -1073741825);
const seven: number = 7;
const eight: number = 8;
const same: boolean = seven == 7;
const differ: boolean = seven != eight;
console.log(same, differ, same === differ, same !== differ);
function compare(p: number, q: number): number {
  return p < q ? -1 : p > q ? 1 : 0;
}
console.log(compare(1, 2), compare(2, 1), compare(2, 2), compare(-2147483648, 2147483647));
let ordered = true;
const sorted = [-100, -10, -1, 0, 1, 10, 100];
for (let i = 1; i < sorted.length; i++) {
  if (!(sorted[i - 1] < sorted[i])) {
    ordered = false;
  }
}
console.log("ordered", ordered);
