// DataView over an ArrayBuffer: integers and floats in both byte orders, as a protocol encoder does.
const buffer = new ArrayBuffer(16);
const view = new DataView(buffer);
view.setUint16(0, 0xbeef);
view.setUint16(2, 0xbeef, true);
view.setInt32(4, -123456789, true);
view.setFloat32(8, 21.5);
view.setUint32(12, 4000000000);
const bytes: number[] = [];
for (let i = 0; i < view.byteLength; i++) bytes.push(view.getUint8(i));
console.log(bytes.join(","));
console.log(view.getUint16(0), view.getUint16(0, true), view.getInt16(2, true), view.getInt32(4, true), view.getInt32(4));
console.log(view.getFloat32(8), view.getFloat32(8, true), view.getUint32(12), view.getInt32(12), view.getInt8(0));
view.setFloat64(0, Math.PI);
console.log(view.getFloat64(0), view.getFloat64(0, true), view.getUint32(0).toString(16), view.getUint32(4).toString(16));
view.setFloat64(8, -0.1, true);
console.log(view.getFloat64(8, true), view.getUint8(15), view.getUint8(8));
for (const v of [0.1, 1e-40, 3.4028235e38, 3.5e38, 16777217, -2.5, 1e-46]) {
  view.setFloat32(0, v);
  console.log(v, view.getFloat32(0), view.getUint32(0).toString(16));
}
const part = new DataView(buffer, 4, 8);
console.log(part.byteOffset, part.byteLength, part.getInt32(0, true));
try {
  part.getUint32(6);
} catch (e) {
  console.log(e instanceof RangeError, (e as Error).message);
}
// Offsets are taken as ToIndex takes them: fractions truncated, NaN as 0.
const shifted = new DataView(buffer, 1.9);
shifted.setUint8(2.7, 200);
console.log(shifted.byteOffset, shifted.getUint8(2.99), shifted.getUint8(NaN), view.getUint8(3));
