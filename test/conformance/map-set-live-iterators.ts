// Map and Set iterators are live: keys(), values(), entries(), for…of and forEach see entries
// added after the iterator was made or during the loop, skip entries deleted before they are
// reached, and never repeat one when an earlier entry goes; next() by hand.
const m = new Map<string, number>([["a", 1]]);
const keys = m.keys();
m.set("b", 2);
console.log([...keys], [...keys]);
const grid = new Map<string, number>([["a", 1], ["b", 2], ["c", 3], ["d", 4]]);
for (const [key, value] of grid) {
  console.log("visit", key, value);
  if (key === "a") { grid.delete("b"); grid.set("e", 5); }
  if (key === "c") grid.delete("a");
  if (key === "e") grid.set("a", 6);
}
const set = new Set([1, 2, 3]);
set.forEach((v) => {
  console.log("set", v);
  if (v === 1) { set.delete(2); set.add(4); }
  if (v === 4) set.delete(4);
});
const values = grid.values();
console.log(values.next(), values.next());
grid.clear();
grid.set("z", 26);
console.log([...values], grid.keys().next().value, grid.entries().next());
grid.set("y", 25);
grid.forEach((v, key, map) => {
  console.log("each", key, v, map.size);
  if (key === "z") { map.delete("z"); map.set("x", 24); }
});
const entries = set.entries();
set.add(9);
console.log(Array.from(entries), [...set.keys()], new Set(grid.keys()));
const partial = grid.keys();
for (const k of partial) { console.log("first", k); break; }
grid.set("w", 23);
console.log([...partial], Array.from(grid.values(), (v) => v * 2));
const done = set.values();
console.log([...done], done.next(), (set.add(100), done.next()));
const queue = new Set<string>(["start"]);
let visits = 0;
for (const job of queue) {
  visits++;
  if (job.length < 9) queue.add(job + "+");
  queue.delete(job);
}
console.log(visits, queue);
