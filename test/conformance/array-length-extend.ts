// Assigning a longer length, as growable vector classes do: the new slots read undefined until
// written, the storage doubles through `length`, and a shorter length truncates again.
class Vector<E> {
  private storage: (E | undefined)[] = new Array(2);
  private size = 0;

  append(element: E): void {
    if (this.size >= this.storage.length) this.storage.length = this.storage.length * 2;
    this.storage[this.size++] = element;
  }

  at(index: number): E | undefined {
    return index < this.size ? this.storage[index] : undefined;
  }

  get capacity(): number {
    return this.storage.length;
  }
}

const v = new Vector<number>();
for (let i = 0; i < 11; i++) v.append(i * i);
console.log(v.capacity, v.at(0), v.at(10), v.at(11));

const xs = [1, 2, 3];
xs.length = 6;
console.log(xs.length, xs[3], xs[5], xs[2]);
xs[4] = 40;
xs.length = 5;
console.log(xs.length, xs[4], xs.indexOf(40));
xs.length = 1;
console.log(xs.length, xs[1], xs.concat([9]).length);
xs.length = 3;
xs[1] = 7;
xs[2] = 8;
console.log(xs, xs.join("-"));
const words: string[] = [];
words.length = 2;
words[0] = "a";
words[1] = "b";
console.log(words, words.length);
