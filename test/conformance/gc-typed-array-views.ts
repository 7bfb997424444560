// Views keep their buffer alive: each view here is the only reference left to its buffer (the
// typed array it was cut from is garbage), and far more is allocated afterwards than a
// micro:bit has RAM, so the collector runs many times; the views' bytes must stay as written.
function window(size: number, seed: number): Uint8Array {
  const whole = new Uint8Array(size);
  for (let i = 0; i < size; i++) whole[i] = (seed + i * 7) & 0xff;
  return whole.subarray(2, size - 2);
}
function reader(seed: number): DataView {
  const words = new Uint16Array([seed, seed * 3, seed * 5, seed * 7]);
  return new DataView(words.buffer, 2, 4);
}
function sum(bytes: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < bytes.length; i++) total += bytes[i];
  return total;
}

const windows: Uint8Array[] = [];
const readers: DataView[] = [];
for (let k = 0; k < 12; k++) {
  windows.push(window(24 + k, k));
  readers.push(reader(k + 1));
}
const before = windows.map(sum);
let garbage = 0;
for (let round = 0; round < 300; round++) {
  // Short-lived buffers and arrays of about the sizes above: they take the freed blocks.
  const scratch = new Uint8Array(28 + (round % 12));
  scratch.fill(0xee);
  const temp: number[] = [];
  for (let k = 0; k < 16; k++) temp.push(round + k);
  garbage += scratch.length + temp.length + ("x" + round).length;
}
const after = windows.map(sum);
console.log(garbage, before.join(","));
console.log(after.join(",") === before.join(","), windows[3].length, windows[3].byteOffset, windows[3].buffer.byteLength);
console.log(readers.map((r) => r.getUint16(0, true) + r.getUint16(2, true)).join(" "));
console.log(windows[11].subarray(0, 4), readers[11].byteOffset, readers[11].buffer.byteLength);
