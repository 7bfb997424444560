// String methods: slicing, searching, trimming, padding, case, splitting and replacing, with
// negative and missing arguments as JavaScript defines them.
const s = "  Hello, World!  ";
const t = s.trim();
console.log("[" + t + "]", "[" + s.trimStart() + "]", "[" + s.trimEnd() + "]");
console.log(t.slice(0, 5), t.slice(-6), t.slice(-6, -1), t.slice(7), t.slice(3, 1) === "");
console.log(t.substring(7, 0), t.substring(5), t.charAt(4), t.charAt(99) === "", t.charCodeAt(0));
console.log(t.indexOf("o"), t.indexOf("o", 5), t.lastIndexOf("o"), t.indexOf("xyz"), t.includes("World"));
console.log(t.startsWith("Hell"), t.startsWith("World", 7), t.endsWith("!"), t.endsWith("Hello", 5));
console.log(t.toUpperCase(), t.toLowerCase(), "straße".toUpperCase(), "ÉCOLE".toLowerCase());
console.log("7".padStart(3, "0"), "ab".padEnd(6, "xy") + "|", "abc".padStart(2), "x".padStart(4) + "|");
console.log("ab".repeat(3), "-".repeat(0) === "", t.at(-1), t.at(0), t[1], t[40] === undefined);
const parts = "a,b,,c".split(",");
console.log(parts.length, parts[0], parts[2] === "", parts[3], "abc".split("").length, "a b c".split(" ", 2).length);
console.log("one two two".replace("two", "2"), "one two two".replaceAll("two", "2"), "abc".replaceAll("", "-"));
console.log("price: $5".replace("$5", "$$10"), "cat".replace("a", "[$&]"), "ab".replace("b", "$`$'"));
console.log("温度 ok".slice(0, 2), "温度 ok".indexOf("ok"), "温度".length, "x".concat("y", "z"));
let csv = "";
const fields = ["id", "name", "value"];
for (let i = 0; i < fields.length; i++) csv += fields[i].toUpperCase() + (i < fields.length - 1 ? ";" : "");
console.log(csv, csv.split(";").join("|"));
