// Method calls, field reads and writes and getters on unions of classes whose members sit at different places.
class Circle {
  kind = "circle";
  constructor(public r: number) {}
  get size(): number { return this.r * 2; }
  area(): number { return 3 * this.r * this.r; }
  label(prefix: string, a: number, b: number, c: number): string { return `${prefix} circle ${this.r} ${a + b + c}`; }
}
class Rect {
  sides = 4;
  w: number;
  constructor(w: number, public h: number) { this.w = w; }
  scale(k: number): void { this.w *= k; this.h *= k; }
  get size(): number { return this.w + this.h; }
  label(prefix: string, a: number, b: number, c: number): string { return `${prefix} rect ${this.w}x${this.h} ${a * b * c}`; }
  area(): number { return this.w * this.h; }
}
class Square extends Rect {
  constructor(s: number) { super(s, s); }
  area(): number { return super.area() + 0; }
}
type Figure = Circle | Rect;
const figures: Figure[] = [new Circle(2), new Rect(3, 4), new Square(5)];
for (const f of figures) console.log(f.area(), f.size, f.label("#", 1, 2, 3));
function grow(f: Figure): string {
  if (f instanceof Rect) f.scale(2);
  return `${f.area()} ${f.size}`;
}
console.log(figures.map(grow).join(" | "));

class Point2 { constructor(public x: number, public y: number) {} }
class Point3 { constructor(public z: number, public y: number, public x: number) {} }
const points: Array<Point2 | Point3> = [new Point2(1, 2), new Point3(3, 4, 5)];
for (const p of points) {
  p.x += 10;
  p.y = p.y * 2;
  console.log(p.x, p.y);
}
// A union with a plain object type: found by name as well.
type Named = Circle | { kind: string; area(): number };
const mixed: Named[] = [new Circle(1), { kind: "blob", area: () => 42 }];
for (const m of mixed) console.log(m.kind, m.area());
