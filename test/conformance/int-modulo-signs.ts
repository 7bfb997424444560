// The remainder % takes the sign of the dividend, for every sign combination and at the int32 limits.
console.log(7 % 3, -7 % 3, 7 % -3, -7 % -3);
console.log(1 % 5, -1 % 5, 1 % -5, -1 % -5);
console.log(10 % 1, 10 % 10, 0 % 7, 0 % -7, 6 % 4);
console.log(2147483647 % 2, 2147483647 % -2, -2147483647 % 2, -2147483648 % 3);
console.log(2147483647 % 2147483646, -2147483648 % 2147483647, 1073741823 % 1000);
console.log(-2147483647 % -1000, -1073741825 % 7, 1073741824 % 999);
// A negative dividend that divides exactly would give -0 (a double); step back from it.
function mod(a: number, b: number): number {
  return a >= 0 ? a % b : b - 1 - ((-a - 1) % b);
}
function remainder(a: number, b: number): number {
  return a < 0 && (-a) % b === 0 ? 0 : a % b;
}
for (let i = -7; i <= 7; i++) {
  let line = "";
  for (let m = 2; m <= 5; m++) {
    line += (m > 2 ? " " : "") + remainder(i, m) + "/" + mod(i, m);
  }
  console.log(i, line);
}
let x = -100;
x %= 7;
console.log("x %= 7 ->", x);
x = 100;
x %= -7;
console.log("x %= -7 ->", x);
let evens = 0;
let negativeOdds = 0;
for (let k = -20; k < 20; k++) {
  if ((k & 1) === 0) {
    evens++;
  } else if (k % 2 === -1) {
    negativeOdds++;
  }
}
console.log("evens", evens, "negative odds", negativeOdds);
