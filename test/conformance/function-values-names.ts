// Functions and classes as values: Number as a callback (String and Boolean too), fn.name of
// declarations, consts holding arrows and function expressions, methods and classes, and
// console.log of functions and classes as Node prints them.
function add(a: number, b: number): number { return a + b; }
const twice = (x: number): number => x * 2;
const named = function inner(): number { return 1; };
async function later(): Promise<number> { return 1; }
class Shape { area(): number { return 0; } }
class Square extends Shape {
  constructor(public side: number) { super(); }
  area(): number { return this.side ** 2; }
}
const texts = ["1", "2.5", "", " 7 ", "x", "0x10", "-0", "1e3"];
console.log(texts.map(Number), [true, false].map(Number), [[], [3], [1, 2]].map(Number));
const convert: (v: unknown) => number = Number;
console.log(convert(null), convert(undefined), convert("12"), ["3", "4"].map(Number).reduce((a, b) => a + b, 0));
console.log([0, 1, "", "a"].filter(Boolean), [1.5, 2].map(String), texts.map(Number).filter((n) => Number.isInteger(n)));
console.log(add, twice, named, later, Shape, Square);
console.log(add.name, twice.name, named.name, later.name, Shape.name, Square.name);
console.log(String.name, Number.name, Boolean.name, [String, Number, Boolean].length);
console.log((() => 1).name === "", (function () { return 1; }).name.length);
console.log(() => 1, function () { return 2; }, "fn:", add, 3);
const sq = new Square(3);
console.log(sq.area.name, [1, 2].map(twice), Number, sq.area(), add(twice(2), 1));
console.log(`${add.name}/${Square.name}`, add.name.length + Square.name.length);
const label = "callbacks";
console.log(label, twice, Square);
const nothing = undefined;
console.log(Number(nothing), Number(null), Number(true), Number("  42  "));
