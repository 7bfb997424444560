// Updating elements in place: a[i] op= v, a[i]++ / --a[i], swaps, counting into buckets, and an insertion sort.
const a = [10, 20, 30, 40];
a[0] += 5;
a[1] -= 25;
a[2] *= -2;
a[3] %= 7;
console.log(a[0], a[1], a[2], a[3]);
a[0] |= 0x100;
a[1] &= 0xff;
a[2] ^= -1;
a[3] <<= 29;
console.log(a[0], a[1], a[2], a[3]);
a[3] >>= 29;
console.log(a[3], a[0]++, a[0], ++a[0], a[1]--, --a[1], a[1]);
const counts: number[] = new Array(5);
for (let i = 0; i < 5; i++) {
  counts[i] = 0;
}
const data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
for (let i = 0; i < data.length; i++) {
  counts[data[i] % 5]++;
}
console.log(counts[0], counts[1], counts[2], counts[3], counts[4]);
const sorted = [5, -2, 9, 0, 2147483647, -2147483648, 7, 7, -1, 3];
for (let i = 1; i < sorted.length; i++) {
  const key = sorted[i];
  let j = i - 1;
  while (j >= 0 && sorted[j] > key) {
    sorted[j + 1] = sorted[j];
    j--;
  }
  sorted[j + 1] = key;
}
let out = "";
for (let i = 0; i < sorted.length; i++) {
  out += sorted[i] + (i < sorted.length - 1 ? " " : "");
}
console.log(out);
const r = [1, 2, 3, 4, 5, 6, 7];
for (let i = 0, j = r.length - 1; i < j; i++) {
  const t = r[i];
  r[i] = r[j];
  r[j] = t;
  j--;
}
console.log(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
let k = 0;
const w = [0, 0, 0];
w[k++] = 5;
w[k++] += 6;
w[k] = k++;
console.log(w[0], w[1], w[2], k);
