// console.log of Map and Set as Node prints them: Map(n) { key => value } and Set(n) { value },
// empty ones, nested collections and collections inside arrays and objects, [Map] and [Set]
// below depth 2, and the order of insertion after deletes.
const counts = new Map<string, number>([["apples", 3], ["pears", 0]]);
counts.set("plums", 12);
console.log(counts);
const seen = new Set([3, 1, 4, 1, 5, 9, 2, 6]);
console.log(seen, seen.size);
seen.delete(4);
seen.add(4);
console.log(seen);
console.log(new Map(), new Set(), [new Map(), new Set()]);

const bySensor = new Map<string, Set<string>>();
for (const [sensor, tag] of [["t1", "indoor"], ["t1", "wall"], ["h2", "outdoor"]]) {
  if (!bySensor.has(sensor)) bySensor.set(sensor, new Set());
  bySensor.get(sensor)!.add(tag);
}
console.log(bySensor);
console.log({ index: bySensor, total: 3 });
console.log([[[new Map([[1, 2]]), new Set([1])]]], [[[new Map()]]]);

const wide = new Map<string, string>();
for (let i = 0; i < 6; i++) wide.set("key number " + i, "value number " + i);
console.log(wide);
