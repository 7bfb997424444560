// Early returns before the frame, and values hoisted out of loops: base cases returning a parameter, a constant or undefined; typed arrays indexed in loops (element kinds, raw compares with constants, arrays that change or may be missing), wide loop bounds.
function fib(n: number): number { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
function pick(a: number, b: number, c: number): number { if (a > 3) return b; return pick(a + 1, c, b) + 1; }
function half(n: number): number | undefined { if (n === 0) return undefined; return n * 2; }
function below(n: number): number { if (n >= 100000) return -7; return below(n + 40000) - 1; }
function sign(n: number): number { if (n < 0) return -1; if (n > 0) return 1; return 0; }
console.log(fib(15), pick(0, 10, 20), half(0), half(4), below(-50000), sign(-5), sign(5), sign(0));

const limit = 2000;
const bytes = new Uint8Array(limit + 1);
let count = 0;
for (let i = 2; i <= limit; i++) {
  if (bytes[i] === 0) { count++; for (let j = i * i; j <= limit; j += i) bytes[j] = 1; }
}
const signed = new Int8Array(300);
for (let i = 0; i < signed.length; i++) signed[i] = i - 150;
let negatives = 0, other = 0, past = 0;
for (let i = 0; i < signed.length; i++) {
  if (signed[i] < 0) negatives++;
  if (signed[i] !== -3) other++;
}
for (let i = 0; i < 10; i++) if (signed[i + 295] === undefined) past++;
const wide = new Uint16Array(2200);
for (let i = 0; i < wide.length; i++) wide[i] = i * 30;
let big = 0, odd = 0;
for (let i = 0; i < wide.length; i++) { if (wide[i] >= 40000) big++; if (wide[i] > 65000) odd += wide[i]; }
console.log(count, negatives, other, past, big, odd);

let current: Uint8Array | undefined = undefined;
let seen = 0;
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < 4; i++) if (current !== undefined && current[i] === round) seen++;
  current = new Uint8Array(4).fill(round + 1);
}
let either: Uint8Array | number = 7;
let sum = 0;
for (let round = 0; round < 2; round++) {
  for (let i = 0; i < 3; i++) sum += typeof either === "number" ? either : either[i] + 100000;
  either = new Uint8Array([5, 6, 250]);
}
function fill(into: Uint32Array, from: number): number {
  let total = 0;
  for (let i = 0; i < into.length; i++) { into[i] = from + i * 1000003; total += into[i] % 1000; }
  return total;
}
const words = new Uint32Array(40);
console.log(seen, sum, fill(words, 4000000000), fill(words.subarray(10, 20), 7), words[39], words[12], churn());
// The view stays alive while a loop writes through the address loaded ahead and allocates.
function churn(): number {
  const bytes = new Uint8Array(64);
  let total = 0;
  for (let i = 0; i < 64; i++) {
    bytes[i] = 255 - i;
    const junk: number[] = [i];
    for (let k = 0; k < 40; k++) junk.push(k * i);
    total += junk.length;
  }
  for (let i = 0; i < 64; i++) total += bytes[i] * 1000;
  return total;
}
