// let/const block scoping: shadowing in nested blocks and loops, per-iteration loop variables, const values.
const x = 1;
let y = 10;
{
  const x = 2;
  let y = 20;
  {
    const x = 3;
    y += x;
    console.log("inner", x, y);
  }
  console.log("middle", x, y);
}
console.log("outer", x, y);
for (let i = 0; i < 3; i++) {
  const x = i * 100;
  let y = x + i;
  y++;
  console.log("loop", i, x, y);
}
console.log("after loop", x, y);
let i = 42;
for (let i = 0; i < 2; i++) {
  console.log("shadowed i", i);
}
console.log("outer i", i);
function shadow(x: number): number {
  let result = x;
  {
    const x = 1000;
    result += x;
  }
  if (result > 0) {
    const result2 = result * 2;
    return result2 + x;
  }
  return result;
}
console.log(shadow(1), shadow(-5000), shadow(0));
let total = 0;
for (let a = 0; a < 4; a++) {
  for (let b = 0; b < 4; b++) {
    const a2 = a * a;
    total += a2 + b * b;
  }
}
console.log("total", total);
let s = "outer";
if (s.length > 0) {
  let s = "inner";
  s += "!";
  console.log(s);
}
console.log(s);
const limit = 5, start = 2;
let k = start;
while (k < limit) {
  k++;
}
console.log(limit, start, k);
