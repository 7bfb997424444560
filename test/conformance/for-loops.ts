// C-style for loops: empty parts, counting down, steps, loop variables used after the loop, nested loops.
let sum = 0;
for (let i = 0; i < 10; i++) {
  sum += i;
}
console.log("sum 0..9", sum);
let down = "";
for (let i = 10; i > 0; i -= 3) {
  down += i + " ";
}
console.log("down", down);
let k = 0;
for (; k < 5; ) {
  k += 2;
}
console.log("k", k);
let forever = 0;
for (;;) {
  forever++;
  if (forever === 7) {
    break;
  }
}
console.log("forever stopped at", forever);
let i2 = 0;
for (i2 = 100; i2 > 1; i2 = i2 >> 1) {
}
console.log("i2 after loop", i2);
let table = "";
for (let row = 1; row <= 4; row++) {
  let line = "";
  for (let col = 1; col <= 6; col++) {
    line += row * col + (col < 6 ? "\t" : "");
  }
  table += line + (row < 4 ? "\n" : "");
}
console.log(table);
let triangles = 0;
for (let a = 1; a < 30; a++) {
  for (let b = a; b < 30; b++) {
    for (let c = b; c < 30; c++) {
      if (a * a + b * b === c * c) {
        triangles++;
      }
    }
  }
}
console.log("pythagorean triples below 30:", triangles);
for (let shift = 0, bit = 1; shift < 4; shift++) {
  bit = bit << 8;
  console.log(shift, bit);
}
let zeroIterations = 0;
for (let i = 5; i < 5; i++) {
  zeroIterations++;
}
console.log("zero iterations", zeroIterations);
