// for…of over a 101-element array whose static type is an array (the indexed loop).
const xs: number[] = [];
for (let i = 0; i < 101; i++) xs.push(i);
let sum = 0;
for (const x of xs) sum += x;
console.log(sum);
