// String conversion of objects as JavaScript does it: a class's own toString() (inherited
// too) in templates, String() and +, errors as "Name: message", and "[object Object]",
// "[object Map]", "[object Set]" for the rest; arrays join their elements that way.
class Point {
  constructor(readonly x: number, readonly y: number) {}
  toString(): string {
    return `(${this.x}, ${this.y})`;
  }
}
class Labelled extends Point {
  label = "p";
}
class Plain {
  value = 1;
}
const origin = new Point(0, 0);
const tagged = new Labelled(2, -3);
console.log(`${origin}`, String(tagged), "at " + origin, origin + "!", [origin, tagged].join(" -> "));
console.log(String(new Plain()), `${{ a: 1 }}`, String(new Map([[1, 2]])), `${new Set([1])}`);
console.log(`${new RangeError("out of range")}`, String(new Error("")), "" + new TypeError("bad type"));
const mixed: Array<Point | string | number | boolean | null | undefined> = [origin, "text", 42, true, null, undefined];
console.log(mixed.join("|"), `${mixed}`, String([tagged, [origin]]), mixed.map((m) => String(m)));
const path: Point[] = [];
for (let i = 0; i < 3; i++) path.push(new Point(i, i * i));
console.log(`path: ${path}`, path.map((p) => `${p}`).length, `${path[2]}`.length);
