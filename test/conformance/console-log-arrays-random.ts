// console.log of arrays, against Node on many shapes from a fixed-seed generator: lengths
// across the six-entry grouping threshold and the 100-element limit, numbers of mixed widths
// (padded at the start), strings (padded at the end), mixed entries and nested arrays.
// (Arrays of strings stay short enough for the micro:bit's 16 KB of RAM.)
let seed = 12345;
function next(limit: number): number {
  seed = (seed * 75 + 74) % 65537;
  return seed % limit;
}

function numberEntry(): number {
  const digits = next(6);
  let n = next(10);
  for (let i = 0; i < digits; i++) n = n * 10 + next(10);
  return next(4) === 0 && n > 0 ? -n : n;
}

function stringEntry(): string {
  let s = "";
  const length = next(next(3) === 0 ? 24 : 8);
  for (let i = 0; i < length; i++) s += "abcdefghij'_ ."[next(14)];
  return s;
}

function lengthOf(): number {
  const pick = next(10);
  return pick < 6 ? next(30) : pick < 9 ? 30 + next(60) : 95 + next(12);
}

for (let round = 0; round < 150; round++) {
  const length = lengthOf();
  const shape = next(4);
  if (shape === 0) {
    console.log(Array.from({ length }, () => numberEntry()));
  } else if (shape === 1) {
    console.log(Array.from({ length: length % 40 }, () => stringEntry()));
  } else if (shape === 2) {
    console.log(Array.from({ length: length % 50 }, (_, i) => (i % 3 === 0 ? stringEntry() : numberEntry())));
  } else {
    console.log(Array.from({ length: length % 12 }, () => Array.from({ length: next(9) }, () => numberEntry())));
  }
}
