// push returns the new length and grows arrays past 64 (and past 128) elements without losing values.
const a: number[] = [];
console.log(a.push(10), a.push(20), a.push(30), a.length);
const grow: number[] = [];
let lastLength = 0;
for (let i = 0; i < 150; i++) {
  lastLength = grow.push(i * 3 - 100);
}
console.log("length", grow.length, lastLength);
let ok = true;
for (let i = 0; i < grow.length; i++) {
  if (grow[i] !== i * 3 - 100) {
    ok = false;
  }
}
console.log("values intact", ok, grow[0], grow[63], grow[64], grow[65], grow[127], grow[128], grow[149]);
const fromLiteral = [1, 2, 3];
for (let i = 0; i < 70; i++) {
  fromLiteral.push(fromLiteral[i] + fromLiteral[i + 1]);
}
console.log(fromLiteral.length, fromLiteral[72], fromLiteral[70]);
const fromNew: number[] = new Array(5);
for (let i = 0; i < 5; i++) {
  fromNew[i] = i;
}
const newLength = fromNew.push(2147483647);
fromNew.push(-2147483648);
console.log(newLength, fromNew.length, fromNew[5], fromNew[6]);
const powers: number[] = [];
let p = 1;
while (p < 0x40000000) {
  powers.push(p);
  p = p * 2;
}
powers.push(p);
console.log(powers.length, powers[0], powers[29], powers[30]);
const evens: number[] = [];
for (let i = 0; i < 200; i++) {
  if ((i & 1) === 0) evens.push(i);
}
let sum = 0;
for (let i = 0; i < evens.length; i++) {
  sum += evens[i];
}
console.log(evens.length, sum, evens[99]);
const lengths: number[] = [];
lengths.push(lengths.push(0));
console.log(lengths.length, lengths[0], lengths[1]);
