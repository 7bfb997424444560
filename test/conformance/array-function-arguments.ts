// Arrays passed to and returned from functions: the callee sees and mutates the caller's array.
function sum(values: number[]): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    total += values[i];
  }
  return total;
}
function fill(values: number[], v: number): void {
  for (let i = 0; i < values.length; i++) {
    values[i] = v + i;
  }
}
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    out.push(i);
  }
  return out;
}
function show(values: number[]): string {
  let s = "[";
  for (let i = 0; i < values.length; i++) {
    s += (i > 0 ? ", " : "") + values[i];
  }
  return s + "]";
}
const a = [1, 2, 3, 4];
console.log(sum(a), show(a));
fill(a, 100);
console.log(sum(a), show(a));
const r = range(-3, 4);
console.log(show(r), r.length, sum(r));
console.log(show(range(0, 0)), show(range(5, 6)), sum(range(0, 100)));
function appendSquares(values: number[], count: number): number {
  for (let i = 1; i <= count; i++) {
    values.push(i * i);
  }
  return values.length;
}
const b: number[] = [0];
console.log(appendSquares(b, 5), show(b), appendSquares(b, 70), b[75], sum(b));
function reversed(values: number[]): number[] {
  const out: number[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[values.length - 1 - i] = values[i];
  }
  return out;
}
console.log(show(reversed([1, 2, 3])), show(reversed(range(0, 8))), show(reversed([])));
const alias = a;
alias[0] = -1;
console.log(a[0], alias[0], show(a), show(alias));
function maxIndex(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
console.log(maxIndex([3, 9, 2, 9]), maxIndex([-5]), maxIndex([-2147483648, 2147483647, 0]));
