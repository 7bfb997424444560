// Generic containers: a stack returning this for chaining and a binary-heap priority queue
// with a comparator held in a field, swapping with destructuring assignment.
class Stack<T> {
  private items: T[] = [];
  push(item: T): this { this.items.push(item); return this; }
  pop(): T | undefined { return this.items.pop(); }
  peek(): T | undefined { return this.items[this.items.length - 1]; }
  get size(): number { return this.items.length; }
}
class PriorityQueue<T> {
  private heap: T[] = [];
  constructor(private before: (a: T, b: T) => boolean) {}
  push(item: T): void {
    this.heap.push(item);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i], this.heap[parent])) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent], this.heap[i]];
      i = parent;
    }
  }
  pop(): T | undefined {
    if (this.heap.length === 0) return undefined;
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let best = i;
        if (l < this.heap.length && this.before(this.heap[l], this.heap[best])) best = l;
        if (r < this.heap.length && this.before(this.heap[r], this.heap[best])) best = r;
        if (best === i) break;
        [this.heap[i], this.heap[best]] = [this.heap[best], this.heap[i]];
        i = best;
      }
    }
    return top;
  }
  get size(): number { return this.heap.length; }
}
interface Job { name: string; priority: number; arrival: number }
const queue = new PriorityQueue<Job>((a, b) => a.priority > b.priority || (a.priority === b.priority && a.arrival < b.arrival));
const names = ["flash", "sample", "report", "blink", "sync", "log", "calibrate"];
names.forEach((name, arrival) => queue.push({ name, priority: (arrival * 7) % 4, arrival }));
const order: string[] = [];
while (queue.size > 0) order.push(queue.pop()!.name);
console.log(order.join(" > "));
const s = new Stack<number>().push(1).push(2).push(3);
console.log(s.pop(), s.peek(), s.size, new Stack<string>().pop());
