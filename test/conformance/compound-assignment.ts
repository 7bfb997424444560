// Every compound assignment (+= -= *= %= &= |= ^= <<= >>=) on locals and its value as an expression.
let x = 10;
x += 5;
console.log("+=", x);
x -= 20;
console.log("-=", x);
x *= -3;
console.log("*=", x);
x %= 7;
console.log("%=", x);
x |= 0x30;
console.log("|=", x);
x &= 0x3c;
console.log("&=", x);
x ^= 0xff;
console.log("^=", x);
x <<= 4;
console.log("<<=", x);
x >>= 2;
console.log(">>=", x);
x <<= 22;
console.log("<<= 22", x);
x >>= 30;
console.log(">>= 30", x);
let y = 1;
const z = (y += 4) * 2;
console.log("value of (y += 4) * 2:", z, y);
let acc = 0;
for (let i = 1; i <= 20; i++) {
  acc += i;
  acc -= i >> 1;
  acc ^= i;
}
console.log("acc", acc);
let f = 1;
for (let i = 1; i <= 12; i++) {
  f *= i;
}
console.log("12!", f);
let big = 0x3fffffff;
big += 1;
console.log(big);
big += big - 1;
console.log(big);
big -= 2147483647;
console.log(big);
big -= 2147483647;
big -= 1;
console.log(big);
let a = 5;
let b = 6;
a += b += 10;
console.log(a, b);
let bits = 0;
bits |= 1;
bits |= 1 << 30;
bits ^= -1;
console.log(bits, (bits &= 0xff00) >> 8, bits);
