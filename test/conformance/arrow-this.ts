// Arrow functions take `this` from where they are created: in methods (array callbacks,
// returned functions, timers), in constructors and field initializers, nested in other
// arrows, and each instance keeps its own.
class Scaler {
  factor: number;
  calls = 0;
  bump = () => ++this.calls;
  constructor(factor: number) {
    this.factor = factor;
    [1, 2].forEach(() => this.bump());
  }
  scale(values: number[]): number[] {
    return values.map((v) => v * this.factor);
  }
  adder(): (x: number) => number {
    return (x) => x + this.factor + this.bump();
  }
  nested(values: number[]): string {
    return values.map((v) => values.filter((w) => w * this.factor > v).length).join(",");
  }
}
const twice = new Scaler(2), thrice = new Scaler(3);
console.log(twice.scale([1, 2, 3]).join(" "), thrice.scale([1, 2, 3]).join(" "));
const add = twice.adder();
console.log(add(10), add(10), twice.calls, thrice.calls);
console.log(twice.nested([1, 2, 3, 4]), thrice.nested([1, 2, 3, 4]));
const bump = thrice.bump;
console.log(bump(), bump(), thrice.calls);

class Ticker {
  private ticks: string[] = [];
  constructor(private name: string, private every: number, private times: number) {}
  start(): void {
    const id = setInterval(() => {
      this.ticks.push(`${this.name}${this.ticks.length + 1}`);
      if (this.ticks.length === this.times) {
        clearInterval(id);
        console.log(this.ticks.join(" "));
      }
    }, this.every);
  }
}
new Ticker("a", 100, 3).start();
new Ticker("b", 250, 2).start();
