// Integers beyond 2^53 in an integer program print as Node prints them: the shortest digits
// that read back as the same double, then zeros or an exponent (1e21 on). A string hash that
// is never reduced, powers of 2 up to Infinity, and products of large numbers.
const text = "The quick brown fox jumps over the lazy dog";
let hash = 0;
for (let i = 0; i < text.length; i++) {
  hash = hash * 31 + text.charCodeAt(i);
  if (i % 4 === 3) console.log(i, hash);
}
console.log("final", hash, -hash, [hash], { hash });
let power = 1;
for (let i = 1; i <= 1030; i++) {
  power = power * 2;
  if (i % 37 === 0 || i > 1020 || (i >= 50 && i <= 56) || (i >= 67 && i <= 71)) console.log(i, power, power - 1, power + 1);
}
const mixed = [9007199254740991, 9007199254740992, 9007199254740993, 18014398509481984, 123456789012345680000, 1e21];
console.log(mixed);
for (const m of mixed) console.log(m * 3, m * 7 + 1, m * m, m % 1000, m - 1000000);
let f = 1;
for (let n = 1; n <= 40; n++) {
  f = f * n;
  if (n >= 18) console.log(`${n}!`, f);
}
console.log(`${f * f}`, String(f * f * f * f * f * f * f), f * f > f, f === f * 1);
