// Default and rest parameters, spread in array literals, and array destructuring with
// defaults, holes and a rest element.
function greet(name: string, greeting = "hello", times = 1): string {
  return (greeting + " " + name + " ").repeat(times).trim();
}
console.log(greet("ada"), "|", greet("bob", "hi"), "|", greet("cy", undefined, 2));
function sum(label: string, ...values: number[]): string {
  let total = 0;
  for (const v of values) total += v;
  return label + "=" + total + " (" + values.length + ")";
}
console.log(sum("none"), sum("one", 5), sum("many", 1, 2, 3, 4));
const head = [1, 2];
const tail = [5, 6];
const all = [0, ...head, 3, 4, ...tail, ...[7]];
console.log(all.join(","), all.length, [..."héllo"].join("|"), [...[]].length);
function stats(values: number[]): number[] {
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}
const [low, high] = stats([4, 9, 1, 7]);
const [first, , third = 30, fourth = 40, ...others] = [10, 20, undefined, 4, 5, 6];
console.log(low, high, first, third, fourth, others.join(","), others.length);
let [x, y] = [1, 2];
const swapped = [y, x];
console.log(swapped.join(","), x + y);
const withDefault = (n: number, step = n * 2) => n + step;
console.log(withDefault(1), withDefault(1, 0), [3, 4].map((v, i) => withDefault(v, i)).join(","));
