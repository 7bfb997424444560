// Constructors with many parameters, defaults and rest, inherited constructors, and super(...) with many arguments.
class Reading {
  readonly tags: string[];
  constructor(public sensor: string, public channel: number, public value: number, public unit: string,
    public scale = 1, public offset = 0, ...tags: string[]) {
    this.tags = tags;
  }
  text(): string { return `${this.sensor}[${this.channel}] ${this.value * this.scale + this.offset}${this.unit} ${this.tags.join("+")}`; }
}
console.log(new Reading("t", 1, 21, "C").text());
console.log(new Reading("t", 2, 21, "C", 2).text());
console.log(new Reading("p", 3, 1000, "hPa", 1, -13, "outdoor", "calibrated").text());

class Stamped extends Reading {
  constructor(public time: number, sensor: string, channel: number, value: number, unit: string, ...tags: string[]) {
    super(sensor, channel, value, unit, 10, 5, ...tags);
  }
  text(): string { return `@${this.time} ${super.text()}`; }
}
console.log(new Stamped(99, "h", 4, 3, "%", "a", "b").text());
console.log(new Stamped(100, "h", 5, 4, "%").text());

// A class without a constructor takes its parent's parameters, rest included.
class Labelled extends Reading {
  label(): string { return `${this.sensor}:${this.tags.length}`; }
}
const l = new Labelled("x", 6, 7, "V", 1, 0, "one", "two", "three");
console.log(l.label(), l.text());
console.log(new Labelled("y", 7, 8, "A").label());

class Matrix2 {
  constructor(readonly a: number, readonly b: number, readonly c: number, readonly d: number, readonly tx: number, readonly ty: number) {}
  then(m: Matrix2): Matrix2 {
    return new Matrix2(this.a * m.a + this.b * m.c, this.a * m.b + this.b * m.d, this.c * m.a + this.d * m.c,
      this.c * m.b + this.d * m.d, this.tx * m.a + this.ty * m.c + m.tx, this.tx * m.b + this.ty * m.d + m.ty);
  }
  toString(): string { return `[${this.a} ${this.b} ${this.c} ${this.d} ${this.tx} ${this.ty}]`; }
}
const shift = new Matrix2(1, 0, 0, 1, 5, -2), turn = new Matrix2(0, -1, 1, 0, 0, 0);
console.log(`${shift.then(turn)} ${turn.then(shift)} ${shift.then(shift).then(turn)}`);
const makers: Array<(n: number) => Reading> = [(n) => new Reading("m", n, n * 2, "u", 1, 0, "x"), (n) => new Stamped(n, "s", n, n, "w")];
console.log(makers.map((make, i) => make(i + 1).text()).join(" ; "));
