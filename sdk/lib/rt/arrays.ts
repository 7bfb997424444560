// Arrays: one heap block, the length and the address of the elements, then the elements
// (layout.ts); push moves them to a block of their own when the array outgrows its block.
// Reads and writes inside the length are inline in compiled code; these are the slow paths.

import { DOUBLES, addressOf, f64FromWords, isObject, isSmallInt, objectAt, objectKind, panic, peek16, peek32, peek8, pokeValue, poke32, symbolAddress } from "mote/intrinsics";
import { allocSized, objectEnd } from "./heap.ts";
import { ARRAY_ELEMENTS, ARRAY_HOLE, ARRAY_LENGTH, ARRAY_SIZE, DESCRIPTOR_ARRAY, KIND_ARRAY, TYPED_DATA, TYPED_DESCRIPTOR_ELEMENT, TYPED_LENGTH } from "./layout.ts";
import { concat, sameValueZero, strictEquals, toString, unitAt } from "./strings.ts";
import { truthy } from "./print.ts";
import { PANIC_BAD_INDEX, PANIC_NOT_INTEGER } from "./panic-codes.ts";
import { RangeError, TypeError } from "./errors.ts";
import { copyWords, fillWords } from "./port.ts";
import { float32FromBits } from "./dataview.ts";

/** Room for this many elements in `[]`, which is usually pushed to: the same 32-byte block
 *  as an array of 4 (an array block holds a header word, the array's words, the elements). */
const EMPTY_CAPACITY = 4;
const MIN_GROWTH = 4;

/** new Array(length): `length` holes, in the array's own block. */
export function arrayNew(length: number): unknown[] {
  if (length < 0) throw new RangeError("Invalid array length");
  return arrayWithLength(length);
}

/** arrayNew for a length known not negative (passes/array-lengths.ts: an array literal's), so
 *  that making one links no RangeError. */
export function arrayWithLength(length: number): unknown[] {
  const capacity = length === 0 ? EMPTY_CAPACITY : length;
  const array = allocSized(ARRAY_SIZE + 4 * capacity);
  const elements = array + ARRAY_SIZE;
  // Every word up to the block's end: the collector traces them all.
  fillWords(elements, length, objectAt(ARRAY_HOLE));
  fillWords(elements + 4 * length, ((objectEnd(array) - elements) >> 2) - length, undefined);
  poke32(array, symbolAddress(DESCRIPTOR_ARRAY));
  poke32(array + ARRAY_LENGTH, length);
  poke32(array + ARRAY_ELEMENTS, elements);
  return objectAt<unknown[]>(array);
}

/** An empty array with room for `count` elements in its own block (0: the room of `[]`). */
export function arrayWithRoom(count: number): unknown[] {
  const a = arrayNew(count);
  const array = addressOf(a);
  fillWords(peek32(array + ARRAY_ELEMENTS), count, undefined);
  poke32(array + ARRAY_LENGTH, 0);
  return a;
}

/** The end of the room for the array's elements: its own block's end while they are inline
 *  (the only elements at ARRAY_SIZE: a store of their own is a later block, at least 24 bytes
 *  on), else their store's; 0 for an array in flash, which has no room to spare. */
function roomEnd(array: number, elements: number): number {
  const block = elements === array + ARRAY_SIZE ? array : elements;
  return block < symbolAddress("__heap_start") ? 0 : objectEnd(block);
}

/** Makes element i (inside the length) a hole, as `delete a[i]` does. */
export function makeHole(a: unknown[], i: number): void {
  poke32(peek32(addressOf(a) + ARRAY_ELEMENTS) + 4 * i, ARRAY_HOLE);
}

/** Is element i (inside the length) a hole? */
export function isHole(a: unknown[], i: number): boolean {
  return peek32(peek32(addressOf(a) + ARRAY_ELEMENTS) + 4 * i) === ARRAY_HOLE;
}

/** A new array of a's elements from `from` to `to`, holes kept. */
function copyOf(a: unknown[], from: number, to: number): unknown[] {
  const result = arrayNew(to > from ? to - from : 0);
  if (to > from) copyWords(peek32(addressOf(result) + ARRAY_ELEMENTS), peek32(addressOf(a) + ARRAY_ELEMENTS) + 4 * from, to - from);
  return result;
}

function ensureCapacity(array: number, needed: number): void {
  const old = peek32(array + ARRAY_ELEMENTS);
  const end = roomEnd(array, old);
  const capacity = end === 0 ? peek32(array + ARRAY_LENGTH) : (end - old) >> 2;
  if (needed <= capacity) return;
  let grown = capacity + (capacity >> 1) + MIN_GROWTH;
  if (grown < needed) grown = needed;
  const store = allocSized(4 * grown);
  const length = peek32(array + ARRAY_LENGTH);
  copyWords(store, old, length);
  fillWords(store + 4 * length, ((objectEnd(store) - store) >> 2) - length, undefined);
  // The words left behind in the array's own block are still traced: they must hold nothing.
  if (old === array + ARRAY_SIZE && end !== 0) fillWords(old, length, undefined);
  poke32(array + ARRAY_ELEMENTS, store);
}

/** Array.from({ length }): the length as ToLength makes it (a negative one is 0), every
 *  element undefined (not a hole). */
export function arrayOfLength(length: number): unknown[] {
  const result = arrayNew(length < 0 ? 0 : length);
  fillWords(peek32(addressOf(result) + ARRAY_ELEMENTS), result.length, undefined);
  return result;
}

/** Array.from(a), and `[x, ...rest] = a` from `start` on: the elements as iteration reads
 *  them, holes as undefined. */
export function arrayReadFrom(a: unknown[], start: number): unknown[] {
  const from = start < a.length ? start : a.length;
  const result = arrayNew(a.length - from);
  for (let i = from; i < a.length; i++) result[i - from] = a[i];
  return result;
}

export function arrayPush(a: unknown[], value: unknown): number {
  const array = addressOf(a);
  const length = peek32(array + ARRAY_LENGTH);
  let slot = peek32(array + ARRAY_ELEMENTS) + 4 * length;
  if (slot >= roomEnd(array, slot - 4 * length)) {
    ensureCapacity(array, length + 1);
    slot = peek32(array + ARRAY_ELEMENTS) + 4 * length;
  }
  pokeValue(slot, value);
  poke32(array + ARRAY_LENGTH, length + 1);
  return length + 1;
}

/** a[index] = value where index is at or past the end: the array grows, holes between. */
export function arraySet(a: unknown[], at: number, value: unknown): void {
  // -0 is index 0; other numbers that are not small integers (fractions, 2^30 and more)
  // would be properties, or an array bigger than a device's memory.
  const index = isSmallInt(at) ? at : DOUBLES && at === 0 ? 0 : panic(PANIC_BAD_INDEX);
  if (index < 0) panic(PANIC_BAD_INDEX);
  const array = addressOf(a);
  if (index < peek32(array + ARRAY_LENGTH)) {
    // -0, inside the array.
    pokeValue(peek32(array + ARRAY_ELEMENTS) + 4 * index, value);
    return;
  }
  ensureCapacity(array, index + 1);
  const elements = peek32(array + ARRAY_ELEMENTS);
  const length = peek32(array + ARRAY_LENGTH);
  fillWords(elements + 4 * length, index - length, objectAt(ARRAY_HOLE));
  pokeValue(elements + 4 * index, value);
  poke32(array + ARRAY_LENGTH, index + 1);
}

/** a[index] for an index that is not a small integer (programs with doubles): -0 is index 0,
 *  anything else (fractions, 2^30 and more, NaN) names no element. */
export function arrayGet(a: unknown[], index: number): unknown {
  return index === 0 && a.length > 0 ? a[0] : undefined;
}

/** Element i of a typed array's data (TYPED_ELEMENTS order: u8 i8 u16 i16 u32 i32). */
export function typedElement(data: number, element: number, i: number): number {
  if (element === 0) return peek8(data + i);
  if (element === 1) return (peek8(data + i) << 24) >> 24;
  if (element === 2) return peek16(data + 2 * i);
  if (element === 3) return (peek16(data + 2 * i) << 16) >> 16;
  if (element === 5) return peek32(data + 4 * i);
  if (DOUBLES) {
    if (element === 4) return peek32(data + 4 * i) >>> 0;
    if (element === 6) return float32FromBits(peek32(data + 4 * i));
    if (element === 7) return f64FromWords(peek32(data + 8 * i + 4), peek32(data + 8 * i));
  }
  // A Uint32 element of 2^31 or more, or a float, needs a double.
  if (element === 4 && peek32(data + 4 * i) >= 0) return peek32(data + 4 * i);
  return panic(PANIC_NOT_INTEGER);
}

/** Array.from(typedArray): its elements as numbers in a new array. */
export function typedToArray(t: unknown): unknown[] {
  const array = addressOf(t);
  const element = peek32(peek32(array) + TYPED_DESCRIPTOR_ELEMENT);
  const length = peek32(array + TYPED_LENGTH);
  const result = arrayNew(length);
  for (let i = 0; i < length; i++) result[i] = typedElement(peek32(array + TYPED_DATA), element, i);
  return result;
}

// ------------------------------------------------------------------ Array.prototype methods
// (ECMA-262 §23.1.3), for the values of this language step.

function relativeIndex(index: unknown, length: number, fallback: number): number {
  if (index === undefined) return fallback;
  const i = index as number;
  if (i < 0) return i + length < 0 ? 0 : i + length;
  return i > length ? length : i;
}

export function arrayIndexOf(a: unknown[], value: unknown, from: unknown): number {
  for (let i = relativeIndex(from, a.length, 0); i < a.length; i++) {
    if (strictEquals(a[i], value) && !isHole(a, i)) return i;
  }
  return -1;
}

export function arrayLastIndexOf(a: unknown[], value: unknown): number {
  for (let i = a.length - 1; i >= 0; i--) {
    if (strictEquals(a[i], value) && !isHole(a, i)) return i;
  }
  return -1;
}

export function arrayIncludes(a: unknown[], value: unknown): boolean {
  for (let i = 0; i < a.length; i++) {
    if (sameValueZero(a[i], value)) return true;
  }
  return false;
}

export function arrayJoin(a: unknown[], separator: unknown): string {
  const sep = separator === undefined ? "," : (separator as string);
  let result = "";
  for (let i = 0; i < a.length; i++) {
    if (i > 0) result = concat(result, sep);
    const element = a[i];
    if (element !== undefined && element !== null) result = concat(result, toString(element));
  }
  return result;
}

export function arraySlice(a: unknown[], start: unknown, end: unknown): unknown[] {
  const from = relativeIndex(start, a.length, 0);
  return copyOf(a, from, relativeIndex(end, a.length, a.length));
}

export function arrayConcat(a: unknown[], b: unknown[]): unknown[] {
  const result = arrayNew(a.length + b.length);
  const elements = peek32(addressOf(result) + ARRAY_ELEMENTS);
  copyWords(elements, peek32(addressOf(a) + ARRAY_ELEMENTS), a.length);
  copyWords(elements + 4 * a.length, peek32(addressOf(b) + ARRAY_ELEMENTS), b.length);
  return result;
}

/** concat(...items): arrays spread into the result, other values appended. */
export function arrayConcatItems(a: unknown[], items: unknown[]): unknown[] {
  const result = copyOf(a, 0, a.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isObject(item) && objectKind(item) === KIND_ARRAY) appendWords(result, item as unknown[]);
    else arrayPush(result, item);
  }
  return result;
}

/** xs's elements appended to a, holes kept. */
function appendWords(a: unknown[], xs: unknown[]): void {
  const array = addressOf(a);
  const length = peek32(array + ARRAY_LENGTH);
  ensureCapacity(array, length + xs.length);
  copyWords(peek32(array + ARRAY_ELEMENTS) + 4 * length, peek32(addressOf(xs) + ARRAY_ELEMENTS), xs.length);
  poke32(array + ARRAY_LENGTH, length + xs.length);
}

export function arrayFill(a: unknown[], value: unknown, start: unknown, end: unknown): unknown[] {
  const to = relativeIndex(end, a.length, a.length);
  for (let i = relativeIndex(start, a.length, 0); i < to; i++) a[i] = value;
  return a;
}

export function arrayReverse(a: unknown[]): unknown[] {
  // The words, so that holes move too.
  const elements = peek32(addressOf(a) + ARRAY_ELEMENTS);
  for (let i = 0, j = a.length - 1; i < j; i++, j--) {
    const t = peek32(elements + 4 * i);
    poke32(elements + 4 * i, peek32(elements + 4 * j));
    poke32(elements + 4 * j, t);
  }
  return a;
}

/** pop: the last element, or undefined; the array gets shorter (the compiler stops assuming
 *  that arrays only grow when a program uses this). */
/**
 * a.splice(start, deleteCount, ...items) called with `argc` arguments: without a start
 * nothing is removed, without a count everything from start on is; returns what it removed.
 */
export function arraySplice(a: unknown[], start: unknown, deleteCount: unknown, argc: number, items: unknown[]): unknown[] {
  const length = a.length;
  const from = relativeIndex(start, length, 0);
  let count = argc === 0 ? 0 : argc === 1 ? length - from : deleteCount === undefined ? 0 : (deleteCount as number);
  if (count < 0) count = 0;
  if (count > length - from) count = length - from;
  const removed = arraySlice(a, from, from + count);
  const tail = arraySlice(a, from + count, undefined);
  const array = addressOf(a);
  const elements = peek32(array + ARRAY_ELEMENTS);
  for (let i = from; i < length; i++) pokeValue(elements + 4 * i, undefined);
  poke32(array + ARRAY_LENGTH, from);
  for (let i = 0; i < items.length; i++) arrayPush(a, items[i]);
  appendWords(a, tail);
  return removed;
}

export function arrayPop(a: unknown[]): unknown {
  const array = addressOf(a);
  const length = peek32(array + ARRAY_LENGTH);
  if (length === 0) return undefined;
  const last = a[length - 1];
  pokeValue(peek32(array + ARRAY_ELEMENTS) + 4 * (length - 1), undefined);
  poke32(array + ARRAY_LENGTH, length - 1);
  return last;
}

/** ToIntegerOrInfinity of an index argument: NaN is 0, fractions are cut toward zero. */
function toInteger(n: number): number {
  if (!DOUBLES) return n;
  if (n !== n) return 0;
  // -0 (from -0.5 too) is index 0, not a boxed -0 the runtime would take for a length.
  const whole = Math.trunc(n);
  return whole === 0 ? 0 : whole;
}

/** a.length = n (ECMA-262 §10.4.2.4, ArraySetLength): shorter drops the elements past n,
 *  longer appends holes (ARRAY_HOLE). Spare capacity is always undefined (ensureCapacity and
 *  truncation fill it). */
export function arraySetLength(a: unknown[], requested: number): number {
  // -0 is 0; anything else that is not a small integer is a fraction, negative or too long.
  const n = DOUBLES && requested === 0 ? 0 : requested;
  if (!isSmallInt(n) || n < 0) throw new RangeError("Invalid array length");
  const array = addressOf(a);
  const length = peek32(array + ARRAY_LENGTH);
  if (n > length) {
    ensureCapacity(array, n);
    fillWords(peek32(array + ARRAY_ELEMENTS) + 4 * length, n - length, objectAt(ARRAY_HOLE));
  } else {
    fillWords(peek32(array + ARRAY_ELEMENTS) + 4 * n, length - n, undefined);
  }
  poke32(array + ARRAY_LENGTH, n);
  return n;
}

/** shift: the first element, or undefined; the rest move down one place. */
export function arrayShift(a: unknown[]): unknown {
  const array = addressOf(a);
  const length = peek32(array + ARRAY_LENGTH);
  if (length === 0) return undefined;
  const first = a[0];
  const elements = peek32(array + ARRAY_ELEMENTS);
  // copyWords copies upwards, so moving the elements down one word is safe.
  copyWords(elements, elements + 4, length - 1);
  pokeValue(elements + 4 * (length - 1), undefined);
  poke32(array + ARRAY_LENGTH, length - 1);
  return first;
}

/** unshift(...items): the items in front, in order; the new length. */
export function arrayUnshift(a: unknown[], items: unknown[]): number {
  const array = addressOf(a);
  const length = peek32(array + ARRAY_LENGTH);
  const count = items.length;
  if (count === 0) return length;
  ensureCapacity(array, length + count);
  const elements = peek32(array + ARRAY_ELEMENTS);
  // From the end down: the source and the destination overlap.
  for (let i = length - 1; i >= 0; i--) poke32(elements + 4 * (i + count), peek32(elements + 4 * i));
  for (let i = 0; i < count; i++) pokeValue(elements + 4 * i, items[i]);
  poke32(array + ARRAY_LENGTH, length + count);
  return length + count;
}

/** copyWithin(target, start, end): the elements of [start, end) copied to target on, as if
 *  through a temporary copy; the length stays. */
export function arrayCopyWithin(a: unknown[], target: number, start: unknown, end: unknown): unknown[] {
  const length = a.length;
  const to = relativeIndex(target, length, 0);
  const from = relativeIndex(start, length, 0);
  const last = relativeIndex(end, length, length);
  let count = last - from < length - to ? last - from : length - to;
  if (count <= 0) return a;
  // The words, so that holes are copied as holes.
  const elements = peek32(addressOf(a) + ARRAY_ELEMENTS);
  if (from < to && to < from + count) {
    for (let i = count - 1; i >= 0; i--) poke32(elements + 4 * (to + i), peek32(elements + 4 * (from + i)));
  } else {
    for (let i = 0; i < count; i++) poke32(elements + 4 * (to + i), peek32(elements + 4 * (from + i)));
  }
  return a;
}

/** toReversed: a reversed copy. */
export function arrayToReversed(a: unknown[]): unknown[] {
  const length = a.length;
  const result = arrayNew(length);
  for (let i = 0; i < length; i++) result[i] = a[length - 1 - i];
  return result;
}

/** toSorted(compare): a sorted copy. */
export function arrayToSorted(a: unknown[], compare: unknown): unknown[] {
  return arraySort(arrayReadFrom(a, 0), compare);
}

/** with(index, value): a copy with one element replaced; an index outside is a RangeError. */
export function arrayWith(a: unknown[], index: number, value: unknown): unknown[] {
  const length = a.length;
  const whole = toInteger(index);
  const i = whole < 0 ? whole + length : whole;
  if (!(i >= 0 && i < length)) throw new RangeError("Invalid index : " + toString(index));
  const result = arrayReadFrom(a, 0);
  result[i] = value;
  return result;
}

export function arrayAt(a: unknown[], index: number): unknown {
  const whole = toInteger(index);
  const i = whole < 0 ? whole + a.length : whole;
  return i < 0 || i >= a.length ? undefined : a[i];
}

// Methods that take a callback (value, index, array), called as function values.

type Callback = (value: unknown, index: number, array: unknown[]) => unknown;
type Reducer = (accumulator: unknown, value: unknown, index: number) => unknown;
type Comparator = (a: unknown, b: unknown) => number;

// forEach, map, filter, some, every, reduce and flat skip holes (ECMA-262: HasProperty).

export function arrayForEach(a: unknown[], f: Callback): void {
  for (let i = 0; i < a.length; i++) if (!isHole(a, i)) f(a[i], i, a);
}

export function arrayMap(a: unknown[], f: Callback): unknown[] {
  const result = arrayNew(a.length);
  for (let i = 0; i < a.length; i++) if (!isHole(a, i)) result[i] = f(a[i], i, a);
  return result;
}

export function arrayFilter(a: unknown[], f: Callback): unknown[] {
  const result = arrayNew(0);
  for (let i = 0; i < a.length; i++) {
    const value = a[i];
    if (!isHole(a, i) && truthy(f(value, i, a))) arrayPush(result, value);
  }
  // A copy in one block, as long as the result: growing left a store bigger than that.
  return copyOf(result, 0, result.length);
}

export function arrayFind(a: unknown[], f: Callback): unknown {
  for (let i = 0; i < a.length; i++) if (truthy(f(a[i], i, a))) return a[i];
  return undefined;
}

export function arrayFindIndex(a: unknown[], f: Callback): number {
  for (let i = 0; i < a.length; i++) if (truthy(f(a[i], i, a))) return i;
  return -1;
}

export function arrayFindLast(a: unknown[], f: Callback): unknown {
  for (let i = a.length - 1; i >= 0; i--) if (truthy(f(a[i], i, a))) return a[i];
  return undefined;
}

export function arrayFindLastIndex(a: unknown[], f: Callback): number {
  for (let i = a.length - 1; i >= 0; i--) if (truthy(f(a[i], i, a))) return i;
  return -1;
}

export function arraySome(a: unknown[], f: Callback): boolean {
  for (let i = 0; i < a.length; i++) if (!isHole(a, i) && truthy(f(a[i], i, a))) return true;
  return false;
}

export function arrayEvery(a: unknown[], f: Callback): boolean {
  for (let i = 0; i < a.length; i++) if (!isHole(a, i) && !truthy(f(a[i], i, a))) return false;
  return true;
}

/** reduce(f) and reduce(f, initial); `hasInitial` says which (undefined is a valid initial). */
export function arrayReduce(a: unknown[], f: Reducer, initial: unknown, hasInitial: boolean): unknown {
  let i = 0;
  let accumulator = initial;
  if (!hasInitial) {
    while (i < a.length && isHole(a, i)) i++;
    if (i === a.length) throw new TypeError("Reduce of empty array with no initial value");
    accumulator = a[i];
    i++;
  }
  for (; i < a.length; i++) if (!isHole(a, i)) accumulator = f(accumulator, a[i], i);
  return accumulator;
}

export function arrayReduceRight(a: unknown[], f: Reducer, initial: unknown, hasInitial: boolean): unknown {
  let i = a.length - 1;
  let accumulator = initial;
  if (!hasInitial) {
    while (i >= 0 && isHole(a, i)) i--;
    if (i < 0) throw new TypeError("Reduce of empty array with no initial value");
    accumulator = a[i];
    i--;
  }
  for (; i >= 0; i--) if (!isHole(a, i)) accumulator = f(accumulator, a[i], i);
  return accumulator;
}

/** flat(depth): nested arrays spread into the result down to `depth` levels (1 by default;
 *  undefined is 1, fractions are cut, anything below 1 copies). */
export function arrayFlat(a: unknown[], depth: unknown): unknown[] {
  const result = arrayNew(0);
  flattenInto(result, a, depth === undefined ? 1 : (depth as number));
  return result;
}

function flattenInto(result: unknown[], a: unknown[], depth: number): void {
  for (let i = 0; i < a.length; i++) {
    if (isHole(a, i)) continue;
    const v = a[i];
    if (depth >= 1 && isObject(v) && objectKind(v) === KIND_ARRAY) flattenInto(result, v as unknown[], depth - 1);
    else arrayPush(result, v);
  }
}

/** flatMap(f): f's results, arrays spread one level. */
export function arrayFlatMap(a: unknown[], f: Callback): unknown[] {
  const result = arrayNew(0);
  for (let i = 0; i < a.length; i++) {
    if (isHole(a, i)) continue;
    const v = f(a[i], i, a);
    if (isObject(v) && objectKind(v) === KIND_ARRAY) flattenInto(result, v as unknown[], 0);
    else arrayPush(result, v);
  }
  return result;
}

/** Below this many elements V8's TimSort is one run sorted by binary insertion. */
const TIMSORT_MIN_MERGE = 64;

/** sort: stable, undefined elements last; without a comparator, elements compare as their
 *  strings. Short arrays are sorted exactly as V8 sorts them (its TimSort's first run and
 *  binary insertion), so that even a comparator that is not consistent (one that returns NaN,
 *  say) orders them as Node does; longer ones by a merge sort, equal for any consistent one. */
export function arraySort(a: unknown[], compare: unknown): unknown[] {
  const n = a.length;
  let defined = 0;
  let holes = 0;
  for (let i = 0; i < n; i++) {
    if (isHole(a, i)) holes++;
    else if (a[i] !== undefined) a[defined++] = a[i];
  }
  // Then the undefined elements, then the holes (ECMA-262 §23.1.3.30.1 SortIndexedProperties).
  for (let i = defined; i < n - holes; i++) a[i] = undefined;
  fillWords(peek32(addressOf(a) + ARRAY_ELEMENTS) + 4 * (n - holes), holes, objectAt(ARRAY_HOLE));
  if (defined < TIMSORT_MIN_MERGE) {
    insertionSort(a, defined, compare);
    return a;
  }
  let from = a;
  let to = arrayNew(defined);
  for (let width = 1; width < defined; width = width * 2) {
    for (let left = 0; left < defined; left += 2 * width) {
      const middle = left + width < defined ? left + width : defined;
      const right = left + 2 * width < defined ? left + 2 * width : defined;
      let i = left;
      let j = middle;
      for (let k = left; k < right; k++) {
        if (i < middle && (j >= right || !before(from[j], from[i], compare))) to[k] = from[i++];
        else to[k] = from[j++];
      }
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== a) for (let i = 0; i < defined; i++) a[i] = from[i];
  return a;
}

/** V8's TimSort on fewer than 64 elements: the leading run (a strictly descending one is
 *  reversed), then binary insertion of the rest. */
function insertionSort(a: unknown[], n: number, compare: unknown): void {
  if (n < 2) return;
  let run = 2;
  const descending = before(a[1], a[0], compare);
  for (let i = 2; i < n; i++) {
    const inOrder = descending ? before(a[i], a[i - 1], compare) : !before(a[i], a[i - 1], compare);
    if (!inOrder) break;
    run++;
  }
  if (descending) {
    for (let i = 0, j = run - 1; i < j; i++, j--) {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
  for (let start = run; start < n; start++) {
    const pivot = a[start];
    let left = 0;
    let right = start;
    while (left < right) {
      const middle = left + ((right - left) >> 1);
      if (before(pivot, a[middle], compare)) right = middle;
      else left = middle + 1;
    }
    for (let k = start; k > left; k--) a[k] = a[k - 1];
    a[left] = pivot;
  }
}

/** Does x sort strictly before y? */
function before(x: unknown, y: unknown, compare: unknown): boolean {
  if (compare === undefined) return compareStrings(toString(x), toString(y)) < 0;
  return (compare as Comparator)(x, y) < 0;
}

function compareStrings(x: string, y: string): number {
  const n = x.length < y.length ? x.length : y.length;
  for (let i = 0; i < n; i++) {
    const d = unitAt(x, i) - unitAt(y, i);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** [...xs] inside an array literal: the elements of xs appended. */
export function arrayAppend(a: unknown[], xs: unknown[]): void {
  for (let i = 0; i < xs.length; i++) arrayPush(a, xs[i]);
}

/** What a.keys() (0), a.values() (1) or a.entries() (2) iterates, as a new array. */
export function arrayIterated(a: unknown[], which: number): unknown[] {
  const result = arrayNew(0);
  for (let i = 0; i < a.length; i++) arrayPush(result, which === 0 ? i : which === 1 ? a[i] : [i, a[i]]);
  return result;
}

/** a.push(...xs): the new length. */
export function arrayPushAll(a: unknown[], xs: unknown[]): number {
  arrayAppend(a, xs);
  return a.length;
}

/** [..."text"]: the code points of a string appended, as a string iterator yields them. */
export function arrayAppendString(a: unknown[], s: string): void {
  for (const ch of s) arrayPush(a, ch);
}
