// A class's type is structural: objects of other classes and object literals with its members can have it, and are read and called by their own layout.
class Point2 {
  constructor(public x: number, public y: number) {}
  norm(): number { return this.x * this.x + this.y * this.y; }
  get sum(): number { return this.x + this.y; }
  moved(dx: number, dy: number, scale: number, label: string): string { return `${label}(${(this.x + dx) * scale},${(this.y + dy) * scale})`; }
}
class Point3 {
  tag = "p3";
  constructor(public z: number, public y: number, public x: number) {}
  get sum(): number { return this.x + this.y + this.z; }
  moved(dx: number, dy: number, scale: number, label: string): string { return `${label}[${this.x + dx} ${this.y + dy} ${this.z * scale}]`; }
  norm(): number { return this.x + this.y + this.z; }
}
class Labelled extends Point2 {
  constructor(x: number, y: number, public label: string) { super(x, y); }
  norm(): number { return -super.norm(); }
}
function describe(p: Point2): string {
  return `${p.x},${p.y} norm=${p.norm()} sum=${p.sum} ${p.moved(1, 1, 2, "m")}`;
}
const literal: Point2 = {
  x: 7, y: 8, sum: 0,
  norm: () => 99,
  moved: (dx, dy, scale, label) => `${label}{${dx + dy + scale}}`,
};
const points: Point2[] = [new Point2(1, 2), new Point3(3, 4, 5), literal, new Labelled(6, 7, "L")];
for (const p of points) console.log(describe(p));
for (const p of points) {
  p.x += 10;
  p.y = p.y * 2;
}
console.log(points.map((p) => `${p.x}/${p.y}`).join(" "));
console.log(points.map((p) => p.norm()).join(" "));
function widest(ps: Point2[]): Point2 {
  let best = ps[0];
  for (const p of ps) if (p.x > best.x) best = p;
  return best;
}
console.log(describe(widest(points)));
