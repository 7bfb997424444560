// Object destructuring: properties by name, renaming, defaults for missing or undefined
// properties (evaluated only then), parameters, mixed with array patterns, in loops.
interface Reading { sensor: string; value: number; unit?: string; }

function describe({ sensor, value, unit = "raw" }: Reading): string {
  return `${sensor}=${value} ${unit}`;
}

let defaultsEvaluated = 0;
function fallback(): number {
  defaultsEvaluated++;
  return -1;
}

const readings: Reading[] = [
  { sensor: "temp", value: 21, unit: "C" },
  { sensor: "light", value: 300 },
  { sensor: "hum", value: 40, unit: undefined },
];
for (const r of readings) console.log(describe(r));

const { sensor: first, value: v = fallback() } = readings[0];
console.log(first, v, defaultsEvaluated);

const options: { retries?: number; name: string } = { name: "uplink" };
const { retries = fallback(), name } = options;
console.log(name, retries, defaultsEvaluated);

function swap([a, b]: number[], { scale }: { scale: number }): number[] {
  return [b * scale, a * scale];
}
console.log(swap([1, 2], { scale: 10 }).join(" "));

let total = 0;
for (const { value } of readings) total += value;
console.log("total", total);

function nested(): void {
  const pairs = [{ key: "a", count: 1 }, { key: "b", count: 2 }];
  const seen: string[] = [];
  pairs.forEach(({ key, count }) => seen.push(key + count));
  console.log(seen.join(","));
}
nested();
