// Checked casts (sdk/compiler/lower/checked-casts.ts): a value whose static type comes from a
// cast (`as` from unknown or any, a downcast), a non-null assertion or an index signature is
// tested where the lowering would otherwise assume its representation. These are the tests
// and what happens when one fails: what JavaScript does where the lowering can say it (a
// property read of another kind of value, Node's TypeError), else a TypeError that names the
// cast.

import { addressOf, isObject, objectKind, peek32 } from "mote/intrinsics";
import { ARRAY_LENGTH, KIND_ARRAY, KIND_CLOSURE, KIND_OBJECT, KIND_PLAIN, KIND_TYPED_ARRAY, STRING_LENGTH, TYPED_LENGTH } from "./layout.ts";
import { concat, isNumber, isString } from "./strings.ts";
import { TypeError } from "./errors.ts";
import { instanceOf } from "./functions.ts";
import { objGet, objMethodCode } from "./objects.ts";

// What a cast promises, as the compiler passes it (checked-casts.ts, CAST_CODES).
const CAST_NUMBER = 1;
const CAST_STRING = 2;
const CAST_BOOLEAN = 3;
const CAST_ARRAY = 4;
const CAST_TYPED = 5;
const CAST_INSTANCE = 6;
const CAST_FUNCTION = 7;

// Bits of the compiler's mask of the kinds of values that have a method of some name
// (checked-casts.ts, methodOwners).
const HAS_NUMBER = 1;
const HAS_STRING = 2;
const HAS_BOOLEAN = 4;
const HAS_ARRAY = 8;
const HAS_TYPED = 16;
const HAS_FUNCTION = 32;
/** Not an owner: the call is optional (`x.m?.()`), so a method the value lacks gives undefined. */
const OPTIONAL_CALL = 64;

/** Does the value have the representation of `kind` (an instance of `descriptor`'s class)? */
export function castMatches(value: unknown, kind: number, descriptor: number): boolean {
  if (kind === CAST_NUMBER) return isNumber(value);
  if (kind === CAST_STRING) return isString(value);
  if (kind === CAST_BOOLEAN) return value === true || value === false;
  if (!isObject(value)) return false;
  if (kind === CAST_ARRAY) return objectKind(value) === KIND_ARRAY;
  if (kind === CAST_TYPED) return objectKind(value) === KIND_TYPED_ARRAY;
  if (kind === CAST_INSTANCE) return instanceOf(value, descriptor);
  if (kind === CAST_FUNCTION) return objectKind(value) === KIND_CLOSURE;
  return false;
}

/** "a number", "an array", "undefined": what the value is, for an error message. */
function described(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (isNumber(value)) return "a number";
  if (isString(value)) return "a string";
  if (value === true || value === false) return "a boolean";
  const kind = objectKind(value);
  if (kind === KIND_ARRAY) return "an array";
  if (kind === KIND_TYPED_ARRAY) return "a typed array";
  if (kind === KIND_CLOSURE) return "a function";
  return "an object";
}

/** A cast's value is stored or passed on without the representation its type says: the
 *  program stops here rather than carry it (the device has one representation per type). */
export function castFailed(value: unknown, cast: string, expected: string): unknown {
  throw new TypeError(concat(concat(concat(concat(concat(cast, ": the value is "), described(value)), ", not "), expected),
    " (mote checks a cast where its value is stored or passed)"));
}

function cannotRead(value: unknown, key: string): TypeError {
  return new TypeError(concat(concat(concat("Cannot read properties of ", value === null ? "null" : "undefined"), concat(" (reading '", key)), "')"));
}

/** value.key, for a value of another kind than its static type says: JavaScript's property
 *  read as far as the device has the property (lengths, fields, plain objects' keys). */
export function castGet(value: unknown, key: string): unknown {
  if (value === undefined || value === null) throw cannotRead(value, key);
  if (!isObject(value)) return undefined;
  const kind = objectKind(value);
  if (kind === KIND_OBJECT || kind === KIND_PLAIN) return objGet(value, key);
  const length = key === "length";
  if (length && kind === KIND_ARRAY) return peek32(addressOf(value) + ARRAY_LENGTH);
  if (length && kind === KIND_TYPED_ARRAY) return peek32(addressOf(value) + TYPED_LENGTH);
  if (length && isString(value)) return peek32(addressOf(value) + STRING_LENGTH);
  return undefined;
}

/** callee(…) where the receiver is of another kind than its static type says: Node's
 *  TypeError when the value has no such method (undefined for `callee?.()`); when it has one of its own (a number's
 *  toString, an array's slice), a TypeError saying the device does not call it. */
export function castCallFailed(value: unknown, key: string, callee: string, owners: number): unknown {
  if (value === undefined || value === null) throw cannotRead(value, key);
  let has = false;
  if (isNumber(value)) has = (owners & HAS_NUMBER) !== 0;
  else if (isString(value)) has = (owners & HAS_STRING) !== 0;
  else if (value === true || value === false) has = (owners & HAS_BOOLEAN) !== 0;
  else {
    const kind = objectKind(value);
    if (kind === KIND_ARRAY) has = (owners & HAS_ARRAY) !== 0;
    else if (kind === KIND_TYPED_ARRAY) has = (owners & HAS_TYPED) !== 0;
    else if (kind === KIND_CLOSURE) has = (owners & HAS_FUNCTION) !== 0;
    else has = objMethodCode(value, key) !== undefined || objGet(value, key) !== undefined;
  }
  if (has) {
    throw new TypeError(concat(concat(concat(concat(callee, "(): the value is "), described(value)),
      ", not what its type says"), " (mote calls a method of the type the program casts to)"));
  }
  if ((owners & OPTIONAL_CALL) !== 0) return undefined;
  throw new TypeError(concat(callee, " is not a function"));
}
