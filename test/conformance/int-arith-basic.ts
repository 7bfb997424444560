// Integer + - * with precedence, parentheses, associativity and negative operands.
const a = 17;
const b = 5;
const c = -3;
console.log(a + b, a - b, b - a, a * b);
console.log(a + b * c, (a + b) * c, a - b - c, a - (b - c));
console.log(a * b * c, -a * -b, c * c * c);
console.log(2 + 3 * 4 - 5, (2 + 3) * (4 - 5), 10 - 2 - 3 - 4);
console.log(100 - 200, -100 + 200, 0 - 0, 0 + 0, 0 * 5);
let sum = 0;
let product = 1;
for (let i = 1; i <= 10; i++) {
  sum = sum + i * i;
  product = product * i;
}
console.log("sum of squares", sum);
console.log("10!", product);
let x = 1000;
x = x * 3 - 7;
x = x + x;
x = 5 - x;
console.log(x);
const big = 46340;
console.log(big * big, big * -big, -big * big);
console.log(65535 * 32768, -65536 * 32768, 32767 * 65537);
console.log(123456 * 7890, 99999 * 21474, -99999 * 21474);
console.log(1 - 2 + 3 - 4 + 5 - 6 + 7 - 8 + 9);
console.log(7 * 6 - 6 * 7, 3 * (4 + 5 * (6 - 7 * (8 - 9))));
