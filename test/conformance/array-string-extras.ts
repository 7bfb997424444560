// More of the standard library as Node has it: flat and flatMap, reduceRight, concat with
// several arguments and plain values, an array's toString, Object.keys/values/entries of an
// array, codePointAt (surrogate pairs and lone surrogates), String.fromCharCode and
// String.fromCodePoint.
const nested = [1, [2, 3], [4, [5, [6]]], [], 7];
console.log(nested.flat(), nested.flat(2), nested.flat(0).length, nested.flat(9));
const lines = ["temp 21", "hum 40 55", ""];
console.log(lines.flatMap((line) => line.split(" ")), [1, 2, 3].flatMap((n) => [n, n * n]));
console.log([1, 2, 3, 4].reduceRight((acc, n) => acc + "<" + n, "start"), [[1], [2, 3]].reduceRight((acc, x) => acc.concat(x), [0]));
const mixed: Array<number | number[]> = [3, 1];
console.log(mixed.concat([2], 5, [[6]]), ["a"].concat("b", ["c", "d"]), [1].concat().length);
console.log([3, 1, 2].toString(), [1, [2, [3]]].toString(), [null, undefined, true, "x"].toString(), String([]) === "");
console.log(Object.keys(["p", "q"]), Object.values([[1], 2]), Object.entries(["x", "y"]));
const text = "a😀b\ud800c\udc00";
const points: Array<number | undefined> = [];
for (let i = -1; i <= text.length; i++) points.push(text.codePointAt(i));
console.log(points, (text.codePointAt(1) ?? 0).toString(16));
console.log(String.fromCharCode(77, 111, 116, 101), String.fromCharCode(0x2603, 0x10041), String.fromCodePoint(0x1f321, 0xb0, 67));
const codes: number[] = [];
for (const ch of "héllo ☃") codes.push(ch.codePointAt(0) ?? -1);
console.log(codes, String.fromCodePoint(72, 105) === "Hi" ? "same" : "different");
try {
  console.log(String.fromCodePoint(0x110000));
} catch (e) {
  console.log(e instanceof RangeError, (e as RangeError).message);
}
for (const [i, name] of ["ax", "by"].entries()) console.log(i, name, [...name].reverse().join(""));
console.log([...["a", "b"].keys()], Array.from([7, 8].values()), [...[[1], 2].entries()]);
