// Methods called through an interface type reach the class's own method (with `this`), an
// override in a subclass, or a plain object's function-valued property, chosen at run time.
interface Sensor {
  readonly id: string;
  read(): number;
  scaled(factor: number, offset: number, limit: number): number;
  describe(): string;
}

abstract class BaseSensor implements Sensor {
  constructor(readonly id: string, protected raw: number) {}
  abstract read(): number;
  scaled(factor: number, offset: number, limit: number): number {
    return Math.min(this.read() * factor + offset, limit);
  }
  describe(): string {
    return `${this.id}:${this.read()}`;
  }
}

class Thermometer extends BaseSensor {
  read(): number {
    return this.raw - 273;
  }
}

class Counter extends BaseSensor {
  private count = 0;
  read(): number {
    this.count++;
    return this.raw * this.count;
  }
  describe(): string {
    return "counter " + super.describe();
  }
}

const fixed: Sensor = {
  id: "fixed",
  read: () => 42,
  scaled: (factor, offset, limit) => Math.min(42 * factor + offset, limit),
  describe: () => "always 42",
};

const sensors: Sensor[] = [new Thermometer("t1", 300), new Counter("c1", 5), fixed];
for (const s of sensors) {
  console.log(s.id, s.read(), s.read(), s.scaled(2, 1, 100), s.describe());
}

function total(list: Sensor[]): number {
  return list.reduce((sum, s) => sum + s.read(), 0);
}
console.log("total", total(sensors));
