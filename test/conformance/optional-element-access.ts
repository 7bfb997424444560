// Optional element access on arrays that may be missing: undefined when the array is, the
// index not evaluated then, and ordinary reads (holes past the end) when it is present.
interface Config { pattern?: number[]; names?: string[] | null }
let evaluated = 0;
function index(i: number): number {
  evaluated++;
  return i;
}
const configs: Config[] = [{ pattern: [1, 0, 1] }, {}, { names: null }, { names: ["a", "b"] }];
for (const c of configs) {
  console.log(c.pattern?.[index(1)], c.pattern?.[index(5)], c.names?.[index(0)], c.names?.[index(1)]);
}
console.log("index evaluated", evaluated, "times");
function frameAt(c: Config, frame: number): boolean {
  return c.pattern?.[frame % (c.pattern?.length ?? 1)] === 1;
}
console.log([0, 1, 2, 3].map((f) => frameAt(configs[0], f)).join(" "), frameAt(configs[1], 0));
const matrix: (number[] | undefined)[] = [[1, 2], undefined, [3]];
console.log(matrix.map((row) => row?.[0] ?? -1).join(","));
