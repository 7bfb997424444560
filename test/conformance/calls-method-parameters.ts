// Methods with more than three parameters: `this` plus many arguments, defaults and rest among many fixed ones, overrides, super and static methods.
class Vector {
  constructor(public x: number, public y: number) {}
  blend(a: number, b: number, c: number, d: number, e: number, f: number): string {
    return `${this.x}:${this.y} ${a * 100000 + b * 10000 + c * 1000 + d * 100 + e * 10 + f}`;
  }
  scaled(sx: number, sy: number, ox: number, oy: number, label = "v", round = false): string {
    const x = this.x * sx + ox, y = this.y * sy + oy;
    return `${label}(${round ? Math.round(x) : x}, ${round ? Math.round(y) : y})`;
  }
  tagged(first: string, second: string, third: string, ...rest: number[]): string {
    return [first, second, third].join("/") + " +" + rest.length + " = " + rest.reduce((s, n) => s + n, this.x);
  }
  static sum(a: number, b: number, c: number, d: number, ...more: number[]): number {
    return more.reduce((s, n) => s + n, a + b + c + d);
  }
}
const v = new Vector(3, 4);
console.log(v.blend(1, 2, 3, 4, 5, 6), v.blend(9, 8, 7, 6, 5, 4));
console.log(v.scaled(2, 3, 1, 1), v.scaled(2, 3, 1, 1, "w"), v.scaled(0.5, 0.25, 0, 0, undefined, true));
console.log(v.tagged("a", "b", "c"), "|", v.tagged("a", "b", "c", 1), "|", v.tagged("a", "b", "c", 1, 2, 3, 4, 5));
console.log(Vector.sum(1, 2, 3, 4), Vector.sum(1, 2, 3, 4, 5, 6, 7));

class Shape {
  describe(name: string, w: number, h: number, unit: string, precision?: number): string {
    return `${name} ${w}x${h}${unit} p=${precision}`;
  }
}
class Box extends Shape {
  // An override may take more (optional) parameters than the method it overrides.
  describe(name: string, w: number, h: number, unit: string, precision = 2, depth?: number, color = "grey"): string {
    return super.describe(name, w, h, unit, precision) + ` d=${depth} ${color}`;
  }
}
const shapes: Shape[] = [new Shape(), new Box()];
for (const s of shapes) console.log(s.describe("s", 2, 3, "cm"));
for (const s of shapes) console.log(s.describe("s", 2, 3, "cm", 4));
console.log(new Box().describe("b", 1, 1, "m", 0, 5, "red"));

// Recursion with many arguments through the method table.
class Walker {
  steps = 0;
  walk(n: number, a: number, b: number, c: number, d: number, e: number): number {
    this.steps++;
    return n === 0 ? a * 10000 + b * 1000 + c * 100 + d * 10 + e : this.walk(n - 1, e, a, b, c, d);
  }
}
const w = new Walker();
console.log(w.walk(0, 1, 2, 3, 4, 5), w.walk(3, 1, 2, 3, 4, 5), w.walk(12, 1, 2, 3, 4, 5), w.steps);
// super.method(…) with many arguments from an arrow function and from an async method.
class Loud extends Shape {
  describe(name: string, w: number, h: number, unit: string): string {
    const shout = () => super.describe(name.toUpperCase(), h, w, unit, 9);
    return shout() + "!";
  }
  async later(name: string, w: number, h: number, unit: string): Promise<string> { await null; return super.describe(name, w, h, unit, 1); }
}
console.log(new Loud().describe("l", 1, 2, "mm"));
new Loud().later("a", 3, 4, "km").then((s) => console.log(s));
