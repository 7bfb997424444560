// << >> >>> by 0, 1, 30, 31, 32, 33 and negative counts: the count is taken modulo 32.
console.log(1 << 0, 1 << 1, 1 << 30, 1 << 31, 1 << 32, 1 << 33);
console.log(-1 << 31, 3 << 30, 0x40000000 << 1, 0x3fffffff << 2, 5 << -1, 1 << -31);
console.log(-1 >> 31, -1 >> 32, -1 >> 33, 5 >> 33, 1024 >> 10, -1024 >> 10);
console.log(-2147483648 >> 31, -2147483648 >> 1, 2147483647 >> 30, 2147483647 >> 31);
console.log(-1 >>> 31, -1 >>> 2, -1 >>> 34, -8 >>> 29, 1024 >>> 3, 5 >>> 32);
console.log(-2147483648 >>> 31, -2147483648 >>> 2, 2147483647 >>> 1 >>> 1, -7 >> 1, -7 >> 2);
console.log(7 >> 1, 7 >> 3, 0 >> 31, 0 << 31, 0 >>> 31, 1 >> 1);
function shl(x: number, n: number): number {
  return x << n;
}
function sar(x: number, n: number): number {
  return x >> n;
}
function shr(x: number, n: number): number {
  return x >>> n;
}
for (let n = 28; n <= 35; n++) {
  console.log(n, shl(1, n), shl(-3, n), sar(-1073741824, n), sar(1073741823, n), shr(-16, n - 26));
}
let v = 1;
let count = 0;
while (v !== 0) {
  v = v << 1;
  count++;
}
console.log("shifts until zero", count);
let w = -2147483648;
let arithmetic = 0;
while (w !== -1) {
  w = w >> 1;
  arithmetic++;
}
console.log("arithmetic shifts until -1", arithmetic);
const packed = (3 << 24) | (200 << 16) | (17 << 8) | 250;
console.log(packed, (packed >> 24) & 255, (packed >> 16) & 255, (packed >> 8) & 255, packed & 255);
const high = (200 << 24) | 5;
console.log(high, (high >> 24) & 255, high >>> 24, (high >>> 8) & 0xffff);
// An unsigned shift whose result lives in a stack slot (it printed 0 once).
function unsignedEighth(a: number, b: number): void { console.log((a + b) >>> 3, [12 - a, b, a]); }
unsignedEighth(-639, 48);
