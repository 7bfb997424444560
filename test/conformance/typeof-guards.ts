// typeof and Array.isArray as type guards over union types, as ordinary TypeScript uses them:
// the static type decides where it can, the value where it cannot (numbers past int32 and
// -0 included, null is "object", closures and functions are "function").
type Reading = string | number | boolean | undefined | null | number[] | { unit: string } | (() => number);
function describe(r: Reading): string {
  if (typeof r === "string") return `text(${r.length})`;
  if (typeof r === "number") return `number(${r * 2})`;
  if (typeof r === "boolean") return r ? "on" : "off";
  if (typeof r === "function") return `computed(${r()})`;
  if (typeof r === "undefined") return "missing";
  if (r === null) return "null";
  if (Array.isArray(r)) return `series(${r.join("+")})`;
  return `unit(${r.unit})`;
}
const readings: Reading[] = ["21.5C", 42, true, undefined, "", 0, false, null, [1, 2, 3], { unit: "hPa" }, () => 7, 2147483647, -1];
for (const r of readings) console.log(describe(r), typeof r, typeof r === "object", Array.isArray(r));
const counts = new Map<string, number>();
for (const r of readings) counts.set(typeof r, (counts.get(typeof r) ?? 0) + 1);
console.log(counts);
function total(values: Array<number | string>): number {
  let sum = 0;
  for (const v of values) sum += typeof v === "number" ? v : v.length;
  return sum;
}
console.log(total([1, "two", 3, "four"]), typeof total, typeof counts, typeof readings, typeof 1, typeof "s");
console.log([typeof null, typeof undefined, typeof [], typeof {}, typeof (() => 1)], Array.isArray([]), Array.isArray("[]"));
