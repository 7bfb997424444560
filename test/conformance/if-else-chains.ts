// if / else if / else chains, nested ifs, dangling else, early returns and blocks without braces.
function classify(n: number): string {
  if (n < 0) {
    if (n < -1000) {
      return "very negative";
    }
    return "negative";
  } else if (n === 0) {
    return "zero";
  } else if (n < 10) {
    return "small";
  } else if (n < 1000) {
    return "medium";
  }
  return "large";
}
const samples = [-2147483648, -5000, -1, 0, 3, 9, 10, 999, 1000, 2147483647];
for (let i = 0; i < samples.length; i++) {
  console.log(samples[i], classify(samples[i]));
}
function fizz(n: number): string {
  let out = "";
  if (n % 3 === 0) out += "Fizz";
  if (n % 5 === 0) out += "Buzz";
  if (out === "") out += n;
  return out;
}
let line = "";
for (let i = 1; i <= 30; i++) {
  line += fizz(i) + (i < 30 ? "," : "");
}
console.log(line);
function dangling(a: boolean, b: boolean): string {
  if (a)
    if (b) return "a and b";
    else return "a only";
  return "not a";
}
console.log(dangling(true, true), "|", dangling(true, false), "|", dangling(false, true));
let x = 5;
if (x > 3) x = x * 2;
else x = 0;
if (x === 10) {
  console.log("x is ten");
} else {
  console.log("x is not ten");
}
if (x) {
  console.log("non-zero is truthy");
}
if (!(x - 10)) {
  console.log("zero is falsy");
}
