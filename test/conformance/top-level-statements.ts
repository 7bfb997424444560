// Statements and control flow at top level: variables updated across loops, labels, and interleaved function calls.
let total = 0;
let log = "";
for (let i = 1; i <= 5; i++) {
  total += i;
  log += i;
}
console.log(total, log);
function triple(n: number): number {
  return n * 3;
}
total = triple(total);
console.log(total);
let n = total;
while (n > 1) {
  if ((n & 1) === 0) {
    n = n >> 1;
  } else {
    n = triple(n) + 1;
  }
  log += ".";
}
console.log(n, log.length);
scan: for (let a = 0; a < 5; a++) {
  let b = 0;
  while (true) {
    b++;
    if (b > a) continue scan;
    if (a * b === 6) {
      console.log("found", a, b);
      break scan;
    }
  }
}
let flag = false;
if (total > 40) {
  flag = true;
} else {
  flag = false;
}
console.log("flag", flag);
const done = total > 40 ? "big" : "small";
console.log(done);
let i = 0;
do {
  i += triple(i) + 1;
} while (i < 1000);
console.log("i", i);
console.log("end");
