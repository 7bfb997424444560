// Map and Set, kept in insertion order (ECMA-262 §24.1, §24.2) in parallel arrays. Keys compare
// with SameValueZero, which for the values of this language step is ===. Lookups are linear:
// device maps are small, and the order costs nothing this way.
//
// Iterators are live, as JavaScript's: one made before a set sees the new entry, and one
// under way when an entry is deleted neither skips nor repeats one. A deletion closes up the
// arrays, so an iterator's position must move back when an entry before it goes: once a
// collection has been iterated, each delete (and clear) appends a Removal to a chain the
// collection and its iterators share, and an iterator walks the chain from where it last
// looked before each step (as V8 moves its iterators to a rehashed table). A collection never
// iterated records nothing; the links behind every iterator become garbage.

import { DOUBLES, isObject, objectKind, panic } from "mote/intrinsics";
import { KIND_ARRAY } from "./layout.ts";
import { PANIC_UNSUPPORTED } from "./panic-codes.ts";
import { arrayNew, arrayPush } from "./arrays.ts";
import { isNumber, isString, sameValueZero } from "./strings.ts";

type MapCallback = (value: unknown, key: unknown, map: Map) => unknown;
type SetCallback = (value: unknown, key: unknown, set: Set) => unknown;

function find(keys: unknown[], key: unknown): number {
  for (let i = 0; i < keys.length; i++) if (sameValueZero(keys[i], key)) return i;
  return -1;
}

/** Removes element i, keeping the order of the rest. */
function removeAt(values: unknown[], i: number): void {
  for (let j = i + 1; j < values.length; j++) values[j - 1] = values[j];
  values.pop();
}

/** A key as Map and Set keep it: -0 becomes +0 (ECMA-262 §24.1.3.9 step 4, §24.2.3.1). */
function normalizedKey(key: unknown): unknown {
  return DOUBLES && isNumber(key) && (key as number) === 0 ? 0 : key;
}

/** What for…of would visit in a constructor's argument: an array's elements, a string's
 *  code points (new Set("hello")); other iterables are not taken here. */
function iterated(source: unknown): unknown[] {
  if (isString(source)) {
    const points = arrayNew(0);
    for (const point of source as string) arrayPush(points, point);
    return points;
  }
  if (isObject(source) && objectKind(source) === KIND_ARRAY) return source as unknown[];
  return panic(PANIC_UNSUPPORTED);
}

/** What an iterator's position becomes after a removal: one less when the entry removed was
 *  before it; 0 after a clear (CLEARED). */
const CLEARED = -1;

export class Removal {
  next: Removal | undefined = undefined;
  index = 0;
}

/** Records the removal of entry `index` (CLEARED: all) where iterators can see it. */
function recordRemoval(current: Removal | undefined, index: number): Removal | undefined {
  if (current === undefined) return undefined;
  current.index = index;
  current.next = new Removal();
  return current.next;
}

const KEYS = 0;
const VALUES = 1;
const ENTRIES = 2;

/** A Map's or Set's keys(), values() or entries(), and what for…of over one steps. */
export class CollectionIterator {
  position = 0;
  /** How console.log opens it: "[Map Iterator] {", "[Set Entries] {", … */
  constructor(public owner: Map | Set | undefined, public removal: Removal, public kind: number, public tag: string) {}
  /** What console.log shows of it (inspect.ts, reached by this name): its tag, then the
   *  entries it has left, without stepping it. */
  inspection(): unknown[] {
    const position = this.position, owner = this.owner, removal = this.removal;
    const parts = arrayNew(0);
    arrayPush(parts, this.tag);
    for (let value = collectionStep(this); value !== this; value = collectionStep(this)) arrayPush(parts, value);
    this.position = position;
    this.owner = owner;
    this.removal = removal;
    return parts;
  }
  next(): unknown {
    const value = collectionStep(this);
    return value === this ? { value: undefined, done: true } : { value, done: false };
  }
  [Symbol.iterator](): CollectionIterator {
    return this;
  }
}

/** A new iterator of `owner`; from now on its deletions are recorded for iterators. */
function iteratorOf(owner: Map | Set, kind: number): CollectionIterator {
  if (owner.removal === undefined) owner.removal = new Removal();
  const map = owner instanceof Map;
  const tag = kind === ENTRIES ? (map ? "[Map Entries] {" : "[Set Entries] {") : map ? "[Map Iterator] {" : "[Set Iterator] {";
  return new CollectionIterator(owner, owner.removal, kind, tag);
}

/** A Map's or Set's iterator stepped (for…of over one, lower/collection-loops.ts): the next
 *  value, or the iterator itself once done. */
export function collectionStep(it: CollectionIterator): unknown {
  const owner = it.owner;
  if (owner === undefined) return it;
  for (let r = it.removal; r.next !== undefined; r = r.next) {
    if (r.index === CLEARED) it.position = 0;
    else if (r.index < it.position) it.position--;
    it.removal = r.next;
  }
  const keys = owner instanceof Map ? owner.keyList : owner.items;
  if (it.position >= keys.length) {
    // Done for good: entries added later are not seen (ECMA-262 §24.1.5.1, CreateMapIterator).
    it.owner = undefined;
    return it;
  }
  const i = it.position++;
  const value = owner instanceof Map ? owner.valueList[i] : keys[i];
  return it.kind === KEYS ? keys[i] : it.kind === VALUES ? value : [keys[i], value];
}

/** What is left of a Map's or Set's iterator, in a new array (spread, Array.from, new Set(…)). */
export function collectionRest(it: CollectionIterator): unknown[] {
  const values = arrayNew(0);
  for (let value = collectionStep(it); value !== it; value = collectionStep(it)) arrayPush(values, value);
  return values;
}

export class Map {
  /** The end of the chain of removals iterators follow; undefined until one is made. First
   *  in Map and Set alike, so code for either (iteratorOf) reads it in place. */
  removal: Removal | undefined = undefined;
  keyList: unknown[];
  valueList: unknown[];
  constructor(entries?: unknown[][]) {
    this.keyList = [];
    this.valueList = [];
    if (entries === undefined || entries === null) return;
    // new Map(otherMap) copies its entries; otherwise an array of [key, value] pairs.
    if (entries instanceof Map) {
      for (let i = 0; i < entries.keyList.length; i++) this.set(entries.keyList[i], entries.valueList[i]);
      return;
    }
    for (const entry of iterated(entries)) this.set((entry as unknown[])[0], (entry as unknown[])[1]);
  }
  get size(): number {
    return this.keyList.length;
  }
  get(key: unknown): unknown {
    const i = find(this.keyList, key);
    return i < 0 ? undefined : this.valueList[i];
  }
  set(key: unknown, value: unknown): Map {
    const i = find(this.keyList, key);
    if (i >= 0) {
      this.valueList[i] = value;
    } else {
      arrayPush(this.keyList, normalizedKey(key));
      arrayPush(this.valueList, value);
    }
    return this;
  }
  has(key: unknown): boolean {
    return find(this.keyList, key) >= 0;
  }
  delete(key: unknown): boolean {
    const i = find(this.keyList, key);
    if (i < 0) return false;
    removeAt(this.keyList, i);
    removeAt(this.valueList, i);
    this.removal = recordRemoval(this.removal, i);
    return true;
  }
  clear(): void {
    this.keyList = [];
    this.valueList = [];
    this.removal = recordRemoval(this.removal, CLEARED);
  }
  forEach(callback: MapCallback): void {
    // Live, as for…of: entries the callback adds are visited, deleted ones are not.
    const keys = iteratorOf(this, KEYS);
    for (let key = collectionStep(keys); key !== keys; key = collectionStep(keys)) callback(this.valueList[keys.position - 1], key, this);
  }
  keys(): CollectionIterator {
    return iteratorOf(this, KEYS);
  }
  values(): CollectionIterator {
    return iteratorOf(this, VALUES);
  }
  entries(): CollectionIterator {
    return iteratorOf(this, ENTRIES);
  }
  [Symbol.iterator](): CollectionIterator {
    return iteratorOf(this, ENTRIES);
  }
}

export class Set {
  removal: Removal | undefined = undefined;
  items: unknown[];
  constructor(values?: unknown[]) {
    this.items = [];
    if (values === undefined || values === null) return;
    if (values instanceof Set) {
      for (const v of values.items) this.add(v);
      return;
    }
    if (values instanceof Map) {
      for (let i = 0; i < values.keyList.length; i++) this.add([values.keyList[i], values.valueList[i]]);
      return;
    }
    for (const v of iterated(values)) this.add(v);
  }
  get size(): number {
    return this.items.length;
  }
  add(value: unknown): Set {
    if (find(this.items, value) < 0) arrayPush(this.items, normalizedKey(value));
    return this;
  }
  has(value: unknown): boolean {
    return find(this.items, value) >= 0;
  }
  delete(value: unknown): boolean {
    const i = find(this.items, value);
    if (i < 0) return false;
    removeAt(this.items, i);
    this.removal = recordRemoval(this.removal, i);
    return true;
  }
  clear(): void {
    this.items = [];
    this.removal = recordRemoval(this.removal, CLEARED);
  }
  forEach(callback: SetCallback): void {
    const values = iteratorOf(this, VALUES);
    for (let value = collectionStep(values); value !== values; value = collectionStep(values)) callback(value, value, this);
  }
  keys(): CollectionIterator {
    return iteratorOf(this, VALUES);
  }
  values(): CollectionIterator {
    return iteratorOf(this, VALUES);
  }
  entries(): CollectionIterator {
    return iteratorOf(this, ENTRIES);
  }
  [Symbol.iterator](): CollectionIterator {
    return iteratorOf(this, VALUES);
  }
}
