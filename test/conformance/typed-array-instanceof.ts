// instanceof with the typed array constructors: the element type decides, arrays and plain
// objects are not typed arrays, and a typed array is not an instance of a program's class.
class Packet {
  constructor(readonly bytes: Uint8Array) {}
}

function describe(value: unknown): string {
  const kinds: string[] = [];
  if (value instanceof Uint8Array) kinds.push("Uint8Array");
  if (value instanceof Int8Array) kinds.push("Int8Array");
  if (value instanceof Uint16Array) kinds.push("Uint16Array");
  if (value instanceof Int16Array) kinds.push("Int16Array");
  if (value instanceof Uint32Array) kinds.push("Uint32Array");
  if (value instanceof Int32Array) kinds.push("Int32Array");
  if (value instanceof Packet) kinds.push("Packet");
  return kinds.length === 0 ? "none" : kinds.join("+");
}

const values: unknown[] = [
  new Uint8Array(2),
  new Int8Array([1, -1]),
  new Uint16Array(1),
  new Int16Array(0),
  new Uint32Array([7]),
  new Int32Array(3),
  [1, 2],
  { bytes: 1 },
  "text",
  42,
  null,
  undefined,
  new Packet(new Uint8Array([9])),
];
for (const value of values) console.log(describe(value));

const packet = new Packet(new Uint8Array([1, 2, 3]));
const payload: unknown = packet.bytes;
if (payload instanceof Uint8Array) console.log("payload of", payload.length, "bytes, first", payload[0]);
console.log(packet instanceof Packet, (packet.bytes as unknown) instanceof Int8Array);
