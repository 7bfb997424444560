// JSON.parse (ECMA-262 §25.5.1): JSON text to plain objects, arrays, strings, numbers,
// booleans and null, then the reviver's walk. Malformed text throws the SyntaxError Node
// throws, with V8's message (src/json/json-parser.cc): the same wording, the same position
// (in UTF-16 code units), the same choice between "Unexpected end of JSON input", a message
// naming what was expected, and "Unexpected token 'c', "…" is not valid JSON" with up to ten
// characters of context on each side of the token.
//
// The parser keeps its open arrays and objects on a stack of its own rather than recursing,
// so a deeply nested document needs heap, not call stack (as V8's parser does). Linked only
// into programs that call JSON.parse, the reviver's walk only into those that pass a reviver;
// they have doubles (sdk/compiler/lower/doubles.ts), as the text may hold any number.

import { addressOf, isObject, objectAt, objectKind, peek16, peek8, poke16, poke8 } from "mote/intrinsics";
import { arrayNew, arrayPop, arrayPush, makeHole } from "./arrays.ts";
import { SyntaxError } from "./errors.ts";
import { KIND_ARRAY, KIND_CLOSURE, KIND_PLAIN, STRING_DATA } from "./layout.ts";
import { parseDecimalRange } from "./numconv.ts";
import { keysOf, objGet, objNew, objSet, valuesOf } from "./objects.ts";
import { substringOf } from "./string-methods.ts";
import { intToString, isWideString, newString, stringEquals, unitAt } from "./strings.ts";

const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const LOWER_U = 0x75;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;
/** What `current()` reads past the end. */
const END = -1;

/** V8 shows this many characters of the text on each side of an unexpected token, when the
 *  text is at least 2 × CONTEXT + 1 long (shorter texts are shown whole). */
const CONTEXT = 10;

// The text being parsed: its code units' address and width, its length, and the position.
let text = "";
let data = 0;
let wide = false;
let end = 0;
let at = 0;

/** The holder of the property the reviver is called for: its `this` (jsonReviverThis). */
let reviverHolder: unknown = undefined;

// The scanning loops below read the text through locals and shifts (a multiplication is a
// call on the M0, a module variable is checked for its tag at every use): they run once per
// character. (The rest of the time goes to allocating the objects, arrays and strings.)

function unit(i: number): number {
  return wide ? peek16(data + (i << 1)) : peek8(data + i);
}

function current(): number {
  return at < end ? unit(at) : END;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** JSON's white space: tab, line feed, carriage return and space, nothing else. */
function skipWhitespace(): void {
  const limit = end;
  const base = data;
  let i = at;
  if (wide) {
    while (i < limit) {
      const c = peek16(base + (i << 1));
      if (c !== SPACE && c !== NEWLINE && c !== RETURN && c !== TAB) break;
      i++;
    }
  } else {
    while (i < limit) {
      const c = peek8(base + i);
      if (c !== SPACE && c !== NEWLINE && c !== RETURN && c !== TAB) break;
      i++;
    }
  }
  at = i;
}

// ------------------------------------------------------------------------------- errors

/** A SyntaxError "<what> in JSON at position <at>". */
function errorAt(what: string): SyntaxError {
  return new SyntaxError(what + " in JSON at position " + intToString(at));
}

/** The error for the character at `at` where no value or punctuation could start with it
 *  (V8's ReportUnexpectedCharacter). */
function unexpected(): SyntaxError {
  if (at >= end) return new SyntaxError("Unexpected end of JSON input");
  const c = unit(at);
  if (c === QUOTE) return errorAt("Unexpected string");
  if (isDigit(c) || c === MINUS) return errorAt("Unexpected number");
  // Texts that are what String() makes of values JSON cannot hold are shown without a token.
  if (stringEquals(text, "[object Object]") || stringEquals(text, "undefined") || stringEquals(text, "Infinity") || stringEquals(text, "NaN")) {
    return new SyntaxError("\"" + text + "\" is not valid JSON");
  }
  const token = "Unexpected token '" + substringOf(text, at, at + 1) + "', ";
  if (end < 2 * CONTEXT + 1) return new SyntaxError(token + "\"" + text + "\" is not valid JSON");
  if (at < CONTEXT) return new SyntaxError(token + "\"" + substringOf(text, 0, at + CONTEXT) + "\"... is not valid JSON");
  if (at < end - CONTEXT) return new SyntaxError(token + "...\"" + substringOf(text, at - CONTEXT, at + CONTEXT) + "\"... is not valid JSON");
  return new SyntaxError(token + "...\"" + substringOf(text, at - CONTEXT, end) + "\" is not valid JSON");
}

// ------------------------------------------------------------------------------ scanning

/** true, false or null: the first letter is at `at` and matched already. */
function scanLiteral(word: string): void {
  at++;
  for (let i = 1; i < word.length; i++) {
    if (at >= end) throw new SyntaxError("Unexpected end of JSON input");
    if (unit(at) !== unitAt(word, i)) throw unexpected();
    at++;
  }
}

/** The value of a hex digit, or -1. */
function hexValue(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= LOWER_F) return lower - 0x61 + 10;
  return -1;
}

/** The code unit of a \u escape whose `u` is at `from` (checked by scanString). */
function unicodeEscape(from: number): number {
  let value = 0;
  for (let i = from + 1; i <= from + 4; i++) value = (value << 4) | hexValue(unit(i));
  return value;
}

/** The code unit a one-character escape stands for (c: the character after the backslash),
 *  or -1. */
function escapedUnit(c: number): number {
  if (c === QUOTE || c === BACKSLASH || c === SLASH) return c;
  if (c === 0x62) return 0x08;
  if (c === LOWER_F) return 0x0c;
  if (c === LOWER_N) return NEWLINE;
  if (c === 0x72) return RETURN;
  if (c === LOWER_T) return TAB;
  return -1;
}

/**
 * A string whose opening quote is just before `at`; `at` ends past the closing quote. One
 * pass checks it and counts its code units, a second decodes the escapes into a new string
 * (one byte per unit when every unit fits), or the text's units are copied as they are.
 */
function scanString(): string {
  const start = at;
  const limit = end;
  const base = data;
  // Units of the text beyond those of the string (an escape is 2 or 6 units for 1), and the
  // units of a wide text or of \u escapes OR-ed together (the string is wide if above 0xff).
  let extra = 0;
  let bits = 0;
  let i = start;
  for (;;) {
    let c = END;
    if (wide) {
      while (i < limit) {
        c = peek16(base + (i << 1));
        if (c === QUOTE || c === BACKSLASH || c < SPACE) break;
        bits |= c;
        i++;
      }
    } else {
      while (i < limit) {
        c = peek8(base + i);
        if (c === QUOTE || c === BACKSLASH || c < SPACE) break;
        i++;
      }
    }
    at = i;
    if (i >= limit) throw errorAt("Unterminated string");
    if (c === QUOTE) break;
    if (c !== BACKSLASH) throw errorAt("Bad control character in string literal");
    at = ++i;
    const e = current();
    if (e === LOWER_U) {
      for (let k = 0; k < 4; k++) {
        at++;
        if (hexValue(current()) < 0) throw errorAt("Bad Unicode escape");
      }
      bits |= unicodeEscape(i);
      i += 5;
      extra += 5;
    } else if (e === END || e > 0xff) {
      throw unexpected();
    } else if (escapedUnit(e) < 0) {
      throw errorAt("Bad escaped character");
    } else {
      i++;
      extra++;
    }
  }
  const stop = i;
  at = i + 1;
  const wideResult = bits > 0xff;
  if (extra === 0 && wideResult === wide) return substringOf(text, start, stop);
  const result = newString(stop - start - extra, wideResult);
  const out = result + STRING_DATA;
  let n = 0;
  for (let j = start; j < stop; j++) {
    let c = unit(j);
    if (c === BACKSLASH) {
      j++;
      const e = unit(j);
      if (e === LOWER_U) {
        c = unicodeEscape(j);
        j += 4;
      } else {
        c = escapedUnit(e);
      }
    }
    if (wideResult) poke16(out + (n << 1), c);
    else poke8(out + n, c);
    n++;
  }
  return objectAt<string>(result);
}

/** A number starting at `at` (a digit or a minus sign). */
function scanNumber(): number {
  const start = at;
  const negative = unit(at) === MINUS;
  if (negative) at++;
  let c = current();
  if (c === ZERO) {
    at++;
    c = current();
    // A leading zero is a number of its own: "01" has a second number where a comma belongs.
    if (isDigit(c)) throw errorAt("Unexpected number");
  } else {
    if (!isDigit(c)) throw errorAt("No number after minus sign");
    // Up to nine digits make a small integer; more, or a fraction or exponent, go to numconv.
    const limit = end;
    let i = at;
    let value = 0;
    while (isDigit(c) && value < 100000000) {
      value = (value << 3) + (value << 1) + (c - ZERO);
      i++;
      c = i < limit ? unit(i) : END;
    }
    at = i;
    if (!isDigit(c) && c !== DOT && (c | 0x20) !== LOWER_E) return negative ? -value : value;
    while (isDigit(current())) at++;
    c = current();
  }
  if (c === DOT) {
    at++;
    if (!isDigit(current())) throw errorAt("Unterminated fractional number");
    while (isDigit(current())) at++;
    c = current();
  }
  if ((c | 0x20) === LOWER_E) {
    at++;
    c = current();
    if (c === PLUS || c === MINUS) at++;
    if (!isDigit(current())) throw errorAt("Exponent part is missing a number");
    while (isDigit(current())) at++;
  }
  if (at === start + 1) return 0;
  return parseDecimalRange(text, start, at);
}

/** After a property name: white space, then the colon. V8 names the colon only after an
 *  object's first name; after the others it reports the character found. */
function expectColon(first: boolean): void {
  skipWhitespace();
  if (current() !== COLON) throw first ? errorAt("Expected ':' after property name") : unexpected();
  at++;
}

// ------------------------------------------------------------------------------- objects

/** Is the key an array index ("0" to "4294967294", no leading zeros)? ECMA-262 lists those
 *  keys first, in increasing order, then the others in the order they were added. */
function isArrayIndex(key: string): boolean {
  const length = key.length;
  if (length === 0 || length > 10) return false;
  const first = unitAt(key, 0);
  if (first === ZERO) return length === 1;
  if (!isDigit(first)) return false;
  for (let i = 1; i < length; i++) if (!isDigit(unitAt(key, i))) return false;
  if (length < 10) return true;
  return compareIndexes(key, "4294967294") <= 0;
}

/** The order of two array indexes, as numbers. */
function compareIndexes(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) {
    const x = unitAt(a, i), y = unitAt(b, i);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Moves the last element of an array to position i. */
function moveLastTo(a: unknown[], i: number): void {
  const last = a[a.length - 1];
  for (let j = a.length - 1; j > i; j--) a[j] = a[j - 1];
  a[i] = last;
}

/** CreateDataProperty(o, key, value) on a plain object: an index key goes among the index
 *  keys by value; any other new key goes last; an existing key keeps its place. */
function defineProperty(o: unknown, key: string, value: unknown): void {
  if (!isArrayIndex(key)) {
    objSet(o, key, value);
    return;
  }
  const keys = keysOf(o);
  const values = valuesOf(o);
  let i = 0;
  for (; i < keys.length && isArrayIndex(keys[i]); i++) {
    const order = compareIndexes(keys[i], key);
    if (order === 0) {
      values[i] = value;
      return;
    }
    if (order > 0) break;
  }
  arrayPush(keys, key);
  arrayPush(values, value);
  moveLastTo(keys, i);
  moveLastTo(values, i);
}

/** delete o[key] on a plain object. (The key arrays of plain objects are never seen by the
 *  program, so shortening them leaves the compiler's array-length reasoning intact.) */
function deleteProperty(o: unknown, key: string): void {
  const keys = keysOf(o);
  const values = valuesOf(o);
  let i = 0;
  while (i < keys.length && !stringEquals(keys[i], key)) i++;
  if (i === keys.length) return;
  for (let j = i + 1; j < keys.length; j++) {
    keys[j - 1] = keys[j];
    values[j - 1] = values[j];
  }
  arrayPop(keys);
  arrayPop(values);
}

// -------------------------------------------------------------------------------- parse

/** The value of a whole JSON text. */
function parseText(): unknown {
  // Open arrays and objects, innermost last, and for each object the key of the value being
  // parsed ("" for arrays).
  const containers = arrayNew(0);
  const keys = arrayNew(0) as string[];
  let value: unknown = undefined;
  for (;;) {
    // Produce a value, opening arrays and objects until one is complete.
    skipWhitespace();
    const c = current();
    if (c === QUOTE) {
      at++;
      value = scanString();
    } else if (isDigit(c) || c === MINUS) {
      value = scanNumber();
    } else if (c === LEFT_BRACE) {
      at++;
      skipWhitespace();
      if (current() === RIGHT_BRACE) {
        at++;
        value = objNew();
      } else {
        if (current() !== QUOTE) throw errorAt("Expected property name or '}'");
        at++;
        arrayPush(containers, objNew());
        arrayPush(keys, scanString());
        expectColon(true);
        continue;
      }
    } else if (c === LEFT_BRACKET) {
      at++;
      skipWhitespace();
      if (current() === RIGHT_BRACKET) {
        at++;
        value = arrayNew(0);
      } else {
        arrayPush(containers, arrayNew(0));
        arrayPush(keys, "");
        continue;
      }
    } else if (c === LOWER_T) {
      scanLiteral("true");
      value = true;
    } else if (c === LOWER_F) {
      scanLiteral("false");
      value = false;
    } else if (c === LOWER_N) {
      scanLiteral("null");
      value = null;
    } else {
      throw unexpected();
    }
    // Consume it: into the innermost open array or object, closing those that end here.
    for (;;) {
      const depth = containers.length;
      if (depth === 0) {
        skipWhitespace();
        if (at < end) throw new SyntaxError("Unexpected non-whitespace character after JSON at position " + intToString(at));
        return value;
      }
      const container = containers[depth - 1];
      skipWhitespace();
      if (objectKind(container) === KIND_ARRAY) {
        arrayPush(container as unknown[], value);
        if (current() === COMMA) {
          at++;
          break;
        }
        if (current() !== RIGHT_BRACKET) throw errorAt("Expected ',' or ']' after array element");
      } else {
        defineProperty(container, keys[depth - 1], value);
        if (current() === COMMA) {
          at++;
          skipWhitespace();
          if (current() !== QUOTE) throw errorAt("Expected double-quoted property name");
          at++;
          keys[depth - 1] = scanString();
          expectColon(false);
          break;
        }
        if (current() !== RIGHT_BRACE) throw errorAt("Expected ',' or '}' after property value");
      }
      at++;
      value = container;
      arrayPop(containers);
      arrayPop(keys);
    }
  }
}

type Reviver = (key: string, value: unknown) => unknown;

/** JSON.parse(text): `text` is a string (the lowering converts other values with String()). */
export function jsonParse(source: string): unknown {
  text = source;
  data = addressOf(source) + STRING_DATA;
  wide = isWideString(source);
  end = source.length;
  at = 0;
  const value = parseText();
  text = "";
  return value;
}

/** JSON.parse(text, reviver), a function of its own so that programs without a reviver do
 *  not link the walk; a reviver that is not a function is ignored, as in JavaScript. */
export function jsonParseRevived(source: string, reviver: unknown): unknown {
  const value = jsonParse(source);
  if (!isObject(reviver) || objectKind(reviver) !== KIND_CLOSURE) return value;
  const root = objNew();
  objSet(root, "", value);
  return internalize(root, "", value, reviver as Reviver);
}

/**
 * InternalizeJSONProperty (§25.5.1.1): the reviver's walk, children first, each call with
 * the holder as `this`. Returning undefined deletes an object's property; in an array it
 * would leave a hole, which devices do not have, so that stops the program with a message.
 */
function internalize(holder: unknown, key: string, value: unknown, reviver: Reviver): unknown {
  if (isObject(value) && objectKind(value) === KIND_ARRAY) {
    const array = value as unknown[];
    const length = array.length;
    for (let i = 0; i < length; i++) {
      const element = internalize(array, intToString(i), i < array.length ? array[i] : undefined, reviver);
      // A reviver's undefined deletes the element, leaving a hole, as in JavaScript.
      if (element === undefined) makeHole(array, i);
      else array[i] = element;
    }
  } else if (isObject(value) && objectKind(value) === KIND_PLAIN) {
    const keys = keysOf(value).slice();
    for (let i = 0; i < keys.length; i++) {
      const element = internalize(value, keys[i], objGet(value, keys[i]), reviver);
      if (element === undefined) deleteProperty(value, keys[i]);
      else defineProperty(value, keys[i], element);
    }
  }
  const saved = reviverHolder;
  reviverHolder = holder;
  try {
    return reviver(key, value);
  } finally {
    reviverHolder = saved;
  }
}

/** `this` in a reviver (a function the compiler has seen passed only to JSON.parse). */
export function jsonReviverThis(): unknown {
  return reviverHolder;
}
