// Overflow by += on an array element: summing squares into a[0] passes 2147483647.
// Expected on the device: the partial sums before it, as Node prints them
// (compound-add-overflow-array.stdout), then a runtime error; the exit code is non-zero;
// the crash report on stderr names compound-add-overflow-array.ts:10.
const totals = [2100000000, 0];
let k = 1;
while (k < 100000) {
  console.log("total", totals[0], "adding", k * k);
  totals[1] += 1;
  totals[0] += k * k; //! runtime-error
  k *= 10;
}
console.log("end", totals[0], totals[1]);
