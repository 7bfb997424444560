// Integer typed arrays: zero-filled creation, stores keep the low bits (ToUint8, ToInt16, …),
// reads outside the array are undefined and writes there are ignored, 32-bit elements beyond
// the small-integer range, and .length.
const bytes = new Uint8Array(8);
bytes[0] = 300;
bytes[1] = -1;
bytes[2] = 0x7f;
bytes[9] = 5;
console.log(bytes[0], bytes[1], bytes[2], bytes[3], bytes[9], bytes.length);
const signed = new Int8Array([127, 128, 255, -129]);
console.log(signed[0], signed[1], signed[2], signed[3]);
const halves = new Uint16Array([65535, 65536, -1]);
const shorts = new Int16Array([1000, -2000, 40000]);
console.log(halves[0], halves[1], halves[2], shorts[0], shorts[1], shorts[2], shorts.length);
const words = new Int32Array(3);
words[0] = 2147483647;
words[1] = -2147483648;
words[2] = words[0] - 1;
console.log(words[0], words[1], words[2]);
const unsigned = new Uint32Array(2);
unsigned[0] = 123456;
unsigned[1] = 0x3fffffff;
console.log(unsigned[0], unsigned[1]);
let sum = 0;
for (let i = 0; i < bytes.length; i++) sum += bytes[i];
console.log("sum", sum);
function checksum(data: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < data.length; i++) c = (c * 31 + data[i]) & 0xffff;
  return c;
}
const message = new Uint8Array(64);
for (let i = 0; i < message.length; i++) message[i] = i * 7;
console.log("checksum", checksum(message), message[63]);
message[3] += 250;
message[4]++;
console.log(message[3], message[4]);
