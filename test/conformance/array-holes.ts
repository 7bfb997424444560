// Holes (ECMA-262's absent elements): new Array(n), a longer length and writes past the end
// leave slots never written, which read as undefined, are skipped by forEach, map, filter,
// some, every, reduce, indexOf and flat, kept by slice, concat, reverse, sort (last) and
// splice, read as undefined by find, includes, join, spread, for…of, Array.from and
// destructuring, and printed by console.log as runs of <n empty items>.
const a = new Array<number | undefined>(3);
console.log(a, a.length, a[1], a.indexOf(undefined), a.includes(undefined));
const b = [1, 2];
b.length = 4;
console.log(b, b.join("-"), String(b));
b[6] = 7;
console.log(b);
let visits = 0;
b.forEach(() => visits++);
console.log(visits, b.map((x) => x * 2), b.filter(() => true), b.some((x) => x === undefined), b.every((x) => x > 0));
console.log(b.reduce((s, x) => s + x, 0), b.reduce((s, x) => s + x), b.reduceRight((s, x) => s + x));
console.log(b.find((x) => x === undefined), b.findIndex((x) => x === undefined), [...b], Array.from(b));
for (const x of b) visits += x === undefined ? 10 : 1;
console.log(visits, b.slice(1, 5), b.concat([8]), [0].concat(b), b.flat());
console.log(b.reverse(), b.reverse().sort(), b.toSorted(), b.with(0, 9), b.toReversed());
const c = new Array(250);
c[120] = "x";
console.log(c);
const d = new Array(5);
d[0] = 1;
d[4] = 5;
console.log(d, JSON.stringify(d), d.lastIndexOf(undefined), d.at(2));
const e = [1, 2, 3, 4, 5];
e.splice(1, 1);
e.length = 8;
e.splice(2, 0, 0);
console.log(e, e.copyWithin(0, 4), e.flatMap((x) => [x, x]));
const nested = [new Array(2), new Array(3).length];
console.log(nested, new Array(120).fill(0).map((_, i) => i).filter((i) => i % 3 === 0));
const [first, ...rest] = d;
console.log(first, rest, Array.from({ length: 2 }), Array.from(d, (x) => x ?? 0));
