// Unary minus on non-zero values, double negation, and negation at the int32 limits (never producing -0).
const a = 5;
const b = -5;
console.log(-a, -b, - -a, -(-b), -(a - 10));
console.log(-2147483647, -(-2147483647), -2147483648, -(2147483647));
console.log(-0x3fffffff, -(-0x40000000), -0x40000000, -(0x40000000));
function negate(x: number): number {
  return -x;
}
for (let i = -3; i <= 3; i++) {
  if (i !== 0) {
    console.log(i, negate(i), negate(negate(i)), -i * i, i * -i);
  }
}
let m = 1073741823;
console.log(-m, -m - 1, -(m + 1), -(m + m), -(m + m + 1));
m = -m;
console.log(m, -m);
const limit = -2147483647;
console.log(-limit, -limit - 1 + 1, -(limit + 1), -(limit - 1 + 2));
let flip = 7;
for (let i = 0; i < 5; i++) {
  flip = -flip;
  console.log("flip", flip);
}
let count = 3;
console.log(-count--, -count, -++count, -(count++ + 1), count);
const one = 1;
console.log(-one + 1 === 0, 2 - -one, -one - -one === 0, -(-one - 1));
