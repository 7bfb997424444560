// Array literals of numbers: indexing, length, writing elements, empty and one-element arrays, edge values.
const a = [1, 2, 3];
console.log(a[0], a[1], a[2], a.length);
const empty: number[] = [];
console.log(empty.length);
const one = [42];
console.log(one.length, one[0]);
const edges = [2147483647, -2147483648, 0x3fffffff, -0x40000000, 1073741824, 0, -1];
for (let i = 0; i < edges.length; i++) {
  console.log(i, edges[i], edges[i] === edges[i] + 0);
}
const computed = [1 + 1, 2 * 3, 10 - 20, 7 << 2, -8 >> 1, (9 / 2) | 0];
console.log(computed[0], computed[1], computed[2], computed[3], computed[4], computed[5]);
const values = [5, 3, 9, 1, 7];
let sum = 0;
let max = values[0];
let min = values[0];
for (let i = 0; i < values.length; i++) {
  sum += values[i];
  if (values[i] > max) max = values[i];
  if (values[i] < min) min = values[i];
}
console.log("sum", sum, "max", max, "min", min);
values[0] = 100;
values[4] = values[0] + values[1];
console.log(values[0], values[1], values[2], values[3], values[4], values.length);
const x = 3;
const fromVars = [x, x * x, x * x * x, -x];
console.log(fromVars[0], fromVars[1], fromVars[2], fromVars[3]);
const nestedIndex = [0, 1, 2, 3, 4];
console.log(nestedIndex[nestedIndex[nestedIndex[4] - 1]], nestedIndex[nestedIndex.length - 1]);
let idx = 0;
const seq = [10, 20, 30];
console.log(seq[idx++], seq[idx++], seq[idx++], idx);
const long = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765];
let check = true;
for (let i = 2; i < long.length; i++) {
  check = check && long[i] === long[i - 1] + long[i - 2];
}
console.log("fibonacci literal ok", check, long.length, long[19]);
