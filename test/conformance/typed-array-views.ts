// Typed arrays as views of one ArrayBuffer: subarray, views at an offset, DataView over a
// typed array's buffer; a write through one view is seen through every other. buffer,
// byteOffset and byteLength; set (arrays, typed arrays, overlapping), fill, slice (copies).
function hex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return s;
}

const packet = new Uint8Array([0xaa, 0x02, 0x00, 0x05, 1, 2, 3, 4, 5, 0x7e]);
const header = packet.subarray(0, 4);
const payload = packet.subarray(4, -1);
console.log(hex(header), hex(payload), payload.byteOffset, payload.byteLength, payload.buffer === packet.buffer);
payload[0] = 0xff;
console.log(packet[4], payload.subarray(1, 3), payload.subarray(-2).byteOffset);

const view = new DataView(packet.buffer, 2, 4);
console.log(view.getUint16(0), view.byteOffset, view.byteLength);
view.setUint16(2, 0xbeef, true);
console.log(hex(packet), packet[4], packet[5]);

const buffer = new ArrayBuffer(12);
const words = new Uint32Array(buffer, 4, 2);
const halves = new Uint16Array(buffer);
const bytes = new Uint8Array(buffer, 4);
words[0] = 0x01020304;
halves[5] = 0xffff;
console.log(bytes, words.byteOffset, halves.byteLength, bytes.length, buffer.byteLength);
console.log(new Int16Array(buffer, 8, 2), words.buffer === halves.buffer, Uint32Array.BYTES_PER_ELEMENT, halves.BYTES_PER_ELEMENT);

const copy = buffer.slice(4, 8);
new Uint8Array(copy)[0] = 9;
console.log(new Uint8Array(copy), bytes[0], buffer.slice(-2).byteLength, buffer.slice(5, 2).byteLength);

const frame = new Uint8Array(8);
frame.set([1, 2, 3]);
frame.set(packet.subarray(0, 2), 6);
frame.set(new Uint16Array([0x1234, 258]), 3);
console.log(frame);
frame.set(frame.subarray(0, 4), 2);
console.log(frame, frame.slice(-3), frame.slice(2, 4).buffer === frame.buffer);
console.log(frame.fill(0xee, 5), frame.fill(1, 1, 3), new Int8Array(4).fill(-1, -2));
const tail = frame.slice(6);
tail[0] = 0;
console.log(frame[6], tail, new Uint8Array(frame), new Int16Array([1, -1]).subarray(1).byteOffset);
const empty = frame.subarray(5, 2);
console.log(empty, empty.length, empty.byteLength, new Uint8Array().length);
