// Methods called through a constrained type parameter (K extends Comparable<K>): a sorted tree and a heap over several key classes.
interface Comparable<T> { compareTo(other: T): number; }
class Version implements Comparable<Version> {
  constructor(readonly major: number, readonly minor: number) {}
  compareTo(other: Version): number { return this.major !== other.major ? this.major - other.major : this.minor - other.minor; }
  toString(): string { return `v${this.major}.${this.minor}`; }
}
class Name implements Comparable<Name> {
  constructor(readonly text: string) {}
  compareTo(other: Name): number { return this.text < other.text ? -1 : this.text > other.text ? 1 : 0; }
  toString(): string { return this.text; }
}
class TreeNode<K extends Comparable<K>, V> {
  left: TreeNode<K, V> | undefined;
  right: TreeNode<K, V> | undefined;
  constructor(readonly key: K, public value: V) {}
}
class SortedMap<K extends Comparable<K>, V> {
  private root: TreeNode<K, V> | undefined;
  size = 0;
  set(key: K, value: V): void {
    if (!this.root) { this.root = new TreeNode(key, value); this.size++; return; }
    let node = this.root;
    for (;;) {
      const c = key.compareTo(node.key);
      if (c === 0) { node.value = value; return; }
      const next = c < 0 ? node.left : node.right;
      if (next) { node = next; continue; }
      if (c < 0) node.left = new TreeNode(key, value); else node.right = new TreeNode(key, value);
      this.size++;
      return;
    }
  }
  entries(): string[] {
    const out: string[] = [];
    const visit = (n: TreeNode<K, V> | undefined): void => {
      if (!n) return;
      visit(n.left);
      out.push(`${n.key}=${n.value}`);
      visit(n.right);
    };
    visit(this.root);
    return out;
  }
}
function largest<T extends Comparable<T>>(items: T[]): T {
  return items.reduce((best, x) => (x.compareTo(best) > 0 ? x : best));
}
const versions = new SortedMap<Version, string>();
[[1, 2], [0, 9], [1, 10], [1, 2], [2, 0], [0, 1]].forEach(([a, b], i) => versions.set(new Version(a, b), "r" + i));
console.log(versions.size, versions.entries().join(" "));
const names = new SortedMap<Name, number>();
"pear fig apple kiwi fig banana".split(" ").forEach((w, i) => names.set(new Name(w), i));
console.log(names.size, names.entries().join(" "));
console.log(String(largest([new Version(1, 0), new Version(3, 1), new Version(3, 0)])), String(largest([new Name("b"), new Name("c"), new Name("a")])));
