// Plain objects: object literals and records (Record<string, T>, interfaces), with their
// properties in insertion order (string keys; ECMA-262 orders integer-like keys first, which
// is refused at compile time rather than reordered here). Class instances read through an
// interface type are found by field name in their class's descriptor.

import { DOUBLES, addressOf, callMethod, isObject, objectAt, objectKind, panic, peek32, peekValue, pokeValue, poke32, symbolAddress } from "mote/intrinsics";
import { allocTraced } from "./heap.ts";
import { arrayNew, arrayPush, arrayWithRoom } from "./arrays.ts";
import { concat, isNumber, isString, stringEquals, toString, unitAt } from "./strings.ts";
import { CLASS_FIELD_NAMES, CLASS_METHOD_NAMES, CLASS_METHODS, CLASS_PRINT, CLASS_PRINT_GENERATOR, CLASS_PRINT_MAP, CLASS_PRINT_SET, ACCESSOR_GETTER, ACCESSOR_SETTER, ACCESSOR_SIZE, DESCRIPTOR_ACCESSOR, DESCRIPTOR_PLAIN, DESCRIPTOR_PLAIN_ACCESSORS, DESCRIPTOR_PLAIN_FROZEN, KIND_ACCESSOR, KIND_ARRAY, KIND_CLOSURE, KIND_OBJECT, KIND_PLAIN, PLAIN_KEYS, PLAIN_SIZE, PLAIN_VALUES } from "./layout.ts";
import { PANIC_FIXED_FIELDS, PANIC_UNSUPPORTED } from "./panic-codes.ts";
import { withThis } from "./methods.ts";
import { Error, TypeError, errorToString } from "./errors.ts";
import { frozenPlainWrite } from "./frozen.ts";
import { accessorGet, accessorSet } from "./accessors.ts";

export function keysOf(o: unknown): string[] {
  return peekValue<string[]>(addressOf(o) + PLAIN_KEYS);
}

export function valuesOf(o: unknown): unknown[] {
  return peekValue<unknown[]>(addressOf(o) + PLAIN_VALUES);
}

export function objNew(): unknown {
  return objNewSized(0);
}

/** A plain object with room for `count` properties before its arrays grow (0: the room of
 *  `[]`). */
export function objNewSized(count: number): unknown {
  const o = allocTraced(PLAIN_SIZE);
  poke32(o, symbolAddress(DESCRIPTOR_PLAIN));
  pokeValue(o + PLAIN_KEYS, arrayWithRoom(count));
  pokeValue(o + PLAIN_VALUES, arrayWithRoom(count));
  return objectAt<unknown>(o);
}

function indexOfKey(keys: string[], key: string): number {
  for (let i = 0; i < keys.length; i++) if (stringEquals(keys[i], key)) return i;
  return -1;
}

/** The field index of a class instance's property, or -1 (a #private field is no property). */
function fieldIndex(o: unknown, key: string): number {
  if (isPrivateName(key)) return -1;
  const names = peekValue<string[]>(peek32(addressOf(o)) + CLASS_FIELD_NAMES);
  return indexOfKey(names, key);
}

/** A #private field's name in a class descriptor ("#count@Counter", lower/classes.ts): no
 *  property, so never printed, listed or written as JSON. */
export function isPrivateName(name: string): boolean {
  return name.length > 0 && unitAt(name, 0) === 0x23;
}

/** Is `name` the method-table name `prefix` + `key` ("get x", "set x" or just "x")? */
function isMethodName(name: string, prefix: string, key: string): boolean {
  if (name.length !== prefix.length + key.length) return false;
  for (let i = 0; i < prefix.length; i++) if (unitAt(name, i) !== unitAt(prefix, i)) return false;
  for (let i = 0; i < key.length; i++) if (unitAt(name, prefix.length + i) !== unitAt(key, i)) return false;
  return true;
}

/** The code of a class instance's method `prefix` + `key` (its address, bit 0 set: a word
 *  the collector takes for a small integer), or undefined. */
function methodCode(o: unknown, prefix: string, key: string): unknown {
  const descriptor = peek32(addressOf(o));
  const names = peekValue<string[]>(descriptor + CLASS_METHOD_NAMES);
  // A method name written in the program is one string in flash, shared by the call and the
  // method tables: found by its address first, by its text only if that fails.
  let found = -1;
  if (prefix.length === 0) {
    const wanted = addressOf(key);
    for (let slot = 0; slot < names.length && found < 0; slot++) if (addressOf(names[slot]) === wanted) found = slot;
  }
  for (let slot = 0; slot < names.length && found < 0; slot++) if (isMethodName(names[slot], prefix, key)) found = slot;
  if (found < 0) return undefined;
  return peek32(descriptor + CLASS_METHODS + 4 * found) === 0 ? undefined : peekValue<unknown>(descriptor + CLASS_METHODS + 4 * found);
}

/** String(o) of an object that is not a string, number or array: its class's toString()
 *  if it has one, an error's "Name: message", else "[object Object]" ("[object Map]", …). */
export function objectToString(o: unknown): string {
  const kind = objectKind(o);
  if (kind === KIND_PLAIN) return "[object Object]";
  if (kind !== KIND_OBJECT) return panic(PANIC_UNSUPPORTED);
  const code = methodCode(o, "", "toString");
  if (code !== undefined) return toString(callMethod(code, o));
  if (o instanceof Error) return errorToString(o);
  const print = peek32(peek32(addressOf(o)) + CLASS_PRINT);
  if (print === CLASS_PRINT_GENERATOR) return "[object Generator]";
  return print === CLASS_PRINT_MAP ? "[object Map]" : print === CLASS_PRINT_SET ? "[object Set]" : "[object Object]";
}

/**
 * The code of method `key` of a class instance reached through an interface type, or
 * undefined when `o` is not a class instance or its class has no such method (a
 * function-valued field, or a plain object's property, is then called as a closure).
 */
export function objMethodCode(o: unknown, key: string): unknown {
  if (!isObject(o) || objectKind(o) !== KIND_OBJECT) return undefined;
  return methodCode(o, "", key);
}

/** o[key] for a plain object or a class instance; TypeError for undefined and null, as in
 *  JavaScript ("Cannot read properties of undefined"). */
export function objGet(o: unknown, key: string): unknown {
  if (!isObject(o)) {
    if (o === undefined || o === null) throw new TypeError(concat(concat("Cannot read properties of ", o === null ? "null" : "undefined"), concat(concat(" (reading '", key), "')")));
    return undefined;
  }
  const kind = objectKind(o);
  if (kind === KIND_PLAIN) {
    const i = indexOfKey(keysOf(o), key);
    if (i < 0) return undefined;
    const stored = valuesOf(o)[i];
    // Only an object with an accessor, or a frozen one, has another descriptor.
    if (peek32(addressOf(o)) === symbolAddress(DESCRIPTOR_PLAIN)) return stored;
    return isAccessor(stored) ? accessorGet(stored, o) : stored;
  }
  if (kind === KIND_OBJECT) {
    const i = fieldIndex(o, key);
    if (i >= 0) return peekValue(addressOf(o) + 4 + 4 * i);
    const getter = methodCode(o, "get ", key);
    if (getter !== undefined) return callMethod(getter, o);
    // A method read as a value (not called) would need a function object bound to nothing.
    if (methodCode(o, "", key) !== undefined || methodCode(o, "set ", key) !== undefined) panic(PANIC_FIXED_FIELDS);
  }
  return undefined;
}

// ------------------------------------------------------------------ accessors

export function isAccessor(value: unknown): boolean {
  return isObject(value) && objectKind(value) === KIND_ACCESSOR;
}

/** A plain object's stored value as a read sees it: a getter's result for an accessor. */
function propertyValue(o: unknown, stored: unknown): unknown {
  return isAccessor(stored) ? accessorGet(stored, o) : stored;
}

/** `get key() {…}` or `set key(v) {…}` in an object literal (the other one undefined): a later
 *  one of the same name joins the pair, as in JavaScript. */
export function objDefineAccessor(o: unknown, key: string, getter: unknown, setter: unknown): void {
  const keys = keysOf(o);
  const i = indexOfKey(keys, key);
  let pair = i >= 0 ? valuesOf(o)[i] : undefined;
  if (!isAccessor(pair)) {
    const address = allocTraced(ACCESSOR_SIZE);
    poke32(address, symbolAddress(DESCRIPTOR_ACCESSOR));
    pokeValue(address + ACCESSOR_GETTER, undefined);
    pokeValue(address + ACCESSOR_SETTER, undefined);
    pair = objectAt<unknown>(address);
    if (i >= 0) valuesOf(o)[i] = pair;
    else {
      arrayPush(keys, key);
      arrayPush(valuesOf(o), pair);
    }
  }
  // Reads and writes of an object with an accessor look at the values they find.
  if (peek32(addressOf(o)) === symbolAddress(DESCRIPTOR_PLAIN)) poke32(addressOf(o), symbolAddress(DESCRIPTOR_PLAIN_ACCESSORS));
  if (getter !== undefined) pokeValue(addressOf(pair) + ACCESSOR_GETTER, getter);
  if (setter !== undefined) pokeValue(addressOf(pair) + ACCESSOR_SETTER, setter);
}

/** How console.log shows an accessor: [Getter], [Setter] or [Getter/Setter]. */
export function accessorText(pair: unknown): string {
  const getter = peekValue<unknown>(addressOf(pair) + ACCESSOR_GETTER) !== undefined;
  const setter = peekValue<unknown>(addressOf(pair) + ACCESSOR_SETTER) !== undefined;
  return getter && setter ? "[Getter/Setter]" : getter ? "[Getter]" : "[Setter]";
}

export function objSet(o: unknown, key: string, value: unknown): void {
  if (!isObject(o)) {
    throw new TypeError(concat(concat("Cannot set properties of ", o === null ? "null" : "undefined"), concat(concat(" (setting '", key), "')")));
  }
  if (objectKind(o) === KIND_OBJECT) {
    const i = fieldIndex(o, key);
    if (i >= 0) {
      pokeValue(addressOf(o) + 4 + 4 * i, value);
      return;
    }
    const setter = methodCode(o, "set ", key);
    // Class instances have a fixed set of fields: adding one at run time is refused.
    if (setter === undefined) panic(PANIC_FIXED_FIELDS);
    callMethod(setter, o, value);
    return;
  }
  const keys = keysOf(o);
  const i = indexOfKey(keys, key);
  if (peek32(addressOf(o)) !== symbolAddress(DESCRIPTOR_PLAIN)) {
    // An accessor's setter runs even on a frozen object.
    if (i >= 0 && isAccessor(valuesOf(o)[i])) {
      accessorSet(valuesOf(o)[i], o, value, key);
      return;
    }
    if (peek32(addressOf(o)) === symbolAddress(DESCRIPTOR_PLAIN_FROZEN)) frozenPlainWrite(key, i >= 0);
  }
  if (i >= 0) {
    valuesOf(o)[i] = value;
    return;
  }
  arrayPush(keys, key);
  arrayPush(valuesOf(o), value);
}

/** {...source} inside an object literal: a plain object's properties, a class instance's
 *  fields; nothing from null, undefined, a Map or a Set (they have no own properties). */
export function objAssign(target: unknown, source: unknown): void {
  if (source === undefined || source === null) return;
  const keys = ownKeys(source);
  const values = ownValues(source);
  for (let i = 0; i < keys.length; i++) objSet(target, keys[i], values[i]);
}

/** Object.keys: a plain object's keys, a class instance's fields, an array's indices as
 *  strings (Map and Set have none). */
export function objKeys(o: unknown): string[] {
  if (isArrayObject(o)) {
    const length = (o as unknown[]).length;
    const keys = arrayNew(0) as string[];
    for (let i = 0; i < length; i++) arrayPush(keys, toString(i));
    return keys;
  }
  return withoutSymbolKey(o, ownKeys(o).slice()) as string[];
}

export function objValues(o: unknown): unknown[] {
  if (isArrayObject(o)) return (o as unknown[]).slice();
  return withoutSymbolKey(o, ownValues(o));
}

/** A plain object's [Symbol.iterator] method (lower/object-methods.ts) is keyed by that text;
 *  Object.keys, values, entries and for…in list string keys only: `list` (of o's keys or
 *  values, a copy) without its entry. */
function withoutSymbolKey(o: unknown, list: unknown[]): unknown[] {
  if (objectKind(o) !== KIND_PLAIN) return list;
  const keys = keysOf(o);
  for (let i = 0; i < keys.length; i++) {
    if (isIteratorKey(keys[i])) {
      list.splice(i, 1);
      break;
    }
  }
  return list;
}

/** Is `key` "[Symbol.iterator]"? Built from two parts: that string as a constant would keep
 *  every linked class's [Symbol.iterator] method (link/reachable.ts takes a constant method
 *  name for a lookup of it). */
export function isIteratorKey(key: string): boolean {
  return key.length === 17 && key === concat("[Symbol.", "iterator]");
}

export function objEntries(o: unknown): unknown[][] {
  const keys = objKeys(o);
  const values = objValues(o);
  const result = arrayNew(0) as unknown[][];
  for (let i = 0; i < keys.length; i++) arrayPush(result, [keys[i], values[i]]);
  return result;
}

/** Object.fromEntries(entries): a plain object from [key, value] pairs, later keys winning. */
export function objFromEntries(entries: unknown[][]): unknown {
  const o = objNew();
  for (let i = 0; i < entries.length; i++) objSet(o, toString(entries[i][0]), entries[i][1]);
  return o;
}

function isArrayObject(o: unknown): boolean {
  return isObject(o) && objectKind(o) === KIND_ARRAY;
}

/** The own property names of a plain object or class instance (the keys array of a plain
 *  object itself: not to be changed); none for Map and Set; stops on other values. */
function ownKeys(o: unknown): string[] {
  if (isObject(o) && !isString(o) && objectKind(o) === KIND_PLAIN) return keysOf(o);
  if (isObject(o) && objectKind(o) === KIND_OBJECT) {
    const print = peek32(peek32(addressOf(o)) + CLASS_PRINT);
    if (print === CLASS_PRINT_MAP || print === CLASS_PRINT_SET) return [];
    const names = peekValue<string[]>(peek32(addressOf(o)) + CLASS_FIELD_NAMES);
    const keys = arrayNew(0) as string[];
    for (let i = 0; i < names.length; i++) if (!isPrivateName(names[i])) arrayPush(keys, names[i]);
    return keys;
  }
  return panic(PANIC_UNSUPPORTED);
}

/** The values of ownKeys(o), in a new array. */
function ownValues(o: unknown): unknown[] {
  if (peek32(addressOf(o)) === symbolAddress(DESCRIPTOR_PLAIN)) return valuesOf(o).slice();
  if (objectKind(o) === KIND_PLAIN) {
    const own = valuesOf(o);
    const values = arrayNew(own.length);
    for (let i = 0; i < own.length; i++) values[i] = propertyValue(o, own[i]);
    return values;
  }
  const values = arrayNew(0);
  const print = peek32(peek32(addressOf(o)) + CLASS_PRINT);
  if (print === CLASS_PRINT_MAP || print === CLASS_PRINT_SET) return values;
  const names = peekValue<string[]>(peek32(addressOf(o)) + CLASS_FIELD_NAMES);
  for (let i = 0; i < names.length; i++) if (!isPrivateName(names[i])) arrayPush(values, peekValue(addressOf(o) + 4 + 4 * i));
  return values;
}

/** `const { a, b, ...rest } = o`: a new plain object with o's own properties, in order, but
 *  those the pattern names (`taken`). Undefined and null throw as destructuring does. */
export function objRest(o: unknown, taken: string[]): unknown {
  if (o === undefined || o === null) throw new TypeError(`Cannot destructure '${o}' as it is ${o === undefined ? "undefined" : "null"}.`);
  const rest = objNew();
  const keys = ownKeys(o);
  const values = ownValues(o);
  for (let i = 0; i < keys.length; i++) {
    let named = false;
    for (let j = 0; j < taken.length && !named; j++) named = stringEquals(keys[i], taken[j]);
    if (!named) objSet(rest, keys[i], values[i]);
  }
  return rest;
}

export function objHas(o: unknown, key: string): boolean {
  return indexOfKey(keysOf(o), key) >= 0;
}

// ------------------------------------------------------------------ JSON.stringify

/** JSON.stringify for plain data (§25.5.2): numbers, strings, booleans, null, arrays and plain
 *  objects; undefined in an object is left out, in an array it is null. Undefined for a value
 *  JSON cannot represent. `space` indents as the third argument does: a count of spaces (at
 *  most 10) or a string (its first 10 characters). */
export function jsonStringify(input: unknown, space: unknown): unknown {
  const value = jsonPrepared(input, "");
  if (value === undefined) return undefined;
  let gap = "";
  if (isNumber(space)) {
    const n = (space as number) > 10 ? 10 : (space as number);
    for (let i = 0; i < n; i++) gap = concat(gap, " ");
  } else if (isString(space)) {
    gap = (space as string).slice(0, 10);
  }
  return jsonValue(value, gap, "");
}

/** The separator before an entry of an array or object: "," then, with a gap, a new line
 *  and the indentation. */
function jsonSeparator(first: boolean, gap: string, inner: string): string {
  const comma = first ? "" : ",";
  return gap.length === 0 ? comma : concat(concat(comma, "\n"), inner);
}

function jsonClose(close: string, gap: string, indent: string): string {
  return gap.length === 0 ? close : concat(concat("\n", indent), close);
}

/** The value to write for `key`: what its toJSON(key) returns, if it has one — a class's
 *  method (a Date writes its ISO text) or a plain object's function property — else the value
 *  itself (§25.5.2.2 SerializeJSONProperty step 2). */
function jsonPrepared(value: unknown, key: string): unknown {
  if (!isObject(value)) return value;
  const kind = objectKind(value);
  if (kind === KIND_PLAIN) {
    const i = indexOfKey(keysOf(value), "toJSON");
    const toJSON = i < 0 ? undefined : valuesOf(value)[i];
    return isObject(toJSON) && objectKind(toJSON) === KIND_CLOSURE ? (withThis(toJSON, value) as (key: string) => unknown)(key) : value;
  }
  // A function is left out of an object, null in an array, as undefined is.
  if (kind === KIND_CLOSURE) return undefined;
  if (kind !== KIND_OBJECT) return value;
  const code = methodCode(value, "", "toJSON");
  return code === undefined ? value : callMethod(code, value, key);
}

function jsonValue(value: unknown, gap: string, indent: string): string {
  if (value === null) return "null";
  if (DOUBLES) {
    // NaN and ±Infinity are null in JSON.
    if (isNumber(value) && (value as number) - (value as number) !== 0) return "null";
  }
  if (value === true) return "true";
  if (value === false) return "false";
  if (isString(value)) return jsonQuote(value as string);
  if (!isObject(value)) return toString(value);
  const kind = objectKind(value);
  const inner = concat(indent, gap);
  const colon = gap.length === 0 ? ":" : ": ";
  if (kind === KIND_ARRAY) {
    const a = value as unknown[];
    if (a.length === 0) return "[]";
    let out = "[";
    for (let i = 0; i < a.length; i++) {
      const element = jsonPrepared(a[i], toString(i));
      out = concat(concat(out, jsonSeparator(i === 0, gap, inner)), element === undefined ? "null" : jsonValue(element, gap, inner));
    }
    return concat(out, jsonClose("]", gap, indent));
  }
  let names: string[] | undefined = undefined;
  let values: unknown[] = [];
  if (kind === KIND_PLAIN) {
    names = keysOf(value);
    values = ownValues(value);
  } else if (kind === KIND_OBJECT) {
    names = peekValue<string[]>(peek32(addressOf(value)) + CLASS_FIELD_NAMES);
    values = arrayNew(0);
    for (let i = 0; i < names.length; i++) arrayPush(values, peekValue(addressOf(value) + 4 + 4 * i));
  }
  if (names === undefined) return toString(value);
  let out = "{";
  let first = true;
  for (let i = 0; i < names.length; i++) {
    if (isPrivateName(names[i])) continue;
    const entry = jsonPrepared(values[i], names[i]);
    if (entry === undefined) continue;
    out = concat(concat(concat(concat(out, jsonSeparator(first, gap, inner)), jsonQuote(names[i])), colon), jsonValue(entry, gap, inner));
    first = false;
  }
  return first ? "{}" : concat(out, jsonClose("}", gap, indent));
}

const HEX = "0123456789abcdef";

/** The two-character escape of a backslash or a control character that has one (\\n, \\t,
 *  …), as both JSON and Node's inspect write it; "" for any other code unit. */
export function shortEscape(c: number): string {
  if (c === 0x5c) return "\\\\";
  if (c === 0x08) return "\\b";
  if (c === 0x09) return "\\t";
  if (c === 0x0a) return "\\n";
  if (c === 0x0c) return "\\f";
  if (c === 0x0d) return "\\r";
  return "";
}

/** \\u and four lower-case hex digits, as JSON and Node's inspect escape a code unit. */
export function unicodeEscape(c: number): string {
  return concat(concat(concat(concat("\\u", HEX.charAt((c >> 12) & 15)), HEX.charAt((c >> 8) & 15)), HEX.charAt((c >> 4) & 15)), HEX.charAt(c & 15));
}

/** A JSON string literal: quotes, backslash escapes and \\u escapes for control characters
 *  and lone surrogates (§25.5.2.3 QuoteJSONString). */
function jsonQuote(s: string): string {
  let out = "\"";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = unitAt(s, i);
    let escape = "";
    if (c === 0x22) escape = "\\\"";
    else if (shortEscape(c).length > 0) escape = shortEscape(c);
    else if (c < 0x20 || (c >= 0xd800 && c < 0xe000 && !pairedSurrogate(s, i))) {
      escape = unicodeEscape(c);
    }
    if (escape.length === 0) continue;
    out = concat(concat(out, s.substring(run, i)), escape);
    run = i + 1;
  }
  return concat(concat(out, s.substring(run, s.length)), "\"");
}

export function pairedSurrogate(s: string, i: number): boolean {
  const c = unitAt(s, i);
  if (c < 0xdc00) return i + 1 < s.length && unitAt(s, i + 1) >= 0xdc00 && unitAt(s, i + 1) < 0xe000;
  return i > 0 && unitAt(s, i - 1) >= 0xd800 && unitAt(s, i - 1) < 0xdc00;
}
