// Integer programs at the edges the random programs found: a product with a factor known to
// be 0 keeps -0 when the other factor is negative, Uint32Array elements of 2^31 and more,
// Math.clz32 of numbers outside int32, %i (parseInt of the number's text), and array reads
// past the end at indices computed by calls.
let big: number = -3;
big = big * 2147483647;
const zero = big * 0;
let z: number = -0;
z *= 0;
console.log(zero, zero + 1, z, big * -5 * 0 === 0, [big * 0, -big * 0]);
const words = new Uint32Array(3);
words[0] = -1;
words[1] = 2147483648;
words[2] = 12345;
let sum = 0;
for (const w of words) sum += w;
console.log(words, words[0], words[1] > words[2], sum, words[0] >>> 1, words[1] | 0);
const wide = [2147483648, -1, 4294967296, 1e300, -0, 65536];
console.log(wide.map((w) => Math.clz32(w)), Math.clz32(big), Math.clz32(5 % 0));
console.log("%i and %i and %i", big, 1e21, -0, "|", "%d", big);
const samples: number[] = [8];
console.log(samples[Math.min(60, 15)], samples[Math.max(15, 0)], samples[Math.min(0, 9)], samples[Math.abs(-1)]);
let hash = 7;
for (const ch of "index") hash = hash * 131 + (ch.codePointAt(0) ?? 0);
console.log(hash, hash % 1000, samples[hash % 1], samples[(hash % 7) - 6]);
