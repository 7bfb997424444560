// Heap bytes per object, as device.heapUsed sees them (each block's header and its rounding
// to the collector's 8-byte granules included): `npm run bench` prints them beside issue 12's
// targets, and test/unit/heap-bytes.test.ts fails if a block gets bigger.
import { device } from "mote";

class Pair {
  constructor(public a: number, public b: number) {}
}

const COUNT = 16;
const kept: unknown[] = new Array(COUNT * 16);
let next = 0;

/** Heap bytes per object that make(i) allocates (COUNT of them, all kept alive). */
function perObject(name: string, make: (i: number) => unknown): void {
  const before = device.heapUsed;
  for (let i = 0; i < COUNT; i++) kept[next++] = make(i);
  console.log(name, (device.heapUsed - before) / COUNT);
}

const text = "abcdefgh";
perObject("array-4-ints", (i) => [i, 2, 3, 4]);
perObject("array-empty", () => []);
perObject("array-10-ints", (i) => [i, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
perObject("instance-2-fields", (i) => new Pair(i, 2));
perObject("closure-1-capture", (i) => () => i);
perObject("string-3-chars", (i) => text.slice(i & 3, (i & 3) + 3));
perObject("boxed-number", (i) => i + 0.5);
perObject("object-2-keys", (i) => ({ x: i, y: 2 }));
perObject("array-map-4", (i) => [i, 2, 3, 4].map((x) => x));

// Map and Set entries, with what growing their arrays left behind (not yet collected).
const map = new Map<number, number>();
const set = new Set<number>();
let before = device.heapUsed;
for (let i = 0; i < COUNT; i++) map.set(i, i);
console.log("map-entry", (device.heapUsed - before) / COUNT);
before = device.heapUsed;
for (let i = 0; i < COUNT; i++) set.add(i);
console.log("set-entry", (device.heapUsed - before) / COUNT);

before = device.heapUsed;
const flags: boolean[] = new Array(500).fill(false);
console.log("boolean-array-500", device.heapUsed - before, flags.length);
console.log("peak", device.heapPeak > 0);
