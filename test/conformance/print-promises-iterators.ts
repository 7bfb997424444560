// console.log of promises (settled, pending, rejected, nested in objects and arrays), of Map
// and Set iterators (what they have left, without stepping them), and a class's static
// methods used as values (called, passed to map, printed, named).
const scores = new Map([["ada", 3], ["bob", 5]]);
const tags = new Set(["x", "y", "z"]);
console.log(scores.keys(), scores.values(), scores.entries());
console.log(tags.values(), tags.entries(), tags.keys());
const names = scores.keys();
names.next();
console.log(names, [...names], names);
scores.set("cy", 8);
const live = scores.values();
scores.delete("ada");
console.log(live, { left: tags.entries() });
const wide = new Set(Array.from({ length: 12 }, (_, i) => `item-${i * 111}`));
console.log(wide.values());
console.log(Promise.resolve(1), new Promise(() => {}), Promise.resolve("text"), Promise.resolve({ a: 1 }), [Promise.resolve([1, 2])]);
const failed = Promise.reject(new RangeError("no sensor"));
failed.catch(() => {});
const refused = Promise.reject(7);
refused.catch(() => {});
console.log(failed, refused, { p: refused });
const slow = new Promise<string>((resolve) => setTimeout(() => resolve("done"), 5));
console.log(slow);
slow.then(() => console.log(slow, Promise.resolve(slow)));
class Calc {
  static twice(n: number): number { return n * 2; }
  static async later(n: number): Promise<number> { return n + 1; }
}
const twice = Calc.twice;
console.log(twice(4), twice.name, twice, [1, 2, 3].map(Calc.twice), typeof Calc.twice);
const later = Calc.later;
later(1).then((v) => console.log(v, later));
