// Plain objects: literals with shorthand, computed keys and spread, interfaces, optional
// fields and ?., records used as dictionaries, Object.keys/values/entries, `in`, function-
// valued properties, and JSON.stringify of plain data.
interface Reading { sensor: string; value: number; unit?: string; tags: string[] }
const sensor = "temp";
const r: Reading = { sensor, value: 21, tags: ["indoor", "north"] };
console.log(r.sensor, r.value, r.unit === undefined, r.unit ?? "C", r.tags.length, r.tags[1]);
r.value += 2;
r.unit = "°C";
console.log(JSON.stringify(r));
const key = "dynamic";
const extra = { ...r, [key]: true, value: 99 };
console.log(JSON.stringify(extra), Object.keys(extra).join(","));
const totals: Record<string, number> = {};
for (const w of ["a", "b", "a", "c", "a"]) totals[w] = (totals[w] ?? 0) + 1;
console.log(Object.entries(totals).map(([k, v]) => k + v).join(" "), Object.values(totals).join(","));
console.log("a" in totals, "z" in totals, totals["b"], totals.c);
const maybe: Reading | undefined = Math.abs(-1) > 0 ? undefined : r;
console.log(maybe?.sensor, maybe?.tags.length);
const ops = {
  add: (a: number, b: number) => a + b,
  twice: (n: number) => n * 2,
};
console.log(ops.add(2, 3), ops.twice(ops.add(1, 1)));
const nested = { id: 7, point: { x: 1, y: -2 }, list: [1, "two", null, true], quote: "say \"hi\"\n" };
console.log(JSON.stringify(nested));
console.log(JSON.stringify([undefined, 3]), JSON.stringify("é\t"), JSON.stringify(null), JSON.stringify(undefined));
class Point {
  constructor(public x: number, public y: number) {}
}
const p: { x: number; y: number } = new Point(3, 4);
console.log(p.x + p.y, JSON.stringify(new Point(5, 6)));
// Indented, as JSON.stringify(value, null, space) writes it: spaces (at most 10) or a string.
const report = { name: "probe", samples: [1, [2, []]], meta: { ok: true, none: null, skipped: undefined, empty: {} } };
console.log(JSON.stringify(report, null, 2), JSON.stringify(report, undefined, "->"), JSON.stringify([[]], null, 12));
