// Objects with many fields (offsets past 124 bytes), wide constants, and boolean results of compares.
class Sensors {
  a0 = 0; a1 = 1; a2 = 2; a3 = 3; a4 = 4; a5 = 5; a6 = 6; a7 = 7; a8 = 8; a9 = 9;
  b0 = 10; b1 = 11; b2 = 12; b3 = 13; b4 = 14; b5 = 15; b6 = 16; b7 = 17; b8 = 18; b9 = 19;
  c0 = 20; c1 = 21; c2 = 22; c3 = 23; c4 = 24; c5 = 25; c6 = 26; c7 = 27; c8 = 28; c9 = 29;
  d0 = 30; d1 = 31; d2 = 32; d3 = 33; d4 = 34; d5 = 35; d6 = 36; d7 = 37; d8 = 38; d9 = 39;
  total(): number {
    return this.a0 + this.b5 + this.c9 + this.d0 + this.d9;
  }
}
const s = new Sensors();
s.d9 = 1000;
s.c8 += 7;
console.log(s.total(), s.c8, s.d9, s.a1);
// Constants: a byte, a byte pattern, 16 bits, and 32 bits; compares against each.
const constants = [255, 256, 0x00ff00ff, 0x10000, 65535, 20001, 0x3fffffff, -256, -65536, -1073741824];
let line = "";
for (const c of constants) {
  const big = c > 20000;
  const small = c <= -256;
  line += `${c}:${big ? "B" : ""}${small ? "S" : ""}${c === 65535} `;
}
console.log(line);
function classify(n: number): string {
  const over = n > 100000;
  const under = n < -70000;
  const even = n % 2 === 0;
  return `${over}/${under}/${even}`;
}
console.log(classify(100001), classify(-70001), classify(4), classify(-3));
// Integer division and remainders in a loop, with products that overflow a small integer.
let acc = 0;
for (let i = -40; i <= 40; i += 3) {
  const q = (i * 977) / 7 | 0;
  const r = (i * 31) % 11;
  acc = (acc + q * 3 + r) | 0;
}
console.log(acc);
let product = 1;
for (let i = 1; i <= 14; i++) product = product * (i + 1000);
console.log(product > 1e40, product < 1e45, Math.round(product / 1e38));
console.log(46341 * 46341, -46341 * 46341, 32768 * 32768, 0 * -5, -3 * 0);
console.log(1073741823 * 2, -1073741824 * -1, 12345 * -6789);
function divide(a: number, b: number): void {
  console.log((a / b) | 0, a % b, a / b, a * b);
}
const pairs = [[-1073741824, -1], [0, -3], [-9, 3], [9, -3], [7, 0], [-7, 2], [1073741823, -1], [100, 7]];
for (const [a, b] of pairs) divide(a, b);
