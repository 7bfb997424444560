// console.log and JSON.stringify of class instances: the class name, then the fields in
// the order JavaScript creates them (inherited ones first, parameter properties before
// declared fields), nested in arrays and objects; getters and methods are not shown.
class Point {
  label = "p";
  constructor(public x: number, public y: number) {}
  get length(): number { return Math.abs(this.x) + Math.abs(this.y); }
  moved(dx: number): Point { return new Point(this.x + dx, this.y); }
}

class NamedPoint extends Point {
  tags: string[] = [];
  constructor(x: number, y: number, public name: string) {
    super(x, y);
  }
}

class Empty {}

class Tree {
  children: Tree[] = [];
  constructor(public value: number) {}
}

const p = new Point(1, 2);
console.log(p, p.moved(3));
console.log(new NamedPoint(0, -1, "origin"), new Empty());
console.log([p, new Empty()], { at: p });
console.log(JSON.stringify(new NamedPoint(4, 5, "corner")));

const root = new Tree(1);
root.children.push(new Tree(2), new Tree(3));
root.children[0].children.push(new Tree(4));
root.children[0].children[0].children.push(new Tree(5));
console.log(root);
console.log(Array.from({ length: 8 }, (_, i) => new Point(i, i * 2)));
