// ArrayBuffer and typed arrays as views of one (ECMA-262 §25.1, §23.2). An ArrayBuffer holds
// its bytes in the object, after its byte length; every typed array is a small header
// (layout.ts, TYPED_*) with its length, the address of its first element and the buffer, so
// views of one buffer share its bytes, and the header's reference keeps the buffer alive for
// the collector (headers are traced; buffers hold no references and are not). Compiled code
// reads and writes elements inline through the address; these are the rest.

import { DOUBLES, addressOf, isSmallInt, f64High, f64Low, objectAt, peek32, peek8, peekValue, poke16, poke32, poke8, pokeValue } from "mote/intrinsics";
import { alloc, allocTraced } from "./heap.ts";
import { ARRAY_BUFFER_BYTES, ARRAY_BUFFER_SIZE, TYPED_BUFFER, TYPED_DATA, TYPED_DESCRIPTOR_ELEMENT, TYPED_ELEMENT_NAMES, TYPED_LENGTH, TYPED_SIZE } from "./layout.ts";
import { RangeError } from "./errors.ts";
import { copyWords, zeroBytes } from "./port.ts";
import { typedElement } from "./arrays.ts";
import { float32Bits } from "./dataview.ts";
import { intToString } from "./strings.ts";

/** 2^30: the small integers are below it. */
const SMALL_INT_LIMIT = 0x40000000;
/** Word 1 of a typed array's descriptor: its element size in bytes. */
const DESCRIPTOR_ELEMENT_SIZE = 4;

export class ArrayBuffer {
  /** The byte length; the bytes follow this field (ARRAY_BUFFER_BYTES). */
  size: number;
  /** Never runs: the compiler makes `new ArrayBuffer(n)` a call of arrayBufferNew, which puts
   *  the bytes in the object (lower/arrays.ts, newArrayBuffer). */
  constructor(byteLength: number) {
    this.size = byteLength;
  }
  // No methods: a class's methods are linked with it, so byteLength and slice are lowered as
  // a load of `size` and a call of arrayBufferSlice (lower/arrays.ts).
}

/** buffer.slice(start, end): a new buffer with a copy of the bytes from start to end
 *  (negative: from the end). */
export function arrayBufferSlice(buffer: ArrayBuffer, start: unknown, end: unknown): ArrayBuffer {
  const length = buffer.size;
  const from = relative(start, length, 0);
  const to = relative(end, length, length);
  const result = new ArrayBuffer(to > from ? to - from : 0);
  moveBytes(addressOf(result) + ARRAY_BUFFER_BYTES, addressOf(buffer) + ARRAY_BUFFER_BYTES + from, to - from);
  return result;
}

/** new ArrayBuffer(byteLength): zeroed bytes; `descriptor` is the class's. */
export function arrayBufferNew(byteLength: number, descriptor: number): ArrayBuffer {
  const size = toIndex(byteLength);
  if (size < 0) throw new RangeError("Invalid array buffer length");
  const buffer = alloc(ARRAY_BUFFER_BYTES + size);
  poke32(buffer, descriptor);
  pokeValue(buffer + ARRAY_BUFFER_SIZE, size);
  zeroBytes(buffer + ARRAY_BUFFER_BYTES, size);
  return objectAt<ArrayBuffer>(buffer);
}

/** new Uint8Array(length) and the other typed arrays: a view of a new zeroed buffer. */
export function typedArrayNew(length: number, elementSize: number, descriptor: number): unknown {
  const count = toIndex(length);
  if (count < 0) throw new RangeError("Invalid typed array length: " + length);
  return typedArrayOfCount(count, elementSize, descriptor);
}

/** typedArrayNew of a length the range analysis proves a small integer (passes/number-text.ts):
 *  its RangeError needs only the small-integer printer, not the double printer. */
export function typedArrayNewOfInt(length: number, elementSize: number, descriptor: number): unknown {
  if (length < 0) throw new RangeError("Invalid typed array length: " + intToString(length));
  return typedArrayOfCount(length, elementSize, descriptor);
}

function typedArrayOfCount(count: number, elementSize: number, descriptor: number): unknown {
  const buffer = new ArrayBuffer(count * elementSize);
  return view(descriptor, buffer, addressOf(buffer) + ARRAY_BUFFER_BYTES, count);
}

/** new Uint8Array(arrayOrTypedArray): a new typed array with the source's elements. */
export function typedArrayFrom(source: unknown, sourceTyped: boolean, elementSize: number, descriptor: number): unknown {
  if (!sourceTyped) {
    const array = source as unknown[];
    const t = typedArrayNew(array.length, elementSize, descriptor);
    typedSetFromArray(t, array, undefined);
    return t;
  }
  const t = typedArrayNew(peek32(addressOf(source) + TYPED_LENGTH), elementSize, descriptor);
  typedSetFromTyped(t, source, undefined);
  return t;
}

/** new Uint8Array(buffer, byteOffset?, length?), with the RangeErrors (and their texts) of
 *  V8: an offset that is negative or not a multiple of the element size, a length that does
 *  not fit. */
export function typedArrayOnBuffer(buffer: ArrayBuffer, byteOffset: unknown, length: unknown, elementSize: number, descriptor: number): unknown {
  const offset = byteOffset === undefined ? 0 : toIndex(byteOffset as number);
  if (offset < 0) throw new RangeError("Start offset " + offset + " is outside the bounds of the buffer");
  const name = elementName(descriptor);
  if (offset % elementSize !== 0) throw new RangeError("start offset of " + name + " should be a multiple of " + elementSize);
  const total = buffer.size;
  let count = 0;
  if (length === undefined) {
    if (total % elementSize !== 0) throw new RangeError("byte length of " + name + " should be a multiple of " + elementSize);
    if (offset > total) throw new RangeError("Start offset " + offset + " is outside the bounds of the buffer");
    count = (total - offset) / elementSize;
  } else {
    count = toIndex(length as number);
    if (count < 0 || offset + count * elementSize > total) throw new RangeError("Invalid typed array length: " + count);
  }
  return view(descriptor, buffer, addressOf(buffer) + ARRAY_BUFFER_BYTES + offset, count);
}

/** t.byteOffset: where the view starts in its buffer. */
export function typedByteOffset(t: unknown): number {
  const address = addressOf(t);
  return peek32(address + TYPED_DATA) - addressOf(peekValue(address + TYPED_BUFFER)) - ARRAY_BUFFER_BYTES;
}

/** t.byteLength. */
export function typedByteLength(t: unknown): number {
  const address = addressOf(t);
  return peek32(address + TYPED_LENGTH) * peek32(peek32(address) + DESCRIPTOR_ELEMENT_SIZE);
}

/** t.subarray(begin, end): a view of the same buffer (no copy). */
export function typedSubarray(t: unknown, begin: unknown, end: unknown): unknown {
  const address = addressOf(t);
  const length = peek32(address + TYPED_LENGTH);
  const from = relative(begin, length, 0);
  const to = relative(end, length, length);
  const descriptor = peek32(address);
  const data = peek32(address + TYPED_DATA) + from * peek32(descriptor + DESCRIPTOR_ELEMENT_SIZE);
  return view(descriptor, peekValue<ArrayBuffer>(address + TYPED_BUFFER), data, to > from ? to - from : 0);
}

/** t.slice(begin, end): a copy in a new buffer. */
export function typedSlice(t: unknown, begin: unknown, end: unknown): unknown {
  const address = addressOf(t);
  const length = peek32(address + TYPED_LENGTH);
  const from = relative(begin, length, 0);
  const to = relative(end, length, length);
  const count = to > from ? to - from : 0;
  const descriptor = peek32(address);
  const size = peek32(descriptor + DESCRIPTOR_ELEMENT_SIZE);
  const result = typedArrayNew(count, size, descriptor);
  moveBytes(peek32(addressOf(result) + TYPED_DATA), peek32(address + TYPED_DATA) + from * size, count * size);
  return result;
}

/** t.fill(value, start, end): every element from start to end set to value. */
export function typedFill(t: unknown, value: number, start: unknown, end: unknown): unknown {
  const address = addressOf(t);
  const length = peek32(address + TYPED_LENGTH);
  const to = relative(end, length, length);
  const data = peek32(address + TYPED_DATA);
  const element = peek32(peek32(address) + TYPED_DESCRIPTOR_ELEMENT);
  for (let i = relative(start, length, 0); i < to; i++) storeElement(data, element, i, value);
  return t;
}

/** t.set(array, offset): the array's elements written from offset on. */
export function typedSetFromArray(t: unknown, source: unknown[], offset: unknown): void {
  const address = addressOf(t);
  const at = setOffset(address, offset, source.length);
  const data = peek32(address + TYPED_DATA);
  const element = peek32(peek32(address) + TYPED_DESCRIPTOR_ELEMENT);
  for (let i = 0; i < source.length; i++) storeElement(data, element, at + i, source[i] as number);
}

/** t.set(typedArray, offset): the source's elements written from offset on, as if the source
 *  were copied first (it may be a view of t's own buffer). */
export function typedSetFromTyped(t: unknown, source: unknown, offset: unknown): void {
  const address = addressOf(t);
  const from = addressOf(source);
  const count = peek32(from + TYPED_LENGTH);
  const at = setOffset(address, offset, count);
  const data = peek32(address + TYPED_DATA);
  const element = peek32(peek32(address) + TYPED_DESCRIPTOR_ELEMENT);
  const sourceElement = peek32(peek32(from) + TYPED_DESCRIPTOR_ELEMENT);
  const size = peek32(peek32(address) + DESCRIPTOR_ELEMENT_SIZE);
  if (sourceElement === element) {
    moveBytes(data + at * size, peek32(from + TYPED_DATA), count * size);
    return;
  }
  // Another element type over the same buffer: read every element before writing any.
  const copy = peekValue(from + TYPED_BUFFER) === peekValue(address + TYPED_BUFFER) ? typedSlice(source, undefined, undefined) : source;
  const sourceData = peek32(addressOf(copy) + TYPED_DATA);
  for (let i = 0; i < count; i++) storeElement(data, element, at + i, typedElement(sourceData, sourceElement, i));
}

/** Where set writes `count` elements into the typed array at `address`: a RangeError when they
 *  would not all fit (before anything is written). */
function setOffset(address: number, offset: unknown, count: number): number {
  const at = offset === undefined ? 0 : toIndex(offset as number);
  if (at < 0 || at + count > peek32(address + TYPED_LENGTH)) throw new RangeError("offset is out of bounds");
  return at;
}

/** A new header viewing `length` elements from `data` in `buffer`. */
function view(descriptor: number, buffer: ArrayBuffer, data: number, length: number): unknown {
  const t = allocTraced(TYPED_SIZE);
  poke32(t, descriptor);
  poke32(t + TYPED_LENGTH, length);
  poke32(t + TYPED_DATA, data);
  pokeValue(t + TYPED_BUFFER, buffer);
  return objectAt<unknown>(t);
}

/** Stores a number as element i (TYPED_ELEMENTS order: u8 i8 u16 i16 u32 i32 f32 f64): an
 *  integer element keeps the low bits of its int32 value, as a store in JavaScript does. */
function storeElement(data: number, element: number, i: number, value: number): void {
  if (DOUBLES) {
    if (element === 6) {
      storeWord(data + 4 * i, float32Bits(value));
      return;
    }
    if (element === 7) {
      storeWord(data + 8 * i, f64Low(value));
      storeWord(data + 8 * i + 4, f64High(value));
      return;
    }
  }
  const v = value | 0;
  if (element <= 1) poke8(data + i, v & 0xff);
  else if (element <= 3) poke16(data + 2 * i, v & 0xffff);
  else storeWord(data + 4 * i, v);
}

/** An int32 stored as two halves (poke32 takes small integers). */
function storeWord(address: number, word: number): void {
  poke16(address, word & 0xffff);
  poke16(address + 2, word >>> 16);
}

/** Copies `count` bytes as memmove does (the areas may overlap): words where both ends are
 *  4-aligned and the copy runs forward, bytes for the rest. */
function moveBytes(to: number, from: number, count: number): void {
  if (count <= 0 || to === from) return;
  if (to > from && to < from + count) {
    for (let i = count - 1; i >= 0; i--) poke8(to + i, peek8(from + i));
    return;
  }
  let i = 0;
  if (((to | from) & 3) === 0 && count >= 4) {
    // copyWords copies upwards, so a destination below the source may overlap it.
    copyWords(to, from, count >> 2);
    i = count & ~3;
  }
  for (; i < count; i++) poke8(to + i, peek8(from + i));
}

/** An index argument as the methods take it: undefined is `fallback`, a negative one counts
 *  from the end, and the result is clamped to [0, length]. */
function relative(index: unknown, length: number, fallback: number): number {
  if (index === undefined) return fallback;
  const i = toIndex(index as number);
  if (i < 0) return i + length < 0 ? 0 : i + length;
  return i > length ? length : i;
}

/** ToIntegerOrInfinity for lengths, offsets and indices: NaN is 0, fractions are cut toward
 *  zero (-0.5 is 0), and magnitudes past 2^30, beyond any device's memory, are clamped there
 *  (a length or offset that large then fails as one past the end does). `| 0` cuts as
 *  Math.trunc does below 2^31 without linking it. */
function toIndex(n: number): number {
  if (!DOUBLES || isSmallInt(n)) return n;
  if (n !== n) return 0;
  if (n >= SMALL_INT_LIMIT) return SMALL_INT_LIMIT;
  if (n <= -SMALL_INT_LIMIT) return -SMALL_INT_LIMIT;
  return n | 0;
}

function elementName(descriptor: number): string {
  return TYPED_ELEMENT_NAMES.split(" ")[peek32(descriptor + TYPED_DESCRIPTOR_ELEMENT)];
}

