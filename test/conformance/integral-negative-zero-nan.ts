// -0, NaN and Infinity in an integer program, as Node has them: a zero product with a negative
// factor, -x of 0, a zero remainder of a negative number, x % 0, and a product that overflows
// the doubles; how they print, compare and flow on.
function times(a: number, b: number): number {
  return a * b;
}
const zeros = [times(0, -1), times(-3, 0), times(0, 5)];
console.log(zeros, zeros.map((z) => z === 0), zeros.map((z) => `${z}`), String(zeros[0]));
let x = 2;
while (x >= -1) {
  console.log("x", x, "-x", -x, [-x], { negated: -x });
  x--;
}
function remainder(a: number, b: number): number {
  return a % b;
}
console.log([remainder(-4, 2), remainder(4, 2), remainder(-5, 3), remainder(5, -3), remainder(-6, -3)]);
const nan = remainder(5, 0);
console.log(nan, [nan], nan === nan, nan !== nan, nan < 1, nan > 1, nan + 1, (nan | 0) + 1);
console.log(nan ? "truthy" : "falsy", -0 ? "truthy" : "falsy", zeros[0] || "or", zeros[0] ?? "nullish");
let big = 1;
let steps = 0;
while (big !== Infinity) {
  big = big * 1000003;
  steps++;
}
console.log(steps, big, -big, big - big, [big, -big], big > 1e308, -big < 0);
const sign = (v: number): string => (v < 0 ? "negative" : v > 0 ? "positive" : v === 0 ? `zero ${[v]}` : "NaN");
console.log([0, -0, -1, 1, nan].map(sign));
console.log(Math.max(0, -0), Math.min(0, -0), Math.sign(times(0, -7)), Math.trunc(times(-1, 0)));
console.log(JSON.stringify([zeros[0], nan, big, 2147483648 * 4]));
// -0 as a Map or Set key is +0, and as an array index it is index 0.
const keyed = new Map<number, string>([[zeros[0], "zero"], [nan, "nan"]]);
console.log(keyed, keyed.get(0), keyed.get(nan), new Set([zeros[0], 0, nan, nan]));
const slots = [10, 20, 30];
slots[zeros[0]] = 11;
console.log(slots, slots[zeros[1]], slots.indexOf(11), slots.includes(nan), [nan].includes(nan), [nan].indexOf(nan));
// An element read past the end is undefined, which arithmetic turns into NaN (and | 0 into 0).
const gaps: number[] = [];
for (let i = 0; i < slots.length; i++) gaps.push(slots[i + 1] - slots[i]);
let sum = 0;
for (let i = 0; i <= slots.length; i++) sum += slots[i];
console.log(gaps, sum, slots[5] | 0, -slots[6], slots[7] < 1, slots[7] === slots[8], Math.max(slots[0], slots[9]));
