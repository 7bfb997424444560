// Rest properties in object destructuring: the properties the pattern does not name, in their
// order, into a new plain object — from plain objects, class instances, parameters and for…of.
const o = { a: 1, b: "two", c: [3], d: { e: 4 } };
const { a, ...rest } = o;
console.log(a, rest, Object.keys(rest));
const { b: renamed, c, ...others } = o;
console.log(renamed, c, others);
const { ...all } = o;
all.a = 10;
console.log(all, o.a);
class Point { constructor(public x: number, public y: number, public z: number) {} }
const { x, ...yz } = new Point(1, 2, 3);
console.log(x, yz);
function strip({ id, ...fields }: { id: number; name: string; on: boolean }) { return [id, fields]; }
console.log(strip({ id: 7, name: "lamp", on: true }));
for (const { a: first, ...tail } of [{ a: 1, z: 2 }, { a: 3, z: 4 }]) console.log(first, tail);
