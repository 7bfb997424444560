// String === and !== compare contents: built strings, non-ASCII, empty strings, and strings from numbers.
const a: string = "hello";
const b = "hel" + "lo";
let c = "";
c += "h";
c += "ello";
console.log(a === b, a === c, b === c, a !== c, a === "Hello", a !== "hello!");
const blank: string = "";
const ab: string = "ab";
console.log(blank === "", blank !== " ", ab === "ab", ab === "ba", ab === "abc", "abc" === ab + "c");
const t1: string = "温度";
let t2 = "温";
t2 += "度";
console.log(t1 === t2, t1 === "温 度", "héllo" === "h" + "é" + "llo", same("e\u0301", "é"));
function same(x: string, y: string): boolean {
  return x === y;
}
console.log(same("x", "x"), same("x", "y"), same("", ""), same("10", "" + 10));
console.log("" + 2147483647 === "2147483647", "" + -1 === "-1", "" + (3 > 2) === "true");
function lookup(key: string): number {
  if (key === "one") return 1;
  if (key === "two") return 2;
  if (key === "three") return 3;
  if (key === "温度") return 25;
  return -1;
}
console.log(lookup("one"), lookup("two"), lookup("three"), lookup("温度"), lookup("four"), lookup("On" + "e"));
let built = "";
let matches = 0;
for (let i = 0; i < 10; i++) {
  built += i;
  if (built === "0123") matches++;
  if (built === "0123456789") matches += 10;
}
console.log(built, matches);
const choice = 1 > 2 ? "yes" : "no";
console.log(choice === "no" ? "picked no" : "picked yes", choice !== "yes");
let prefix = "";
let same10 = 0;
for (let i = 0; i < 5; i++) {
  prefix += "ab";
  if (prefix.length === 10 && prefix === "ababababab") same10++;
}
console.log(prefix, same10);
