// Iterables: classes with [Symbol.iterator]() (an iterator object or a generator) in for…of, spread, Array.from, destructuring, new Map/Set; break, return, throw and early destructuring close them.
class Range {
  constructor(private from: number, private to: number) {}
  [Symbol.iterator](): Iterator<number> {
    let i = this.from;
    const to = this.to;
    return {
      next: (): IteratorResult<number> => (i < to ? { value: i++, done: false } : { value: undefined, done: true }),
      return: (): IteratorResult<number> => {
        console.log("range closed at", i);
        return { value: undefined, done: true };
      },
    };
  }
}
class Bag {
  items: number[] = [];
  add(x: number): this { this.items.push(x); return this; }
  *[Symbol.iterator]() {
    for (const x of this.items) yield x * 10;
  }
}
class Countdown implements Iterator<number> {
  constructor(public n: number) {}
  next(): IteratorResult<number> {
    return this.n > 0 ? { value: this.n--, done: false } : { value: 0, done: true };
  }
  [Symbol.iterator]() { return this; }
}
for (const x of new Range(1, 4)) console.log("range", x);
for (const x of new Range(1, 10)) { if (x === 3) break; console.log("until 3:", x); }
function firstSquareOver(limit: number): number {
  for (const x of new Range(0, 100)) if (x * x > limit) return x;
  return -1;
}
console.log(firstSquareOver(50));
try {
  for (const x of new Range(5, 9)) if (x === 6) throw new Error("six");
} catch (err) { console.log("caught", (err as Error).message); }
outer: for (const a of [1, 2]) {
  for (const b of new Range(0, 5)) {
    if (b === 2) continue outer;
    console.log(a, b);
  }
}
const bag = new Bag().add(1).add(2).add(3);
console.log([...bag], Array.from(bag, (v, i) => v + i), [0, ...new Range(7, 9), 99]);
const [p, q] = new Range(20, 30);
const [first, , third, ...others] = bag;
console.log(p, q, first, third, others);
console.log(new Set(new Range(1, 4)), [...new Countdown(3)], Math.max(...new Countdown(4)));
function sum(...xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }
console.log(sum(...new Range(1, 5)), sum(...bag));
function* pairs() { yield ["a", 1] as [string, number]; yield ["b", 2] as [string, number]; }
const m = new Map(pairs());
console.log(m, new Set(pairs()).size, [...m.keys()], [...new Set("hello")]);
for (const [k, v] of pairs()) console.log(k, v);
for (const [k, v] of m) console.log("map", k, v);
