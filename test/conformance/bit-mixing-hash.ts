// Hashing and pseudo-random generation with shifts and xors only: xorshift, bit reversal, checksums.
function xorshift(x: number): number {
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}
let state = -1831433054;
let trail = "";
for (let i = 0; i < 8; i++) {
  state = xorshift(state);
  trail += state + " ";
}
console.log(trail);
function reverseBits(x: number): number {
  let result = 0;
  for (let i = 0; i < 32; i++) {
    result = (result << 1) | ((x >> i) & 1);
  }
  return result;
}
console.log(reverseBits(1), reverseBits(2), reverseBits(0x0f), reverseBits(-1), reverseBits(0x12345678));
function checksum(values: number[]): number {
  let h = 0x1505;
  for (let i = 0; i < values.length; i++) {
    h = ((h << 5) ^ (h >> 27) ^ values[i]) & 0x3fffffff;
  }
  return h;
}
console.log(checksum([]), checksum([1]), checksum([1, 2, 3]), checksum([3, 2, 1]));
const bytes: number[] = [];
for (let i = 0; i < 100; i++) {
  bytes.push((i * 37 + 11) & 255);
}
console.log(checksum(bytes));
function rotl(x: number, n: number): number {
  return (x << n) | ((x >> (32 - n)) & ((1 << n) - 1));
}
console.log(rotl(1, 1), rotl(0x40000000, 2), rotl(-2147483648, 1), rotl(0x12345678, 8), rotl(-1, 7));
function parity(x: number): number {
  x ^= x >> 16;
  x ^= x >> 8;
  x ^= x >> 4;
  x ^= x >> 2;
  x ^= x >> 1;
  return x & 1;
}
console.log(parity(0), parity(1), parity(3), parity(7), parity(-1), parity(0x40000001));
let lfsr = 0xace1;
let ones = 0;
for (let step = 0; step < 2000; step++) {
  const bit = (lfsr ^ (lfsr >> 2) ^ (lfsr >> 3) ^ (lfsr >> 5)) & 1;
  lfsr = (lfsr >> 1) | (bit << 15);
  ones += bit;
}
console.log("lfsr", lfsr, "ones", ones);
