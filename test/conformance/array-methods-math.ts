// Array methods without callbacks (indexOf, includes, join, slice, concat, fill, reverse, at,
// pop, push with several values) and Math on integers.
const a = [5, 3, 8, 3, 1];
console.log(a.indexOf(3), a.indexOf(3, 2), a.lastIndexOf(3), a.indexOf(9), a.includes(8), a.includes(7));
console.log(a.join(), a.join(" - "), [].join(), ["x", "y"].join(""));
const b = a.slice(1, 3);
const c = a.slice(-2);
console.log(b.length, b[0], b[1], c.join("/"), a.slice().length);
const d = a.concat([9, 10]);
console.log(d.length, d[5], d.join(","));
const e: number[] = new Array(5);
e.fill(7);
e.fill(0, 1, 3);
console.log(e.join(","), [1, 2, 3].reverse().join(","), a.at(-1), a.at(10) === undefined);
console.log(a.push(11, 12), a.length, a.pop(), a.pop(), a.length, [].length);
const words = ["delta", "alpha", "charlie"];
console.log(words.indexOf("alpha"), words.includes("bravo"), words.join(" ").toUpperCase());
console.log(Math.abs(-7), Math.abs(7), Math.sign(-3), Math.sign(0), Math.sign(9));
console.log(Math.min(4, -2, 9), Math.max(4, -2, 9), Math.max(1), Math.pow(2, 10), Math.pow(-3, 3), Math.pow(7, 0));
console.log(Math.sqrt(144), Math.floor(17), Math.round(-4), Math.imul(0x7fffffff, 3), Math.imul(65536, 65536));
console.log(Math.clz32(1), Math.clz32(0), Math.clz32(-1), Math.clz32(0x00ff0000));
let total = 0;
const sizes = [12, 7, 30, 2];
for (let i = 0; i < sizes.length; i++) total = Math.max(total, sizes[i]);
console.log("largest", total, "smallest", Math.min(sizes[0], sizes[1], sizes[2], sizes[3]));
