// String .length counts UTF-16 code units: ASCII, accented, CJK, escapes, empty and concatenated strings.
console.log("".length, "a".length, "hello".length, "hello world".length);
console.log("héllo".length, "温度".length, "Grüße".length, "naïve café".length);
console.log("\n".length, "\t\t".length, "\\".length, "\u00e9".length, "e\u0301".length);
const s = "temperature 温度 25°C";
console.log(s, s.length);
const joined = "温" + "度" + "é";
console.log(joined.length, (joined + joined).length, ("" + joined).length);
function lengthOf(text: string): number {
  return text.length;
}
console.log(lengthOf("abc"), lengthOf(""), lengthOf("ÄÖÜ"), lengthOf("日本語テキスト"));
const words = "one two three";
let total = 0;
total += "one".length;
total += "two".length;
total += "three".length;
console.log(total, words.length - total);
let t = "";
for (let i = 0; i < 20; i++) {
  t += i < 10 ? "a" : "ß";
}
console.log(t, t.length);
const n = 12345;
console.log(("" + n).length, ("" + -n).length, ("" + 2147483647).length, ("" + -2147483648).length);
console.log(("" + true).length, ("" + false).length);
console.log("abc".length === 3, "温度".length === 2, "héllo".length > "hello".length);
const longText = "The quick brown fox jumps over the lazy dog — über schnell, 速い狐";
console.log(longText.length);
console.log(longText);
