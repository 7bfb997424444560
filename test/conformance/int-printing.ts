// Decimal printing of ints: every power of two and ten, both signs, as console.log arguments and in concatenation.
let p = 1;
for (let k = 0; k <= 30; k++) {
  console.log(k, p, -p, "" + p, "" + -p, p - 1, 1 - p);
  if (k < 30) {
    p = p * 2;
  }
}
console.log(p + (p - 1), -p - p);
let ten = 1;
for (let k = 0; k <= 9; k++) {
  console.log("10^" + k, ten, -ten, ten - 1, 1 - ten, ten + 1);
  if (k < 9) {
    ten = ten * 10;
  }
}
console.log(2 * ten, -2 * ten, 2 * ten + 147483647, -2 * ten - 147483648);
console.log(0, 1, -1, 9, -9, 10, -10, 99, 100, -100, 101);
console.log(0x3fffffff, 0x3fffffff + 1, -0x40000000, -0x40000000 - 1);
console.log("[" + 0 + "]", "[" + -7 + "]", "[" + 2147483647 + "]", "[" + -2147483648 + "]");
const samples = [123456789, -987654321, 1000000001, -1000000001, 2000000000, -2000000000, 7, -7];
for (let i = 0; i < samples.length; i++) {
  console.log(samples[i], "|" + samples[i] + "|");
}
let nines = 9;
while (nines < 200000000) {
  nines = nines * 10 + 9;
}
console.log(nines, nines + 1, -nines, -nines - 1);
