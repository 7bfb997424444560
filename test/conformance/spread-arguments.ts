// Spread arguments: into a rest parameter (alone, after fixed arguments, mixed with plain
// values, from a string), into push, and into Math.max/min (-Infinity and Infinity for none).
function sum(...values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
function label(tag: string, ...parts: string[]): string {
  return `${tag}[${parts.join("|")}]`;
}
function average(scale: number, ...samples: number[]): number {
  return samples.length === 0 ? 0 : ((sum(...samples) * scale) / samples.length) | 0;
}
const readings = [12, 7, 30];
const extra = [4, 5];
console.log(sum(...readings), sum(), sum(...readings, ...extra), sum(1, ...extra, 100));
console.log(label("t", ..."abc"), label("u"), label("v", "x", ...["y", "z"]));
console.log(average(10, ...readings), average(3), average(2, ...extra, ...readings));
const log: number[] = [];
console.log(log.push(...readings), log.push(...extra, 99), log.push(...[]), log);
console.log(Math.max(...readings), Math.min(...readings, -3), Math.max(...[]), Math.min(...[]), Math.max(...extra, ...readings));
const matrix = [[3, 9], [1], [8, 2, 6]];
const widest = Math.max(...matrix.map((row) => row.length));
const flat: number[] = [];
for (const row of matrix) flat.push(...row);
console.log(widest, flat, Math.min(...flat), sum(...flat));
