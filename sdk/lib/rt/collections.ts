// Map and Set, kept in insertion order (ECMA-262 §24.1, §24.2) in parallel arrays. Keys compare
// with SameValueZero, which for the values of this language step is ===. Lookups are linear:
// device maps are small, and the order costs nothing this way.

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

export class Map {
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
    return true;
  }
  clear(): void {
    this.keyList = [];
    this.valueList = [];
  }
  forEach(callback: MapCallback): void {
    for (let i = 0; i < this.keyList.length; i++) callback(this.valueList[i], this.keyList[i], this);
  }
  keys(): unknown[] {
    return this.keyList.slice();
  }
  values(): unknown[] {
    return this.valueList.slice();
  }
  entries(): unknown[][] {
    const result = arrayNew(0) as unknown[][];
    for (let i = 0; i < this.keyList.length; i++) arrayPush(result, [this.keyList[i], this.valueList[i]]);
    return result;
  }
}

export class Set {
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
    return true;
  }
  clear(): void {
    this.items = [];
  }
  forEach(callback: SetCallback): void {
    for (let i = 0; i < this.items.length; i++) callback(this.items[i], this.items[i], this);
  }
  keys(): unknown[] {
    return this.items.slice();
  }
  values(): unknown[] {
    return this.items.slice();
  }
  entries(): unknown[][] {
    const result = arrayNew(0) as unknown[][];
    for (let i = 0; i < this.items.length; i++) arrayPush(result, [this.items[i], this.items[i]]);
    return result;
  }
}
