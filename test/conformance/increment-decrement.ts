// Prefix and postfix ++/-- as statements and inside expressions, and across the small-int boundary.
let i = 5;
console.log(i++, i, ++i, i, i--, i, --i, i);
let j = 0;
const k = j++ + j++ + ++j;
console.log("j", j, "k", k);
let m = 10;
const n = m-- - --m;
console.log("m", m, "n", n);
let edge = 0x3ffffffe;
edge++;
console.log(edge);
edge++;
console.log(edge);
console.log(edge++, edge, ++edge);
let low = -0x3fffffff;
low--;
console.log(low);
console.log(low--, low, --low);
let nearMax = 2147483645;
nearMax++;
++nearMax;
console.log(nearMax);
nearMax--;
console.log(nearMax, --nearMax);
let count = 0;
let steps = 0;
while (count++ < 10) {
  steps++;
}
console.log("postfix loop", steps, count);
count = 0;
steps = 0;
while (++count < 10) {
  steps++;
}
console.log("prefix loop", steps, count);
let down = 5;
let trace = "";
do {
  trace += down + " ";
} while (--down > 0);
console.log(trace + "| " + down);
let p = 1;
const q = p++ * 10 + p++ * 100 + p++ * 1000;
console.log(p, q);
let r = 3;
console.log(-r++, -r--, r);
