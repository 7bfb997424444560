// The conditional operator: nested chains, as arguments, with strings/booleans/numbers, and lazy evaluation.
function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}
function grade(score: number): string {
  return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : "F";
}
console.log(sign(42), sign(-42), sign(0), sign(2147483647), sign(-2147483648));
let grades = "";
for (let s = 55; s <= 100; s += 5) {
  grades += grade(s);
}
console.log(grades);
const a: number = 7;
const b: number = 9;
console.log(a > b ? a : b, a < b ? a : b, a === b ? "same" : "different");
console.log((a > b ? a : b) * 2, a + (b > 8 ? 100 : 200), a > 5 ? b > 5 : false);
function say(label: string, value: number): number {
  console.log("  computing", label);
  return value;
}
console.log("picked", true ? say("yes", 1) : say("no", 2));
console.log("picked", a > b ? say("yes", 1) : say("no", 2));
let flag = false;
for (let i = 0; i < 4; i++) {
  flag = flag ? false : true;
  console.log(i, flag ? "on" : "off", flag, i % 2 === 0 ? i * 10 : -i);
}
const max3 = (a > b ? (a > 20 ? a : 20) : (b > 20 ? b : 20));
console.log("max3", max3);
const nested = a > 0 ? (b > 0 ? (a + b > 15 ? "both big" : "both small") : "b not positive") : "a not positive";
console.log(nested);
let x = 0;
x = x === 0 ? 2147483647 : 0;
console.log(x, x === 2147483647 ? "at max" : "not at max");
console.log(1 > 0 ? 1 > 2 ? "x" : "y" : "z");
