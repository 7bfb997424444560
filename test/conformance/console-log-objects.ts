// console.log of arrays and plain objects in Node's format: one line when short, one entry
// per line when long, nesting to depth 2 ([Array], [Object] below), empty ones always shown,
// keys bare or quoted, strings quoted to avoid escapes, mixed with other arguments.
console.log([1, 2, 3], [], {}, [[]], [{}]);
console.log({ a: 1, b: "x", c: [1, 2], "d-e": null, f: undefined, g: { h: { i: { j: 1 } } } });
console.log([[1, 2, [3, 4, [5, [6]]]], { deep: { deeper: { deepest: {} } } }]);
console.log([[[[[]]]]], [[[{}]]], [[[[1]]]]);
console.log({ "a b": 1, _x: 2, $y: 3, "1a": 4, "": 5, camelCase9: true });
console.log(["it's", "say \"hi\"", "both ' and \" here", "all ' \" ` three", "back\\slash"]);
console.log(["tab\there", "bell\x07", "del\x7f", "line\nbreak", "\ud83d alone", "pair \ud83d\ude00"]);
console.log("label", [1, 2], "and", { x: [{ y: "z" }] }, 42, true);

interface Reading { sensor: string; value: number; ok: boolean; tags: string[] }
const readings: Reading[] = [
  { sensor: "temperature", value: 21, ok: true, tags: ["indoor", "calibrated"] },
  { sensor: "humidity", value: 40, ok: false, tags: [] },
];
console.log(readings);
console.log(readings[0]);
const summary: Record<string, number> = {};
for (const r of readings) summary[r.sensor] = r.value;
console.log(summary);

const long = "first line of a long text\nsecond line of the long text\nand a third line, the last";
console.log([long]);
console.log({ text: long, short: "a\nb" });
console.log(["a".repeat(30), "b".repeat(30), "c".repeat(30)]);
console.log({ one: "x".repeat(20), two: "y".repeat(20), three: "z".repeat(20) });
console.log([1, 22, 333, 4444, 55555, 666666, 7777777]);
console.log(["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "ggggggg"]);
console.log(Array.from({ length: 7 }, (_, i) => [i, i * i]));
