// A throw that crosses frames and is caught in a function that itself uses few registers:
// the values its caller keeps in registers across the call (here four at once) must be the
// same afterwards, although the frames the throw skipped had used those registers.
function deep(n: number, a: number, b: number, c: number): number {
  const x = a * 3 + n;
  const y = b * 5 + x;
  const z = c * 7 + y;
  if (n === 0) throw new RangeError(`bottom at ${x},${y},${z}`);
  return deep(n - 1, x, y, z) + x + y + z;
}

function guarded(n: number): string {
  try {
    return String(deep(n, 1, 2, 3));
  } catch (e) {
    return (e as Error).message;
  }
}

function caller(seed: number): string {
  const p = seed + 1;
  const q = seed * 2;
  const r = `r${seed}`;
  const s = [seed, seed + 1];
  const result = guarded(3);
  return [p, q, r, s.join("/"), result].join(" ");
}

for (let i = 0; i < 3; i++) console.log(caller(i * 10));
const kept = ["one", "two"];
console.log(kept.join("+"), guarded(2), kept.length, JSON.stringify(kept));
