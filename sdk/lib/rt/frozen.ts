// Object.freeze and Object.isFrozen for plain objects and arrays. A frozen value has its own
// descriptor (layout.ts, DESCRIPTOR_PLAIN_FROZEN, DESCRIPTOR_ARRAY_FROZEN), so freezing needs no
// word of its own. Writes through the runtime (objSet) test it always; an array's writes that
// the compiler inlines (a[i] = v) and its methods test it only in programs that freeze arrays
// (sdk/compiler/lower/frozen.ts). Conformance programs run on Node as ES modules, in strict
// mode, where a write to a frozen value throws: these are Node's messages.

import { addressOf, isObject, objectKind, peek32, poke32, symbolAddress } from "mote/intrinsics";
import { DESCRIPTOR_ARRAY_FROZEN, DESCRIPTOR_PLAIN_FROZEN, KIND_ARRAY, KIND_NUMBER, KIND_PLAIN } from "./layout.ts";
import { concat, isString, smallIntText } from "./strings.ts";
import { TypeError } from "./errors.ts";
import { arrayPush } from "./arrays.ts";

// What arrayWriteCheck is asked about (lower/frozen.ts, FROZEN_ARRAY_WRITES).
const WRITE_FIRST = 0;
const WRITE_ADD = 1;
const WRITE_POP = 2;
const WRITE_LENGTH = 3;

export function objectFreeze(o: unknown): unknown {
  if (!isObject(o) || isString(o)) return o;
  const kind = objectKind(o);
  if (kind === KIND_PLAIN) poke32(addressOf(o), symbolAddress(DESCRIPTOR_PLAIN_FROZEN));
  else if (kind === KIND_ARRAY) poke32(addressOf(o), symbolAddress(DESCRIPTOR_ARRAY_FROZEN));
  else if (kind !== KIND_NUMBER) throw new TypeError("Object.freeze of a class instance, a function or a typed array is not supported on devices yet");
  return o;
}

export function objectIsFrozen(o: unknown): boolean {
  if (!isObject(o) || isString(o) || objectKind(o) === KIND_NUMBER) return true;
  const descriptor = peek32(addressOf(o));
  return descriptor === symbolAddress(DESCRIPTOR_PLAIN_FROZEN) || descriptor === symbolAddress(DESCRIPTOR_ARRAY_FROZEN);
}

export function isFrozenPlain(o: unknown): boolean {
  return peek32(addressOf(o)) === symbolAddress(DESCRIPTOR_PLAIN_FROZEN);
}

function readOnly(key: string, object: string): TypeError {
  return new TypeError(concat(concat(concat(concat("Cannot assign to read only property '", key), "' of object '"), object), "'"));
}

function notExtensible(key: string): TypeError {
  return new TypeError(concat(concat("Cannot add property ", key), ", object is not extensible"));
}

/** o.key = v on a frozen plain object. */
export function frozenPlainWrite(key: string, exists: boolean): void {
  throw exists ? readOnly(key, "#<Object>") : notExtensible(key);
}

/** A write of kind `write` (WRITE_*) to an array, or a[index] = v: a TypeError if it is frozen. */
export function arrayWriteCheck(a: unknown[], write: number, index: number): void {
  if (peek32(addressOf(a)) !== symbolAddress(DESCRIPTOR_ARRAY_FROZEN)) return;
  const length = a.length;
  if (write === WRITE_ADD || (write < 0 && index >= length)) throw notExtensible(smallIntText(write < 0 ? index : length));
  if (write === WRITE_POP && length > 0) throw new TypeError(concat(concat("Cannot delete property '", smallIntText(length - 1)), "' of [object Array]"));
  if (write === WRITE_LENGTH || write === WRITE_POP) throw readOnly("length", "[object Array]");
  if (write === WRITE_FIRST && length === 0) return;
  throw readOnly(smallIntText(write < 0 ? index : 0), "[object Array]");
}

/** push(v) in a program that freezes arrays. */
export function arrayPushChecked(a: unknown[], value: unknown): number {
  arrayWriteCheck(a, WRITE_ADD, 0);
  return arrayPush(a, value);
}
