// Views and ES2023 methods in a program with doubles: float views of a shared buffer, lengths
// and offsets that are fractions (cut toward zero, as ToIndex does), NaN as 0, the RangeError
// messages that print the argument as given, a length of -0.
const quarter = 10 / 4;
const u = new Uint8Array(quarter);
console.log(u, u.length, new Float64Array([1.5, quarter]).subarray(1));
const buffer = new ArrayBuffer(16);
const doubles = new Float64Array(buffer);
const singles = new Float32Array(buffer, 8);
const bytes = new Uint8Array(buffer, 8, 4);
doubles.set([0.1, -2]);
console.log(doubles, singles, bytes, singles.byteOffset, singles.byteLength);
singles[1] = 1 / 3;
console.log(doubles[1], bytes.byteLength, singles.fill(quarter, 1), doubles[1]);
console.log(new Float32Array([quarter, 0.1]).slice(1), new Uint8Array(doubles.buffer, 8, 2));
const notANumber = NaN;
console.log(new Uint8Array(4).subarray(notANumber, 2.7).length, new Int16Array([1, -2, 3]).slice(-1.5));
for (const length of [-quarter, -0.5]) {
  try {
    console.log(new Uint8Array(length).length);
  } catch (e) {
    console.log(String(e));
  }
}
const xs = [1, 2, 3, 4];
console.log(xs.at(1.9), xs.at(-1.5), xs.at(notANumber), xs.with(-1.5, 0), xs.toSorted((a, b) => b / 2 - a / 2));
for (const index of [4.5, -4.5, Infinity]) {
  try {
    xs.with(index, 0);
  } catch (e) {
    console.log(String(e));
  }
}
xs.length = -0;
console.log(xs, xs.length);
for (const length of [1.5, -1]) {
  try {
    xs.length = length;
  } catch (e) {
    console.log(String(e), xs);
  }
}
