// a?.method() and a?.property on values that may be undefined (Map lookups, optional fields),
// the logical assignments ??=, ||= and &&=, console.log of a value that may be an array or
// undefined, and Map/Set built from a string, a Map or a Set.
const groups = new Map<string, number[]>();
function record(group: string, value: number): void {
  (groups.get(group) ?? groups.set(group, []).get(group))?.push(value);
}
record("a", 1);
record("a", 2);
record("b", 3);
console.log(groups.get("a")?.length, groups.get("z")?.length, groups.get("a")?.map((v) => v * 10), groups.get("z")?.join("+"));
console.log(groups.get("b"), groups.get("none"), [groups.get("a")?.includes(2), groups.get("q")?.includes(2)]);
class Sensor {
  reading?: number;
  label = "";
  next?: Sensor;
  describe(): string {
    this.label ||= "unnamed";
    this.reading ??= 0;
    this.reading += 5;
    return `${this.label}=${this.reading}` + (this.next?.describe() ?? "");
  }
}
const first = new Sensor();
first.next = new Sensor();
first.next.label = "second";
console.log(first.describe(), first.describe(), first.next.next?.describe());
const options: Record<string, string[]> = {};
(options.tags ??= []).push("x");
(options.tags ??= []).push("y");
const slots: Array<number | null> = [null, 4, 0];
slots[0] ??= 1;
slots[1] ??= 2;
slots[2] ||= 3;
let enabled = true;
enabled &&= slots.length > 3;
let count = 0;
count ||= 10;
console.log(options, slots, enabled, count, (count &&= 0), count);
const words: Array<string | undefined> = ["Ab", undefined];
for (const w of words) console.log(w?.toUpperCase(), w?.length, w?.slice(1));
console.log(new Set("hello"), new Set(new Set([1, 2])), new Map(new Map([["k", 1]])), new Set(new Map([["a", 1]])));
