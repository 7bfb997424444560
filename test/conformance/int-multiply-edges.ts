// Multiplication with every sign combination, by 0 (positive operands only), 1 and -1, and products near the int32 limits.
console.log(6 * 7, -6 * 7, 6 * -7, -6 * -7);
console.log(0 * 5, 5 * 0, 0 * 0, 1 * 2147483647, -1 * 2147483647, 1 * -2147483648);
console.log(2147483647 * 1, -2147483647 * -1, -2147483648 * 1, 2 * 1073741823);
console.log(46340 * 46341, -46340 * 46341, 46341 * 46340 - 46340 * 46340);
console.log(65536 * 32767, -65536 * 32768, 65535 * 32767, 32768 * 32768, -32768 * 65536);
console.log(1073741824 * 1, 1073741823 * 2, -1073741824 * 2, 536870912 * 3 + 536870911);
console.log(3 * 715827882, -3 * 715827882, 7 * 306783378, 11 * 195225786);
function times(a: number, b: number): number {
  return a * b;
}
const factors = [1, -1, 2, -2, 3, 1000, -1000, 32767, -32768];
for (let i = 0; i < factors.length; i++) {
  let row = "";
  for (let j = 0; j < factors.length; j++) {
    row += times(factors[i], factors[j]) + (j < factors.length - 1 ? " " : "");
  }
  console.log(row);
}
let acc = 1;
let steps = 0;
while (acc < 400000000) {
  acc = times(acc, 5);
  steps++;
}
console.log("powers of five", steps, acc);
let neg = -1;
for (let i = 0; i < 10; i++) {
  neg = neg * -8;
}
console.log(neg, neg * 2, -neg, neg * -1 + 1);
const square = 46340;
console.log(square * square, times(square, -square), times(-square, -square));
let prod = 1;
for (let i = 1; i <= 12; i++) {
  prod *= i;
}
console.log(prod, prod * 1, -prod, prod * -1 * -1);
