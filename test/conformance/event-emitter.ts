// An event emitter: listeners in a Map of arrays, once-listeners that remove themselves while
// the emitter runs, an unsubscribe function that is an arrow using `this`, closures counting.
type Listener = (value: number) => void;
class Emitter {
  private listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return () => this.off(event, listener);
  }
  once(event: string, listener: Listener): void {
    const off = this.on(event, (v) => {
      off();
      listener(v);
    });
  }
  off(event: string, listener: Listener): void {
    const list = this.listeners.get(event);
    if (!list) return;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
  }
  emit(event: string, value: number): number {
    const list = (this.listeners.get(event) ?? []).slice();
    for (const l of list) l(value);
    return list.length;
  }
}
const e = new Emitter();
let total = 0;
const seen: string[] = [];
const stop = e.on("data", (v) => { total += v; });
e.once("data", (v) => seen.push(`once:${v}`));
e.on("data", (v) => { if (v > 2) seen.push(`big:${v}`); });
console.log(e.emit("data", 1), e.emit("data", 3), total, seen);
stop();
console.log(e.emit("data", 5), total, seen, e.emit("none", 0));
