// Encodes readings into a byte frame (header, big-endian fields, a checksum) and decodes it:
// typed arrays, bit operations, Array.from of a typed array, errors caught inside a loop.
interface Reading { id: number; temp: number; humidity: number; flags: number }
function encode(r: Reading): Uint8Array {
  const out = new Uint8Array(9);
  out[0] = 0xa5;
  out[1] = r.id & 0xff;
  out[2] = (r.temp >> 8) & 0xff;
  out[3] = r.temp & 0xff;
  out[4] = (r.humidity >> 8) & 0xff;
  out[5] = r.humidity & 0xff;
  out[6] = r.flags;
  out[7] = 0;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum = (sum + out[i] * (i + 1)) & 0xff;
  out[8] = sum;
  return out;
}
function decode(frame: Uint8Array): Reading {
  if (frame.length !== 9 || frame[0] !== 0xa5) throw new TypeError("bad header");
  let sum = 0;
  for (let i = 0; i < 8; i++) sum = (sum + frame[i] * (i + 1)) & 0xff;
  if (sum !== frame[8]) throw new RangeError(`checksum ${sum} != ${frame[8]}`);
  const signed16 = (hi: number, lo: number): number => ((hi << 24) >> 16) | lo;
  return { id: frame[1], temp: signed16(frame[2], frame[3]), humidity: (frame[4] << 8) | frame[5], flags: frame[6] };
}
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString().padStart(3, "0")).join(" ");
const readings: Reading[] = [
  { id: 1, temp: 215, humidity: 4012, flags: 0b101 },
  { id: 2, temp: -40, humidity: 0, flags: 0 },
  { id: 255, temp: 32767, humidity: 65535, flags: 255 },
];
for (const r of readings) {
  const frame = encode(r);
  console.log(hex(frame));
  console.log(decode(frame));
}
const broken = encode(readings[0]);
broken[3] ^= 0x10;
for (const f of [broken, new Uint8Array(3)]) {
  try {
    decode(f);
  } catch (e) {
    console.log(`${(e as Error).name}: ${(e as Error).message}`);
  }
}
