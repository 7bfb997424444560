// Math on doubles: rounding, powers, roots and the functions sensor code uses.
const xs = [2.5, -2.5, 0.5, -0.5, 1.4999999999999998, -0.49999999999999994, 7.0, -0.2];
for (const x of xs) {
  console.log(x, Math.floor(x), Math.ceil(x), Math.round(x), Math.trunc(x));
}
console.log(Math.sqrt(2), Math.sqrt(16), Math.sqrt(-1), Math.sqrt(1e-300), Math.sqrt(0.5));
console.log(Math.pow(2, 0.5), Math.pow(2, -3), 2 ** 10, 10 ** -2, Math.pow(-8, 1 / 3), 1.0001 ** 10000);
console.log(Math.PI, Math.E, Math.LN2, Math.SQRT2, Math.LOG10E);
console.log(Math.sin(Math.PI / 6), Math.cos(Math.PI / 3), Math.tan(0.5), Math.sin(1e6));
console.log(Math.atan2(1, 1), Math.atan2(-1, -1), Math.atan(0.5), Math.asin(0.5), Math.acos(0.5));
console.log(Math.exp(1), Math.exp(-2.5), Math.log(10), Math.log10(1000), Math.log2(3), Math.log1p(1e-10));
console.log(Math.hypot(3, 4), Math.hypot(1e200, 1e200), Math.cbrt(27), Math.cbrt(-2));
console.log(Math.sinh(1), Math.cosh(1), Math.tanh(0.5), Math.expm1(1e-5));
console.log(Math.fround(0.1), Math.fround(16777217), Math.fround(1e40), Math.fround(1e-46));
// A compass heading from a magnetometer reading, in degrees.
function heading(x: number, y: number): number {
  const degrees = Math.atan2(y, x) * 180 / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}
console.log(heading(1, 0), heading(0, 1), heading(-1, -1), heading(0.3, -0.7));
// Root mean square of a signal.
const samples: number[] = [];
for (let i = 0; i < 16; i++) samples.push(Math.sin(i / 16 * 2 * Math.PI) * 3.3);
let squares = 0;
for (const v of samples) squares += v * v;
console.log(Math.sqrt(squares / samples.length));
