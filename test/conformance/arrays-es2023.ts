// ES2023 array methods: at, findLast, findLastIndex, toSorted, toReversed, with (copies that
// leave the original as it was), copyWithin (overlapping ranges), shift and unshift.
interface Reading {
  sensor: string;
  value: number;
}

const readings: Reading[] = [
  { sensor: "a", value: 21 },
  { sensor: "b", value: 19 },
  { sensor: "a", value: 23 },
  { sensor: "c", value: 18 },
];
console.log(readings.at(0)?.sensor, readings.at(-1)?.value, readings.at(9), readings.at(-9));
console.log(readings.findLast((r) => r.sensor === "a"), readings.findLastIndex((r) => r.value < 20));
console.log(readings.findLast((r) => r.value > 99), readings.findLastIndex((r) => r.value > 99));

const values = readings.map((r) => r.value);
const sorted = values.toSorted((x, y) => x - y);
console.log(sorted, values, values.toSorted(), values.toReversed(), values);
console.log(values.with(0, 0), values.with(-1, 99), values);
for (const index of [4, -5]) {
  try {
    values.with(index, 1);
  } catch (e) {
    console.log(e instanceof RangeError, (e as Error).message);
  }
}

const names = ["x", "y", "z"].toSorted().toReversed();
console.log(names, names.with(1, "w").join("-"));
console.log([1, 2, 3, 4, 5].copyWithin(0, 3), [1, 2, 3, 4, 5].copyWithin(1, 0, 3));
console.log([1, 2, 3, 4, 5].copyWithin(-2, -4, -3), [1, 2, 3, 4, 5].copyWithin(2, 9));

const queue: string[] = [];
console.log(queue.shift(), queue.unshift("b"), queue.unshift("a"), queue.unshift(), queue);
queue.push("c");
while (queue.length > 0) {
  const item = queue.shift();
  console.log(item, queue.length, queue);
}
const ring = [1, 2, 3];
for (let i = 0; i < 4; i++) ring.push(ring.shift()!);
console.log(ring, ring.unshift(-1, 0), ring);
