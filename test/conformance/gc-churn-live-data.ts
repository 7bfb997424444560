// Allocation churn with live data: far more is allocated than a micro:bit has RAM (16 KB), so
// this passes on the device only if the collector frees garbage and keeps every live object.
function label(n: number): string {
  return "item-" + n + "-" + (n * 7 % 13);
}
function checksum(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum = (sum * 31 + i + s.length) % 1000003;
  return sum;
}
const keep: string[] = [];
const numbers: number[] = [];
let garbage = 0;
for (let round = 0; round < 400; round++) {
  // Short-lived strings and arrays: garbage as soon as the iteration ends.
  let scratch = "";
  for (let k = 0; k < 8; k++) scratch += label(round + k);
  const temp: number[] = [];
  for (let k = 0; k < 20; k++) temp.push(round * k);
  garbage += scratch.length + temp.length;
  // A few long-lived ones, checked at the end.
  if (round % 25 === 0) {
    keep.push(label(round));
    numbers.push(round * 1000003 % 65521);
  }
}
console.log("garbage", garbage, "kept", keep.length, numbers.length);
let ok = true;
for (let i = 0; i < keep.length; i++) {
  if (keep[i] !== label(i * 25)) ok = false;
  if (numbers[i] !== i * 25 * 1000003 % 65521) ok = false;
}
console.log("live data intact", ok);
console.log(keep[0], keep[keep.length - 1], checksum(keep[3]));
let big = 0;
for (let i = 0; i < 300; i++) {
  const row: number[] = new Array(50);
  for (let j = 0; j < 50; j++) row[j] = i + j;
  big += row[49];
}
console.log("rows", big);
