// Labelled break and continue that leave or restart outer for, while and do/while loops from inner ones.
let found = "";
outer: for (let i = 1; i < 10; i++) {
  for (let j = 1; j < 10; j++) {
    if (i * j === 42) {
      found = i + "x" + j;
      break outer;
    }
  }
}
console.log("found", found);
let rows = "";
nextRow: for (let r = 0; r < 5; r++) {
  for (let c = 0; c < 5; c++) {
    if (c > r) continue nextRow;
    if (c === 3) continue nextRow;
    rows += r + "" + c + " ";
  }
}
console.log(rows);
let count = 0;
let a = 0;
loopA: while (a < 10) {
  a++;
  let b = 0;
  loopB: do {
    b++;
    for (let c = 0; c < 10; c++) {
      if (c === 2) continue loopB;
      if (b === 3) continue loopA;
      if (a === 7) break loopA;
      count++;
    }
  } while (b < 5);
}
console.log("a", a, "count", count);
function primesBelow(limit: number): string {
  let out = "";
  candidates: for (let n = 2; n < limit; n++) {
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) continue candidates;
    }
    out += n + " ";
  }
  return out;
}
console.log(primesBelow(60));
let depth = 0;
first: for (let x = 0; x < 3; x++) {
  second: for (let y = 0; y < 3; y++) {
    third: for (let z = 0; z < 3; z++) {
      depth++;
      if (z === 1) continue second;
      if (y === 2) break third;
      if (x === 2) break first;
    }
  }
}
console.log("depth", depth);
