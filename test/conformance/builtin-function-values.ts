// String and Boolean as values: callbacks of map, filter, some and every (each takes its first
// argument and ignores the index and the array), and stored in a variable of function type.
const xs = [1, 0, 2.5, -3];
console.log(xs.map(String), xs.filter(Boolean));
const words = ["a", "", "b", ""];
console.log(words.filter(Boolean).length, [true, false].map(String).join("+"));
const mixed: unknown[] = [0, "", null, undefined, "x", [], {}, 7];
console.log(mixed.filter(Boolean).length, mixed.map(String));
const convert: (v: unknown) => string = String;
console.log(convert(42), [[1, 2], [3]].map(String));
const ys = [1, 0, 2, 3];
console.log(ys.map(String).join(""), ys.filter(Boolean), ["", "a"].some(Boolean), [1, 1].every(Boolean));
const labels = [10, 20].map(String).map((s) => s + "!");
console.log(labels, labels.map(Boolean));
console.log([0, 1, 2].filter(Boolean).map(String).join(","));
