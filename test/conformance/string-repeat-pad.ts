// String repeat and padding: counts with a fraction, empty strings, fillers cut to fit, wide
// characters, a 1,024-unit result (built by doubling), and the RangeError of a negative count.
console.log("ab".repeat(0), "ab".repeat(1), "ab".repeat(5), "x".repeat(2.5), "é".repeat(3), "".repeat(4));
console.log("7".padStart(5, "ab"), "7".padEnd(6, "xyz"), "abc".padStart(2), "1".padStart(4), "q".padEnd(3, "é"));
const long = "v".repeat(1024);
console.log(long.length, long.slice(1020), "-".repeat(33).length);
try { "a".repeat(-1); } catch (e) { console.log((e as Error).message); }
console.log("ab".repeat(3).padStart(10, "-").padEnd(12, "+"));
console.log("[" + "".padStart(0) + "]", "x".padStart(3, ""));
console.log("0".repeat(7).length + "0".repeat(8).length);
console.log("na".repeat(4) + " batman");
console.log("é".padEnd(6, "ab").length);
console.log("😀".repeat(2), "😀".repeat(2).length);
const rule = "=".repeat(20);
console.log(rule, rule.length, "ab".padEnd(1, "z"));
