// undefined prints as "undefined": the literal, unwritten elements of new Array(n), and void function results.
console.log(undefined);
console.log("value:", undefined);
console.log(undefined, undefined);
console.log(1, undefined, "two", undefined, true);
const holes: number[] = new Array(4);
console.log(holes.length);
console.log(holes[0], holes[3]);
holes[1] = 10;
holes[3] = -3;
console.log(holes[0], holes[1], holes[2], holes[3]);
for (let i = 0; i < holes.length; i++) {
  console.log(i, holes[i]);
}
const past: number[] = [1, 2, 3];
console.log(past[3], past[100]);
function nothing(): void {
}
console.log(nothing(), "after nothing");
const grown: number[] = new Array(2);
grown.push(7);
console.log(grown.length, grown[0], grown[1], grown[2]);
let written = 0;
const sparse: number[] = new Array(10);
for (let i = 0; i < 10; i += 3) {
  sparse[i] = i * i;
  written++;
}
for (let i = 0; i < 10; i++) {
  console.log("sparse", i, sparse[i]);
}
console.log("written", written, "length", sparse.length);
console.log(undefined === undefined, holes[0] === undefined, holes[1] === undefined);
