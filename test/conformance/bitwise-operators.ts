// & | ^ ~ with exact int32 semantics on positive, negative and boundary values.
console.log(12 & 10, 12 | 10, 12 ^ 10, ~12, ~-13);
console.log(-1 & 255, -256 | 15, -1 ^ 0x55, ~0, ~-1);
console.log(0x7fffffff & -0x80000000, 0x7fffffff | -0x80000000, 0x7fffffff ^ -1);
console.log(~2147483647, ~-2147483648, ~0x3fffffff, ~-0x40000000);
console.log(0x40000000 | 1, 0x40000000 & 0x7fffffff, 0x3fffffff ^ 0x40000000);
console.log(-2147483648 | 0, 2147483647 | 0, -2147483648 & -2147483648, -2147483648 ^ 1);
console.log(0x0f0f0f0f & 0x00ffff00, 0x0f0f0f0f | 0x30303030, 0x12345678 ^ 0x0f0f0f0f);
function popcount(x: number): number {
  let count = 0;
  for (let i = 0; i < 32; i++) {
    count += (x >> i) & 1;
  }
  return count;
}
function clearLowest(x: number): number {
  return x & (x - 1);
}
console.log(popcount(0), popcount(1), popcount(255), popcount(-1), popcount(-2147483648), popcount(0x55555555));
console.log(clearLowest(12), clearLowest(1073741824), clearLowest(-1), clearLowest(2147483647), clearLowest(-2147483647));
function lowestBit(x: number): number {
  return x & -x;
}
console.log(lowestBit(12), lowestBit(40), lowestBit(1073741824), lowestBit(7), lowestBit(-8));
let mask = 0;
for (let i = 0; i < 31; i += 3) {
  mask = mask | (1 << i);
}
console.log("mask", mask, mask & 0xffff, mask ^ mask, ~mask);
let a = 0x5a5a5a5a;
let b = -0x0f0f0f10;
a = a ^ b;
b = a ^ b;
a = a ^ b;
console.log("swapped", a, b);
console.log((5 & 3) === 1, (5 | 3) === 7, (5 ^ 3) === 6, ~~5, ~~-5, ~~~6);
