// Soft-float doubles: 100,000 × x = x*1.0000001 + 0.5 from x = 1, printed with toFixed(6), as
// ../shared/baseline/apps/float.c (which prints with its own fixed-point routine).
let x = 1.0;
for (let i = 0; i < 100000; i++) {
  x = x * 1.0000001 + 0.5;
}
console.log(x.toFixed(6));
