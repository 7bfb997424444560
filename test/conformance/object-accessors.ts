// Getters and setters in object literals: reads call the getter with `this` the object, writes
// the setter; console.log shows [Getter], [Setter], [Getter/Setter]; JSON and spread read them.
const rect = {
  w: 3,
  h: 4,
  get area(): number { return this.w * this.h; },
  get size(): string { return `${this.w}x${this.h}`; },
  set size(text: string) {
    const [w, h] = text.split("x");
    this.w = Number(w);
    this.h = Number(h);
  },
  set log(line: string) { console.log("log:", line); },
};
console.log(rect.area, rect.size);
rect.size = "5x6";
console.log(rect.area, rect.w, rect.h, rect.size);
rect.log = "hello";
console.log(rect);
console.log(JSON.stringify(rect), Object.keys(rect).join(","));
const copy = { ...rect };
copy.w = 10;
console.log(copy, rect.area);
let reads = 0;
const counter = {
  get next(): number { reads++; return reads * 10; },
  get scaled(): () => number { return () => this.next * 2; },
};
console.log(counter.next, counter.next, counter.scaled(), reads);
const readOnly = { get fixed(): number { return 1; } };
try {
  (readOnly as { fixed: number }).fixed = 2;
} catch (e) {
  console.log(String(e));
}
const values = Object.values(rect);
console.log(values.length, Object.entries(counter).length, reads);
