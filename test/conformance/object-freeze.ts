// Object.freeze and Object.isFrozen: writes to frozen plain objects and arrays throw Node's
// TypeErrors (the program is an ES module, so strict); nested objects stay writable.
function attempt(label: string, f: () => void): void {
  try {
    f();
    console.log(label, "ok");
  } catch (e) {
    console.log(label, String(e));
  }
}
interface Settings { rate: number; name: string; limits: { low: number; high: number } }
const settings: Settings = Object.freeze({ rate: 9600, name: "uart", limits: { low: 1, high: 5 } });
attempt("assign", () => { settings.rate = 115200; });
attempt("nested", () => { settings.limits.high = 7; });
const loose: Record<string, number> = Object.freeze({ a: 1 });
attempt("add", () => { loose["b"] = 2; });
attempt("overwrite", () => { loose["a"] = 2; });
console.log(settings, loose, Object.isFrozen(settings), Object.isFrozen(settings.limits));
const open = { x: 1 };
console.log(Object.isFrozen(open), Object.isFrozen(Object.freeze(open)), Object.isFrozen(5), Object.isFrozen("s"));
const make = (): number[] => Object.freeze([3, 1, 2]) as number[];
attempt("push", () => { make().push(4); });
attempt("pop", () => { make().pop(); });
attempt("shift", () => { make().shift(); });
attempt("unshift", () => { make().unshift(0); });
attempt("sort", () => { make().sort(); });
attempt("reverse", () => { make().reverse(); });
attempt("fill", () => { make().fill(0); });
attempt("length", () => { make().length = 0; });
attempt("set", () => { make()[0] = 9; });
attempt("grow", () => { make()[5] = 9; });
const frozen = make();
console.log(frozen, frozen.length, frozen.map((x) => x * 2), frozen.slice(1), Object.isFrozen(frozen), Object.isFrozen([1]));
const copy = [...frozen];
copy.push(10);
console.log(copy, Object.isFrozen(copy));
