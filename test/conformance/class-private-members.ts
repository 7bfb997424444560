// #private fields and methods, static ones too: reachable only inside the class, never printed,
// listed, copied by rest properties or written as JSON; a subclass may have its own #name.
class Counter {
  #count = 0;
  static #instances = 0;
  readonly label: string;
  constructor(label: string) { this.label = label; Counter.#instances++; }
  #step(by: number): void { this.#count += by; }
  bump(): number { this.#step(2); return this.#count; }
  get count(): number { return this.#count; }
  static instances(): number { return Counter.#instances; }
}
const c = new Counter("a");
c.bump();
console.log(c.bump(), c.count, Counter.instances(), c);
console.log(JSON.stringify(c), Object.keys(c), Object.entries(c));
const { ...copy } = c;
console.log(copy, String(c));
class Base { #secret = "base"; reveal(): string { return this.#secret; } }
class Derived extends Base { #secret = 42; both(): string { return `${this.reveal()} ${this.#secret}`; } }
const d = new Derived();
console.log(d.both(), d);
