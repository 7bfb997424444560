// Array.from: a copy of an array, the code points of a string, the entries of a Map and
// the values of a Set, `{ length: n }` with and without a map function (value, index).
const source = [3, 1, 2];
const copy = Array.from(source);
copy.push(4);
console.log(source.join(","), "|", copy.join(","));
console.log(Array.from(source, (x) => x * 10).join(","));

const letters = Array.from("héllo");
console.log(letters.length, letters.join("-"));

const squares = Array.from({ length: 5 }, (_, i) => i * i);
console.log(squares.join(" "));
const blanks = Array.from({ length: 3 });
console.log(blanks.length, blanks[0] === undefined, blanks.map((_, i) => i).join(""));

const counts = new Map<string, number>([["a", 1], ["b", 2]]);
const pairs = Array.from(counts, ([key, value]) => key + "=" + value);
console.log(pairs.join("&"));
const unique = Array.from(new Set([5, 3, 5, 1, 3]));
console.log(unique.join(","), unique.length);

function grid(rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => r * columns + c));
}
for (const row of grid(3, 4)) console.log(row.join(" "));
console.log("negative length gives", Array.from({ length: -1 }).length);
