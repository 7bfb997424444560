// for…in over plain objects (records, interfaces, literals) and arrays: the same keys as
// Object.keys, in insertion order, array indices as strings; break, continue and labels.
const stock: Record<string, number> = { apples: 3, pears: 0, plums: 7 };
stock.figs = 2;
for (const fruit in stock) console.log(fruit, stock[fruit], fruit.length);
interface Config {
  host: string;
  port: number;
  secure?: boolean;
}
const config: Config = { host: "sensor.local", port: 1883 };
const keys: string[] = [];
for (const key in config) keys.push(key);
console.log(keys, keys.join("&"));
const readings = [21, 19, 23];
for (const i in readings) console.log(i, typeof i, i + "!", readings.indexOf(readings[i.length - 1]));
let total = 0;
outer: for (const a in stock) {
  for (const b in stock) {
    if (b === a) continue outer;
    if (stock[b] === 0) break;
    total += stock[a] * stock[b];
  }
}
console.log("total", total);
for (const key in {}) console.log("never", key);
const nested = { inner: { deep: 1 }, list: [1, 2] };
for (const k in nested) console.log(k, k in nested, Object.keys(nested).indexOf(k));
