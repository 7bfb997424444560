// Object.assign, Object.fromEntries, spreading class instances and nothing into object
// literals, Object.keys/values/entries of class instances (their fields, in order), values
// typed any printed by what they hold, and Array(n).
class Reading {
  unit = "C";
  constructor(public value: number, public sensor?: string) {}
}
const reading = new Reading(21, "t1");
console.log({ ...reading }, { ...new Reading(5), value: 6 }, Object.keys(reading), Object.values(new Reading(3)));
console.log(Object.entries(reading).map(([k, v]) => `${k}=${v}`).join(";"));
const none: { extra: number } | undefined = undefined as { extra: number } | undefined;
console.log({ ...none, base: 1 }, { ...new Map([[1, 2]]), ...new Set([3]), own: true });
const defaults = { rate: 10, retries: 3, name: "dev" };
const merged = Object.assign({}, defaults, { retries: 5 }, { extra: [1] });
const target = { kept: true };
const returned = Object.assign(target, reading);
console.log(merged, target, returned === target, defaults.retries);
const table = Object.fromEntries([["a", 1], ["b", [2, 3]], ["a", 9]]);
const scaled = Object.fromEntries(Object.entries({ x: 1, y: 2 }).map(([k, v]) => [k.toUpperCase(), v * 10]));
console.log(table, scaled, Object.keys(table), JSON.stringify(scaled));
const grid = Array(3).fill(0).map((_, i) => Array(i + 1).fill(i));
console.log(grid, Array(0), new Array(2).fill("x").join("-"));
