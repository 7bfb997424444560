// Strings: immutable, UTF-16 semantics, stored with one byte per code unit when every unit
// fits (Latin-1) and two otherwise. Literals live in flash; results of operations on the heap.

import { numberToString } from "./numconv.ts";
import { objectToString } from "./objects.ts";
import { DOUBLES, addressOf, panic, isObject, isSmallInt, objectAt, objectKind, peek16, peek32, peek8, peekValue, poke16, poke32, poke8, symbolAddress } from "mote/intrinsics";
import { PANIC_UNREACHABLE } from "./panic-codes.ts";
import { alloc } from "./heap.ts";
import { copyBytes } from "./port.ts";
import {
  ARRAY_ELEMENTS, ARRAY_HOLE, ARRAY_LENGTH, DESCRIPTOR_STRING16, DESCRIPTOR_STRING8, KIND_ARRAY, KIND_CLOSURE, KIND_NUMBER, KIND_STRING16, KIND_STRING8,
  STRING_DATA, STRING_LENGTH,
} from "./layout.ts";

export function isWideString(s: string): boolean {
  return objectKind(s) === KIND_STRING16;
}

export function isString(value: unknown): boolean {
  if (!isObject(value)) return false;
  const kind = objectKind(value);
  return kind === KIND_STRING8 || kind === KIND_STRING16;
}

export function unitAt(s: string, i: number): number {
  const data = addressOf(s) + STRING_DATA;
  return isWideString(s) ? peek16(data + 2 * i) : peek8(data + i);
}

/** A fresh string of `length` code units, contents not yet written. Returns its address. */
export function newString(length: number, wide: boolean): number {
  const address = alloc(STRING_DATA + (wide ? 2 * length : length));
  poke32(address, wide ? symbolAddress(DESCRIPTOR_STRING16) : symbolAddress(DESCRIPTOR_STRING8));
  poke32(address + STRING_LENGTH, length);
  return address;
}

function copyUnits(from: string, to: number, at: number, wide: boolean): void {
  const length = from.length;
  const data = to + STRING_DATA;
  if (wide && isWideString(from)) {
    copyBytes(data + 2 * at, addressOf(from) + STRING_DATA, 2 * length);
  } else if (wide) {
    for (let i = 0; i < length; i++) poke16(data + 2 * (at + i), unitAt(from, i));
  } else {
    copyBytes(data + at, addressOf(from) + STRING_DATA, length);
  }
}

export function concat(a: string, b: string): string {
  const la = a.length;
  const lb = b.length;
  if (la === 0) return b;
  if (lb === 0) return a;
  const wide = isWideString(a) || isWideString(b);
  const result = newString(la + lb, wide);
  copyUnits(a, result, 0, wide);
  copyUnits(b, result, la, wide);
  return objectAt<string>(result);
}

export function stringEquals(a: string, b: string): boolean {
  if (addressOf(a) === addressOf(b)) return true;
  const length = a.length;
  if (length !== b.length) return false;
  for (let i = 0; i < length; i++) {
    if (unitAt(a, i) !== unitAt(b, i)) return false;
  }
  return true;
}

/** `===` when the static types do not settle it: strings by content, the rest by identity. */
/** The order of two strings (<, > on strings): by UTF-16 code units, a prefix first. */
export function strCompare(a: string, b: string): number {
  const length = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < length; i++) {
    const x = unitAt(a, i), y = unitAt(b, i);
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function strictEquals(a: unknown, b: unknown): boolean {
  if (DOUBLES) {
    // Numbers by value: a boxed -0 equals 0, NaN equals nothing.
    if (isNumber(a) && isNumber(b)) return (a as number) === (b as number);
  }
  if (isSmallInt(a) || isSmallInt(b) || !isObject(a) || !isObject(b)) return peekWordEqual(a, b);
  if (isString(a) && isString(b)) return stringEquals(a as string, b as string);
  return addressOf(a) === addressOf(b);
}

/** SameValueZero (Map and Set keys, Array.prototype.includes): `===`, except that NaN is
 *  equal to NaN. */
export function sameValueZero(a: unknown, b: unknown): boolean {
  if (strictEquals(a, b)) return true;
  if (DOUBLES) {
    if (isNumber(a) && isNumber(b)) return (a as number) !== (a as number) && (b as number) !== (b as number);
  }
  return false;
}

export function isNumber(value: unknown): boolean {
  return isSmallInt(value) || (isObject(value) && objectKind(value) === KIND_NUMBER);
}

/** Array.isArray(value). */
export function isArray(value: unknown): boolean {
  return isObject(value) && objectKind(value) === KIND_ARRAY;
}

/** `typeof value`, for the values devices have. */
export function typeOf(value: unknown): string {
  if (isNumber(value)) return "number";
  if (isString(value)) return "string";
  if (value === undefined) return "undefined";
  if (value === true || value === false) return "boolean";
  if (isObject(value) && objectKind(value) === KIND_CLOSURE) return "function";
  return "object";
}

function peekWordEqual(a: unknown, b: unknown): boolean {
  // Non-objects are equal exactly when their words are (small ints and the constants).
  return isSmallInt(a) && isSmallInt(b) ? (a as number) === (b as number) : sameConstant(a, b);
}

function sameConstant(a: unknown, b: unknown): boolean {
  if (isObject(a) || isObject(b)) return false;
  if (isSmallInt(a) || isSmallInt(b)) return false;
  return constantCode(a) === constantCode(b);
}

function constantCode(v: unknown): number {
  if (v === undefined) return 0;
  if (v === null) return 1;
  if (v === false) return 2;
  return 3;
}

/** Decimal digits of a small integer, as String(n) gives them. */
export function intToString(n: number): string {
  if (n === 0) return "0";
  let digits = 0;
  for (let m = n; m !== 0; m = (m / 10) | 0) digits++;
  const negative = n < 0;
  const length = digits + (negative ? 1 : 0);
  const result = newString(length, false);
  const data = result + STRING_DATA;
  if (negative) poke8(data, 0x2d);
  // Works on the negative side for negative n, so that -2^30 needs no negation.
  let m = n;
  for (let i = length - 1; m !== 0; i--) {
    const quotient = (m / 10) | 0;
    const digit = m - quotient * 10;
    poke8(data + i, negative ? 0x30 - digit : 0x30 + digit);
    m = quotient;
  }
  return objectAt<string>(result);
}

/** String(value) of a number, boolean, null or undefined (what console.log prints with
 *  printValue: it links no conversion of objects). */
export function primitiveToString(value: unknown): string {
  if (isSmallInt(value)) return intToString(value as number);
  if (isObject(value) && objectKind(value) === KIND_NUMBER) {
    if (DOUBLES) return numberToString(value as number);
    return intToString(value as number);
  }
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  return value as string;
}

/** String(n) where the type says n is a number: no conversion of objects. The compiler turns
 *  the calls whose n the range analysis proves a small integer into intToString
 *  (sdk/compiler/passes/number-text.ts), so a program whose numbers converted to text are all
 *  small integers links no double printer. */
export function numberText(n: number): string {
  if (isSmallInt(n)) return intToString(n);
  if (DOUBLES) return numberToString(n);
  return intToString(n);
}

/** String(n) of a value the range analysis proved a small integer if it is a number (a typed
 *  array read past the end is undefined): numberText's calls become this where it proves that
 *  (sdk/compiler/passes/number-text.ts). */
export function smallIntText(n: number): string {
  return isSmallInt(n) ? intToString(n) : primitiveText(n);
}

/** String(value) where the type says value is a string, boolean, null or undefined: links no
 *  conversion of numbers or objects (any other value would be a type the compiler was told
 *  wrongly, and stops the program). */
export function primitiveText(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (!isString(value)) panic(PANIC_UNREACHABLE);
  return value as string;
}

/** String(value) for the values of this language step. */
export function toString(value: unknown): string {
  if (isObject(value) && !isString(value) && objectKind(value) !== KIND_NUMBER) {
    return objectKind(value) === KIND_ARRAY ? arrayToString(value) : objectToString(value);
  }
  return primitiveToString(value);
}

/** A number as console.log shows it: String(x), except that -0 is "-0". */
export function inspectNumber(value: unknown): string {
  if (DOUBLES) {
    // Only -0 is a boxed number equal to 0.
    if (!isSmallInt(value) && (value as number) === 0) return "-0";
  }
  return toString(value);
}

/** Array.prototype.toString: the elements joined with ",", undefined and null as "". */
function arrayToString(array: unknown): string {
  const address = addressOf(array);
  const length = peek32(address + ARRAY_LENGTH);
  const elements = peek32(address + ARRAY_ELEMENTS);
  let result = "";
  for (let i = 0; i < length; i++) {
    if (i > 0) result = concat(result, ",");
    const element = peek32(elements + 4 * i) === ARRAY_HOLE ? undefined : peekValue(elements + 4 * i);
    if (element !== undefined && element !== null) result = concat(result, toString(element));
  }
  return result;
}
