// Unlabelled break and continue in for, while and do/while loops, including in nested loops.
let evens = "";
for (let i = 0; i < 12; i++) {
  if (i % 2 === 1) continue;
  if (i > 8) break;
  evens += i + ",";
}
console.log("evens", evens);
let n = 0;
let skipped = 0;
while (true) {
  n++;
  if (n % 3 === 0) {
    skipped++;
    continue;
  }
  if (n >= 20) break;
}
console.log("while", n, skipped);
let d = 0;
let visits = 0;
do {
  d++;
  if (d === 2 || d === 4) continue;
  visits++;
  if (d === 6) break;
} while (d < 100);
console.log("do", d, visits);
let pairs = 0;
let innerBreaks = 0;
for (let a = 0; a < 8; a++) {
  for (let b = 0; b < 8; b++) {
    if (b > a) {
      innerBreaks++;
      break;
    }
    if ((a + b) % 3 === 0) continue;
    pairs++;
  }
}
console.log("pairs", pairs, "inner breaks", innerBreaks);
function firstMultiple(divisor: number, from: number): number {
  let found = -1;
  for (let i = from; i < from + 1000; i++) {
    if (i % divisor !== 0) continue;
    found = i;
    break;
  }
  return found;
}
console.log(firstMultiple(7, 50), firstMultiple(13, 100), firstMultiple(1, 5));
function findInLoop(limit: number): number {
  let i = 0;
  while (i < limit) {
    if (i * i > 50) return i;
    i++;
  }
  return -1;
}
console.log(findInLoop(100), findInLoop(5));
