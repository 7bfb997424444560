// Number formatting: toFixed, toString(radix), toPrecision and exponent notation.
const values = [0, 1.005, 2.5, 1234.5678, -0.000123, 1e21, 123.456, 0.5, 1.45, 8.345, 1e-7];
for (const v of values) {
  console.log(v, v.toFixed(0), v.toFixed(2), v.toFixed(5));
}
console.log((25).toString(2), (255).toString(16), (-255).toString(36), (0.5).toString(2), (3.75).toString(16));
console.log((0.1).toString(3), (1 / 3).toString(2), (123.456).toString(8));
console.log((123.456).toPrecision(4), (0.000123).toPrecision(2), (123456).toPrecision(2), (1.5).toPrecision(1));
console.log((123.456).toExponential(2), (0).toExponential(), (1e-10).toExponential(3));
const readings = [21.456, 21.5, 22.049999, -3.14159];
console.log(readings.map((r) => r.toFixed(1)).join(" | "));
for (const big of [1e20, 1e21, 1.5e300, 2 ** 70, -1e-6, 1e-6, 1.2e-7]) console.log(big, String(big));
console.log(`${(99.99).toFixed(1)}%`, (0.000001).toFixed(7), (-1.5).toFixed(0), (1e21).toFixed(2));
console.log(0.1, 0.7, 1.7976931348623157e308, 4.35, 0.3 * 3, 100 / 3);
// A table of readings, right-aligned with padStart.
for (const r of [3.14159, -27.5, 1000.001]) console.log(r.toFixed(2).padStart(10, " "), r.toPrecision(3).padStart(8));
console.log((1234.5678).toFixed(10), (0.1 + 0.2).toFixed(20), (-1e-10).toFixed(3));
