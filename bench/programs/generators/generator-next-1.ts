// A generator of 1 values stepped by next(), one result object each.
function* range(n: number) {
  for (let i = 0; i < n; i++) yield i;
}
let sum = 0;
const g = range(1);
for (let r = g.next(); !r.done; r = g.next()) sum += r.value;
console.log(sum);
