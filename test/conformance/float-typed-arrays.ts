// Float32Array and Float64Array: storing rounds to the element type; reading gives doubles.
const f32 = new Float32Array(4);
const f64 = new Float64Array(4);
const inputs = [0.1, 1 / 3, 16777217, -2.5e-40];
for (let i = 0; i < 4; i++) {
  f32[i] = inputs[i];
  f64[i] = inputs[i];
}
for (let i = 0; i < 4; i++) console.log(i, f32[i], f64[i], f32[i] === f64[i]);
console.log(f32, f64);
console.log(f32.length, f64[7], f32[-1]);
const weights = new Float64Array([0.25, 0.5, 0.25]);
const signal = [1, 4, 9, 16, 25, 36];
const smoothed: number[] = [];
for (let i = 1; i < signal.length - 1; i++) {
  let v = 0;
  for (let k = 0; k < 3; k++) v += weights[k] * signal[i + k - 1];
  smoothed.push(v);
}
console.log(smoothed);
const ints = new Int16Array(3);
ints[0] = 1.9;
ints[1] = -1.9;
ints[2] = 40000.5;
console.log(ints[0], ints[1], ints[2]);
const u8 = new Uint8Array([255.9, 256, -1.5]);
console.log(u8[0], u8[1], u8[2]);
let sum = 0;
for (const w of weights) sum += w;
console.log(sum, Array.from(f32).map((v) => v.toFixed(3)));
