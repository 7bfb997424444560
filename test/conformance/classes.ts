// Classes: fields with initialisers, constructors with parameter properties, methods,
// getters and setters, inheritance with super(…) and overrides reached through a base
// reference, super.method(…), static members, and instanceof.
class Sensor {
  readings = 0;
  static created = 0;
  constructor(public name: string, protected offset: number) {
    Sensor.created++;
  }
  read(raw: number): number {
    this.readings++;
    return this.adjust(raw) + this.offset;
  }
  adjust(raw: number): number {
    return raw;
  }
  get label(): string {
    return this.name + "#" + this.readings;
  }
  set rename(value: string) {
    this.name = value.toUpperCase();
  }
  static describe(s: Sensor): string {
    return "sensor " + s.name;
  }
}
class Scaled extends Sensor {
  factor: number;
  constructor(name: string, factor: number) {
    super(name, 1);
    this.factor = factor;
  }
  adjust(raw: number): number {
    return super.adjust(raw) * this.factor;
  }
}
class Quiet extends Scaled {}
const a = new Sensor("temp", 2);
const b: Sensor = new Scaled("light", 10);
const q = new Quiet("hum", 3);
console.log(a.read(20), b.read(4), q.read(1), a.read(1), a.label, b.label);
b.rename = "lux";
console.log(b.name, Sensor.describe(b), Sensor.created, (b as Scaled).factor);
const all: Sensor[] = [a, b, q];
console.log(a instanceof Sensor, a instanceof Scaled, b instanceof Sensor, q instanceof Scaled, all[0] instanceof Quiet);
let total = 0;
for (const s of all) total += s.read(2);
console.log(total, all.map((s) => s.label).join(" "));
class Counter {
  private count = 0;
  increment(by = 1): Counter {
    this.count += by;
    return this;
  }
  get value(): number {
    return this.count;
  }
}
console.log(new Counter().increment().increment(5).value);
