// A DataView whose offset is outside its buffer is a RangeError with V8's message ("Start
// offset 12 is outside the bounds of the buffer").
const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
for (let offset = 0; offset <= 12; offset += 4) {
  const view = new DataView(bytes.buffer, offset); //! throws RangeError
  console.log(offset, view.byteLength, view.byteLength > 0 ? view.getUint8(0) : "-");
}
