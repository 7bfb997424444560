// console.log's formatting of primitive values, as Node prints them at top level, written as
// UTF-8 to the board's console.

import { DOUBLES, addressOf, isObject, isSmallInt, peek16, peek8 } from "mote/intrinsics";
import { consoleWrite } from "mote/console";
import { inspectNumber, isNumber, isString, isWideString, primitiveText, primitiveToString, smallIntText } from "./strings.ts";
import { STRING_DATA } from "./layout.ts";

export function printByte(byte: number): void {
  consoleWrite(byte);
}

/** console.log's printing of a value the compiler proved a small integer if it is a number
 *  (sdk/compiler/passes/number-text.ts): links no conversion of other numbers. */
export function printSmallInt(n: number): void {
  printAscii(smallIntText(n));
}

export function printValue(value: unknown): void {
  if (DOUBLES) {
    if (isNumber(value)) {
      printString(inspectNumber(value));
      return;
    }
  }
  printString(isString(value) ? (value as string) : primitiveToString(value));
}

/** Writes a string as UTF-8; an unpaired surrogate becomes U+FFFD, as Node writes it. */
export function printString(s: string): void {
  // A string by its type, but not always in fact: JSON.stringify(undefined) is undefined.
  if (!isString(s)) printString(primitiveText(s));
  else if (isWideString(s)) printWide(s);
  else printLatin1(s);
}

/** A string of ASCII characters only: each code unit is its UTF-8 byte. */
export function printAscii(s: string): void {
  const data = addressOf(s) + STRING_DATA;
  for (let i = 0; i < s.length; i++) consoleWrite(peek8(data + i));
}

/** A string stored one byte per code unit (every unit below 0x100). */
export function printLatin1(s: string): void {
  const data = addressOf(s) + STRING_DATA;
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const unit = peek8(data + i);
    if (unit < 0x80) {
      consoleWrite(unit);
    } else {
      consoleWrite(0xc0 | (unit >> 6));
      consoleWrite(0x80 | (unit & 0x3f));
    }
  }
}

function printWide(s: string): void {
  const data = addressOf(s) + STRING_DATA;
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const unit = peek16(data + 2 * i);
    if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < length) {
      const low = peek16(data + 2 * (i + 1));
      if (low >= 0xdc00 && low < 0xe000) {
        writeCodePoint(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    writeCodePoint(unit >= 0xd800 && unit < 0xe000 ? 0xfffd : unit);
  }
}

function writeCodePoint(c: number): void {
  if (c < 0x80) {
    consoleWrite(c);
  } else if (c < 0x800) {
    consoleWrite(0xc0 | (c >> 6));
    consoleWrite(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    consoleWrite(0xe0 | (c >> 12));
    consoleWrite(0x80 | ((c >> 6) & 0x3f));
    consoleWrite(0x80 | (c & 0x3f));
  } else {
    consoleWrite(0xf0 | (c >> 18));
    consoleWrite(0x80 | ((c >> 12) & 0x3f));
    consoleWrite(0x80 | ((c >> 6) & 0x3f));
    consoleWrite(0x80 | (c & 0x3f));
  }
}

/** JavaScript truthiness of any value. */
export function truthy(value: unknown): boolean {
  if (isSmallInt(value)) return (value as number) !== 0;
  if (isString(value)) return (value as string).length !== 0;
  if (DOUBLES && isNumber(value)) {
    // A boxed number: falsy when it is -0 (which equals 0) or NaN (which equals nothing).
    const n = value as number;
    return n === n && n !== 0;
  }
  if (isObject(value)) return true;
  return value === true;
}
