// for…of over arrays, typed arrays and strings (code points), with break and continue;
// numeric, string and const enums, folded to their values.
enum Level { Low = 1, Medium, High = 10 }
enum Unit { Celsius = "°C", Fahrenheit = "°F" }
const enum Flag { None = 0, Ready = 1 << 0, Busy = 1 << 1 }
const readings = [3, 14, 15, 92, 65];
let sum = 0;
for (const r of readings) {
  if (r === 15) continue;
  if (r > 90) break;
  sum += r;
}
console.log("sum", sum, Level.Low, Level.Medium, Level.High, Unit.Celsius, Flag.Ready | Flag.Busy);
const bytes = new Uint8Array([1, 2, 250]);
let total = 0;
for (const b of bytes) total += b;
console.log("bytes", total);
let letters = "";
for (const ch of "héllo") letters += ch.toUpperCase() + ".";
console.log(letters);
let count = 0;
for (const ch of "a😀b") count++;
console.log("code points", count, "a😀b".length);
const words = ["alpha", "beta"];
outer: for (const w of words) {
  for (const c of w) {
    if (c === "t") continue outer;
    letters = c;
  }
}
console.log(letters);
function level(n: number): Level {
  return n > 5 ? Level.High : Level.Low;
}
console.log(level(7) === Level.High, level(1), Unit.Fahrenheit.length);
