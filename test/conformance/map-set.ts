// Map and Set: insertion order, updates, deletes, size, has/get, iteration with for…of and
// destructuring, forEach, keys/values/entries, spread, and construction from arrays.
const ages = new Map<string, number>();
ages.set("ada", 36).set("bob", 41);
ages.set("cy", 29);
ages.set("ada", 37);
console.log(ages.size, ages.get("ada"), ages.get("zed") === undefined, ages.has("bob"), ages.has("Bob"));
console.log(ages.delete("bob"), ages.delete("bob"), ages.size);
for (const [name, age] of ages) console.log(name, age);
let line = "";
ages.forEach((age, name) => { line += name + "=" + age + ";"; });
console.log(line, [...ages.keys()].join(","), [...ages.values()].join(","));
const byNumber = new Map<number, string>([[3, "three"], [1, "one"], [2, "two"]]);
console.log(byNumber.get(2), [...byNumber.entries()].map((e) => e[0] + ":" + e[1]).join(" "));
const seen = new Set<number>([3, 1, 3, 2, 1]);
seen.add(5).add(1);
console.log(seen.size, seen.has(2), seen.has(4), [...seen].join(","));
seen.delete(3);
let sum = 0;
for (const v of seen) sum += v;
console.log(sum, seen.size);
const words = "the quick the lazy the end".split(" ");
const counts = new Map<string, number>();
for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
const unique = new Set<string>(words);
console.log([...counts.entries()].map(([w, n]) => w + n).join(" "), unique.size);
counts.clear();
console.log(counts.size, counts.get("the") === undefined, seen instanceof Set, counts instanceof Map);
