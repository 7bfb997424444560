// + on strings with strings, ints (including negatives and the int32 limits) and booleans, left to right.
const s = "n=";
console.log(s + 5, 5 + s, s + -5, s + 0, s + 2147483647, s + -2147483648);
console.log("x" + 1 + 2, 1 + 2 + "x", "x" + (1 + 2), 1 + (2 + "x"));
console.log("a" + true, false + "b", "flag=" + (3 > 2), "" + true + false);
console.log("" + 0x3fffffff, "" + -0x40000000, "" + 1073741824, "" + -1073741825);
console.log("" + 0, "" + -1, "" + 10, "" + 100, "" + 1000000000, "" + -999999999);
const first = "温度";
const second = ": ";
const value = 23;
const unit = "°C";
console.log(first + second + value + unit);
let message = "";
message = message + "start";
message = message + " " + 42;
message = message + " " + true;
message = "<" + message + ">";
console.log(message);
function label(key: string, n: number): string {
  return key + "[" + n + "]";
}
console.log(label("item", 0), label("item", -7), label("", 3), label("x", 2147483647));
const a = 10;
const b = 20;
console.log("sum: " + a + b, "sum: " + (a + b), a + b + " total", "diff " + (a - b));
console.log("bits " + (a & b) + (a | b) + (a ^ b) + (~a) + (a << 2) + (b >> 1));
let joined = "";
const parts = [3, -1, 4, -1, 5];
for (let i = 0; i < parts.length; i++) {
  joined = joined + parts[i];
  if (i < parts.length - 1) {
    joined = joined + ",";
  }
}
console.log("[" + joined + "]");
const empty = "";
console.log(empty + empty, (empty + empty).length, empty + 0, "" + "" + "");
console.log("é" + "t" + "é", "温" + "度", ("温" + "度") === "温度");
