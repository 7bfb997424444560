// Assigning an array's length: a shorter length drops elements (and pushing after that grows
// the array again from there), 0 empties it; a length that is not valid is a RangeError.
class Stack<T> {
  items: T[] = [];
  push(item: T): void {
    this.items.push(item);
  }
  truncate(size: number): void {
    if (size < this.items.length) this.items.length = size;
  }
  clear(): void {
    this.items.length = 0;
  }
}

const stack = new Stack<number>();
for (let i = 1; i <= 6; i++) stack.push(i * i);
stack.truncate(4);
console.log(stack.items, stack.items.length);
stack.truncate(9);
console.log(stack.items);
stack.push(100);
console.log(stack.items, stack.items[4], stack.items[5]);
stack.clear();
console.log(stack.items, stack.items.length, stack.items[0]);
stack.push(7);
console.log(stack.items);

const words = "the quick brown fox jumps".split(" ");
words.length = words.length - 2;
console.log(words.join(" "), words.length);
words.length -= 1;
console.log(words);
const same = [1, 2, 3];
same.length = 3;
console.log(same);

let total = 0;
const window: number[] = [];
for (let i = 0; i < 10; i++) {
  window.push(i);
  if (window.length > 3) window.length = 3;
  total += window.length;
}
console.log(window, total);
try {
  same.length = -1;
} catch (e) {
  console.log(e instanceof RangeError, (e as Error).message, same);
}
