// A typed array view that would reach past its buffer's end is a RangeError with V8's message
// ("Invalid typed array length: 3"); the views before it were made and used.
function record(buffer: ArrayBuffer, offset: number, count: number): Uint16Array {
  const view = new Uint16Array(buffer, offset, count); //! throws RangeError
  view.fill(offset);
  return view;
}
const buffer = new ArrayBuffer(8);
for (const offset of [0, 4, 6]) {
  const view = record(buffer, offset, 2 + (offset >> 2));
  console.log(offset, view, new Uint8Array(buffer));
}
