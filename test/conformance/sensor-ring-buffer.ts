// A ring buffer of sensor samples: a class with a private array, a moving average, alarms
// as typed records, filter/map/reduce over them, console.log and JSON.stringify of the result.
class RingBuffer {
  private data: number[];
  private head = 0;
  private count = 0;
  constructor(private capacity: number) {
    this.data = new Array(capacity).fill(0);
  }
  push(value: number): void {
    this.data[this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }
  get size(): number { return this.count; }
  values(): number[] {
    const out: number[] = [];
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) out.push(this.data[(start + i) % this.capacity]);
    return out;
  }
  average(): number {
    if (this.count === 0) return 0;
    return (this.values().reduce((a, b) => a + b, 0) / this.count) | 0;
  }
}
type Alarm = { at: number; level: "warn" | "crit"; value: number };
const alarms: Alarm[] = [];
const buf = new RingBuffer(5);
const samples = [10, 12, 50, 55, 60, 90, 20, 15, 95, 11];
samples.forEach((s, i) => {
  buf.push(s);
  const avg = buf.average();
  if (avg > 50) alarms.push({ at: i, level: avg > 60 ? "crit" : "warn", value: avg });
  console.log(`t=${i} sample=${s} avg=${avg} window=${buf.values().join("|")}`);
});
console.log(alarms);
console.log(alarms.filter((a) => a.level === "crit").map((a) => a.at));
const worst = alarms.reduce((w, a) => (a.value > w.value ? a : w), alarms[0]);
console.log("worst", worst.at, worst.value, JSON.stringify(worst));
