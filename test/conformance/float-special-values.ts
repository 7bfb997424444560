// NaN, ±Infinity and -0: comparisons, truthiness, equality, collections and printing.
const nan = 0 / 0;
const inf = 1 / 0;
const negZero = -0;
console.log(nan, inf, -inf, negZero, [negZero], { z: negZero });
console.log(String(negZero), `${negZero}`, JSON.stringify([nan, inf, negZero, 1.5]));
console.log(nan === nan, nan !== nan, nan < 1, nan > 1, nan <= 1, nan >= 1, nan == nan);
console.log(negZero === 0, 0 === negZero, 1 / negZero, 1 / 0);
console.log(inf > 1e308, -inf < -1e308, inf === inf, inf - inf, inf * 0);
for (const v of [0, negZero, nan, 0.5, -0.5, inf]) console.log(v, v ? "truthy" : "falsy", !v);
console.log([1, nan, 3].indexOf(nan), [1, nan, 3].includes(nan), [negZero].includes(0), [0].indexOf(negZero));
const m = new Map<number, string>();
m.set(nan, "not a number");
m.set(negZero, "zero");
console.log(m.get(nan), m.get(0), m.size);
const s = new Set<number>([nan, nan, 0, negZero, 1.5, 1.5]);
console.log(s.size, [...s]);
console.log(Math.sign(negZero), Math.sign(-3.5), Math.abs(negZero), Math.abs(-2.5));
console.log(Math.min(0, negZero), Math.max(negZero, 0), Math.min(1, nan), Math.max(), Math.min());
console.log(isNaN(nan), isFinite(inf), Number.isNaN(nan), Number.isFinite(1.5), Number.isInteger(5.0), Number.isInteger(5.5));
console.log(Number.isSafeInteger(2 ** 53), Number.isSafeInteger(2 ** 53 - 1), Number.EPSILON, Number.MAX_SAFE_INTEGER);
console.log(Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE * 2);
const values = [3, -0.5, nan, 2.25, -inf, 0];
console.log(values.sort((a, b) => a - b));
switch (negZero) {
  case 0: console.log("case 0 matches -0"); break;
  default: console.log("no match");
}
console.log(nan | 0, inf | 0, -1.9 | 0, 2.9 | 0, 4294967296.5 | 0, -2147483649 | 0, 3e9 >>> 0, ~2.5);
