// Building strings with += in loops: long strings, repeated doubling, separators and lengths along the way.
let line = "";
for (let i = 0; i < 100; i++) {
  line += i % 10;
}
console.log(line);
console.log(line.length);
let doubled = "ab";
for (let i = 0; i < 8; i++) {
  doubled += doubled;
}
console.log(doubled.length, doubled === doubled + "", doubled.length === 512);
let stars = "";
for (let row = 1; row <= 6; row++) {
  let r = "";
  for (let c = 0; c < row; c++) {
    r += "*";
  }
  stars += r + "\n";
}
console.log(stars);
function repeat(piece: string, times: number): string {
  let out = "";
  for (let i = 0; i < times; i++) {
    out += piece;
  }
  return out;
}
console.log(repeat("温度", 5), repeat("-", 40), repeat("é", 3) + "!", "[" + repeat("x", 0) + "]");
let csv = "";
let n = 1;
while (n < 1000000) {
  csv += (csv === "" ? "" : ",") + n;
  n *= 7;
}
console.log(csv, csv.length);
let countdown = "";
let k = 10;
do {
  countdown += k + (k > 0 ? "…" : "");
  k -= 2;
} while (k >= 0);
console.log(countdown, countdown.length);
let big = "";
for (let i = 0; i < 130; i++) {
  big += "" + (i & 7);
}
console.log(big.length, big === repeat("01234567", 16) + "01");
let lengths = "";
let grow = "";
for (let i = 0; i < 10; i++) {
  grow += "ü";
  lengths += grow.length + " ";
}
console.log(lengths, grow);
