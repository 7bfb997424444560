// A function with 14 live local variables across a loop and a call, so values must survive register pressure.
function mix(seed: number): number {
  return (seed * 31 + 7) % 1009;
}
function manyLocals(start: number): number {
  let a = start;
  let b = a + 1;
  let c = b * 2;
  let d = c - 3;
  let e = d ^ 0x55;
  let f = e << 3;
  let g = f >> 1;
  let h = g % 97;
  let i = h + a;
  let j = i - b;
  let k = j * 3;
  let l = k | 16;
  let m = l & 0xfff;
  let n = m + 1000;
  for (let round = 0; round < 10; round++) {
    a = mix(a + n);
    b = mix(b + a);
    c = mix(c + b);
    d = mix(d + c);
    e = mix(e + d);
    f = mix(f + e);
    g = mix(g + f);
    h = mix(h + g);
    i = mix(i + h);
    j = mix(j + i);
    k = mix(k + j);
    l = mix(l + k);
    m = mix(m + l);
    n = mix(n + m);
  }
  console.log(a, b, c, d, e, f, g, h, i, j, k, l, m, n);
  return a + b + c + d + e + f + g + h + i + j + k + l + m + n;
}
console.log("total", manyLocals(1));
console.log("total", manyLocals(12345));
const t1 = 1;
const t2 = t1 + 2;
const t3 = t2 * 3;
const t4 = t3 - 4;
const t5 = t4 << 5;
const t6 = t5 >> 2;
const t7 = t6 ^ t1;
const t8 = t7 | t2;
const t9 = t8 & 0xff;
const t10 = t9 + t3;
const t11 = t10 - t4;
const t12 = t11 * t2;
const t13 = t12 % 101;
console.log(t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13);
console.log(t1 + t2 + t3 + t4 + t5 + t6 + t7 + t8 + t9 + t10 + t11 + t12 + t13);
