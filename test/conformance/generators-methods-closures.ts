// Generator methods using this, recursive yield*, generator closures over variables, yields inside loops over iterators and argument lists, and for…of / destructuring closing a generator.
class TreeNode {
  constructor(public value: number, public left?: TreeNode, public right?: TreeNode) {}
  *inorder(): Generator<number> {
    if (this.left) yield* this.left.inorder();
    yield this.value;
    if (this.right) yield* this.right.inorder();
  }
}
const tree = new TreeNode(4, new TreeNode(2, new TreeNode(1), new TreeNode(3)), new TreeNode(6, new TreeNode(5)));
console.log([...tree.inorder()], Array.from(tree.inorder(), (x) => x * x));
function* withFinally(label: string): Generator<number, number | void> {
  try {
    yield 1; yield 2; yield 3;
  } finally {
    console.log(label, "finally");
  }
}
for (const x of withFinally("loop")) { if (x === 2) break; console.log("got", x); }
const [a1, b1] = withFinally("destructure");
const [...all] = withFinally("rest");
console.log(a1, b1, all);
function makeCounter(step: number) {
  let calls = 0;
  const gen = function* () {
    while (calls < 3) { calls++; yield calls * step; }
  };
  return { gen, calls: () => calls };
}
const c = makeCounter(5);
console.log([...c.gen()], c.calls(), [...c.gen()]);
function* argsYield(): Generator<number, void, number> {
  const pair = [(yield 1) + 1, (yield 2) * 2];
  console.log("pair", pair);
}
const ay = argsYield();
ay.next(); ay.next(10); ay.next(20);
const fresh = withFinally("fresh");
console.log(fresh.return(5), fresh.next());
function* nestedLoops(): Generator<number, number | void> {
  for (const x of withFinally("inner")) {
    for (const y of new Set([10, 20])) yield x * y;
  }
}
const nl = nestedLoops();
console.log(nl.next().value, nl.next().value, nl.next().value);
console.log(nl.return(0));
function* fib(): Generator<number> {
  let [x, y] = [0, 1];
  while (true) { yield x; [x, y] = [y, x + y]; }
}
const firstTen: number[] = [];
for (const n of fib()) { if (firstTen.length === 10) break; firstTen.push(n); }
console.log(firstTen, new Map([...new Map([["k", 1]]).entries()]));
console.log(Object.keys(nl), JSON.stringify({ nl }), `${nl}`, [nl]);
