// String.prototype methods, with the argument handling of ECMA-262 §22.1.3 for the values of
// this language step (numbers are integers, so ToIntegerOrInfinity is the value itself).
// A missing argument arrives as undefined.

import { copyBytes } from "./port.ts";
import { isSpace } from "./whitespace.ts";
import { DOUBLES, FRACTIONS, addressOf, isSmallInt, objectAt, panic, poke16, poke8 } from "mote/intrinsics";
import { concat, isWideString, newString, unitAt } from "./strings.ts";
import { arrayNew, arrayPush } from "./arrays.ts";
import { STRING_DATA } from "./layout.ts";
import { PANIC_NOT_INTEGER, PANIC_UNSUPPORTED } from "./panic-codes.ts";
import { RangeError } from "./errors.ts";

/** A relative index (negative counts from the end), clamped to [0, length]. */
function relative(index: unknown, length: number, fallback: number): number {
  if (index === undefined) return fallback;
  const i = index as number;
  if (i < 0) return i + length < 0 ? 0 : i + length;
  return i > length ? length : i;
}

/** An absolute index clamped to [0, length]. */
function clamp(index: unknown, length: number, fallback: number): number {
  if (index === undefined) return fallback;
  const i = index as number;
  return i < 0 ? 0 : i > length ? length : i;
}

/** The code units [from, to) of s as a new string (or s itself when that is all of it). */
export function substringOf(s: string, from: number, to: number): string {
  if (from === 0 && to === s.length) return s;
  const length = to > from ? to - from : 0;
  const wide = isWideString(s);
  const result = newString(length, wide);
  const source = addressOf(s) + STRING_DATA;
  const data = result + STRING_DATA;
  if (wide) copyBytes(data, source + 2 * from, 2 * length);
  else copyBytes(data, source + from, length);
  return objectAt<string>(result);
}

export function slice(s: string, start: unknown, end: unknown): string {
  const length = s.length;
  return substringOf(s, relative(start, length, 0), relative(end, length, length));
}

export function substring(s: string, start: unknown, end: unknown): string {
  const length = s.length;
  const a = clamp(start, length, 0);
  const b = clamp(end, length, length);
  return a < b ? substringOf(s, a, b) : substringOf(s, b, a);
}

/** A position argument as ToIntegerOrInfinity makes it: undefined and NaN are 0, fractions
 *  are cut toward 0 (with doubles), -0 is 0. */
function position(index: unknown): number {
  if (index === undefined) return 0;
  if (DOUBLES) {
    if (!isSmallInt(index)) {
      // Without fractions (FRACTIONS false) only -0, NaN and big integers get here.
      let n = index as number;
      if (FRACTIONS) n = Math.trunc(n);
      return n === n ? n + 0 : 0;
    }
  }
  return index as number;
}

/** s[i] and s.at(i): one code unit as a string, or undefined outside the string. */
export function charAtOrUndefined(s: string, index: number, relativeIndex: boolean): unknown {
  let at = index;
  if (DOUBLES) {
    // s[i] reads a property: -0 is "0", a fraction names no character; at() takes a position.
    if (!isSmallInt(index)) at = relativeIndex ? position(index) : index === 0 ? 0 : -1;
  }
  const i = relativeIndex && at < 0 ? at + s.length : at;
  if (i < 0 || i >= s.length) return undefined;
  return substringOf(s, i, i + 1);
}

export function charAt(s: string, index: unknown): string {
  const i = position(index);
  if (i < 0 || i >= s.length) return "";
  return substringOf(s, i, i + 1);
}

export function charCodeAt(s: string, index: unknown): number {
  const i = position(index);
  if (i < 0 || i >= s.length) {
    if (DOUBLES) return NaN;
    // NaN outside the string: a double, which this program's numbers are not.
    panic(PANIC_NOT_INTEGER);
  }
  return unitAt(s, i);
}

/** String.fromCharCode(...codes) (each code taken mod 2^16) and, with `codePoints`,
 *  String.fromCodePoint(...codes) (RangeError for a code that is not a code point). */
export function fromCodes(codes: number[], codePoints: boolean): string {
  let wide = false;
  let length = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codePoints ? codes[i] : codes[i] & 0xffff;
    if (codePoints && !(c >= 0 && c <= 0x10ffff && c === (c | 0))) throw new RangeError("Invalid code point " + c);
    if (c > 0xff) wide = true;
    length += c > 0xffff ? 2 : 1;
  }
  const result = newString(length, wide);
  const data = result + STRING_DATA;
  let at = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codePoints ? codes[i] : codes[i] & 0xffff;
    if (c > 0xffff) {
      poke16(data + 2 * at++, 0xd800 + ((c - 0x10000) >> 10));
      poke16(data + 2 * at++, 0xdc00 + ((c - 0x10000) & 0x3ff));
    } else if (wide) {
      poke16(data + 2 * at++, c);
    } else {
      poke8(data + at++, c);
    }
  }
  return objectAt<string>(result);
}

/** codePointAt: the code point starting at i (a surrogate pair's, or a lone surrogate's own
 *  code unit), undefined outside the string. */
export function codePointAt(s: string, index: unknown): unknown {
  const i = position(index);
  if (i < 0 || i >= s.length) return undefined;
  const first = unitAt(s, i);
  if (first < 0xd800 || first > 0xdbff || i + 1 >= s.length) return first;
  const second = unitAt(s, i + 1);
  if (second < 0xdc00 || second > 0xdfff) return first;
  return ((first - 0xd800) << 10) + (second - 0xdc00) + 0x10000;
}

function matchesAt(s: string, search: string, at: number): boolean {
  if (at < 0 || at + search.length > s.length) return false;
  for (let k = 0; k < search.length; k++) {
    if (unitAt(s, at + k) !== unitAt(search, k)) return false;
  }
  return true;
}

export function indexOf(s: string, search: string, position: unknown): number {
  const from = clamp(position, s.length, 0);
  for (let i = from; i + search.length <= s.length; i++) {
    if (matchesAt(s, search, i)) return i;
  }
  return -1;
}

export function lastIndexOf(s: string, search: string, position: unknown): number {
  let from = position === undefined ? s.length : clamp(position, s.length, s.length);
  if (from > s.length - search.length) from = s.length - search.length;
  for (let i = from; i >= 0; i--) {
    if (matchesAt(s, search, i)) return i;
  }
  return -1;
}

export function includes(s: string, search: string, position: unknown): boolean {
  return indexOf(s, search, position) >= 0;
}

export function startsWith(s: string, search: string, position: unknown): boolean {
  return matchesAt(s, search, clamp(position, s.length, 0));
}

export function endsWith(s: string, search: string, endPosition: unknown): boolean {
  const end = clamp(endPosition, s.length, s.length);
  return matchesAt(s, search, end - search.length);
}

export function trim(s: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = s.length;
  if (start) while (from < to && isSpace(unitAt(s, from))) from++;
  if (end) while (to > from && isSpace(unitAt(s, to - 1))) to--;
  return substringOf(s, from, to);
}

/** s repeated `count` times (a fraction of a count is dropped), a copy at a time. (Writing
 *  all copies into one new string is O(n) where this is O(n²) in units copied — 148,842 vs
 *  15,372,111 instructions for 1,024 copies on mps2-an385 — but json-parse-deep.ts sits at
 *  the edge of the micro:bit's heap: its 150-deep document needs about 11.6 KB of the 11.9 KB
 *  there, one array at a time, and the other heap layout tipped it over. Worth it once arrays
 *  take less RAM, issue 12.) */
export function repeat(s: string, count: number): string {
  if (count < 0) throw new RangeError("Invalid count value: " + count);
  const n = count | 0;
  let result = "";
  for (let i = 0; i < n; i++) result = concat(result, s);
  return result;
}

/** padStart / padEnd: the filler repeated and cut to fill up to maxLength. */
export function pad(s: string, maxLength: number, filler: unknown, atStart: boolean): string {
  const fill = filler === undefined ? " " : (filler as string);
  if (maxLength <= s.length || fill.length === 0) return s;
  const needed = maxLength - s.length;
  const padding = substringOf(repeat(fill, ((needed + fill.length - 1) / fill.length) | 0), 0, needed);
  return atStart ? concat(padding, s) : concat(s, padding);
}

/** toUpperCase / toLowerCase for the Latin-1 range, where the mappings are one to one apart
 *  from ß (upper: "SS"), µ and ÿ (upper: outside Latin-1); other scripts are not supported
 *  yet and stop rather than print a wrong result. */
export function changeCase(s: string, upper: boolean): string {
  let result = "";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = unitAt(s, i);
    let mapped = unit;
    if (upper) {
      if ((unit >= 0x61 && unit <= 0x7a) || (unit >= 0xe0 && unit <= 0xfe && unit !== 0xf7)) mapped = unit - 0x20;
      else if (unit === 0xdf || unit === 0xb5 || unit === 0xff || unit > 0xff) mapped = -1;
    } else {
      if ((unit >= 0x41 && unit <= 0x5a) || (unit >= 0xc0 && unit <= 0xde && unit !== 0xd7)) mapped = unit + 0x20;
      else if (unit > 0xff) mapped = -1;
    }
    if (mapped === unit) continue;
    result = concat(result, substringOf(s, run, i));
    if (mapped === -1) {
      if (upper && unit === 0xdf) result = concat(result, "SS");
      else if (upper && unit === 0xb5) result = concat(result, "\u039c");
      else if (upper && unit === 0xff) result = concat(result, "\u0178");
      else panic(PANIC_UNSUPPORTED);
    } else {
      const one = newString(1, false);
      poke8(one + STRING_DATA, mapped);
      result = concat(result, objectAt<string>(one));
    }
    run = i + 1;
  }
  if (run === 0) return s;
  return concat(result, substringOf(s, run, s.length));
}

export function split(s: string, separator: unknown, limit: unknown): string[] {
  const parts = arrayNew(0) as string[];
  const max = limit === undefined ? 0x3fffffff : (limit as number);
  if (max === 0) return parts;
  if (separator === undefined) {
    arrayPush(parts, s);
    return parts;
  }
  const sep = separator as string;
  if (sep.length === 0) {
    for (let i = 0; i < s.length && parts.length < max; i++) arrayPush(parts, substringOf(s, i, i + 1));
    return parts;
  }
  let from = 0;
  for (let i = indexOf(s, sep, 0); i >= 0; i = indexOf(s, sep, from)) {
    arrayPush(parts, substringOf(s, from, i));
    if (parts.length >= max) return parts;
    from = i + sep.length;
  }
  arrayPush(parts, substringOf(s, from, s.length));
  return parts;
}

/** The replacement text for one match, with the $ patterns of §22.1.3.19.1 (GetSubstitution)
 *  that apply without capture groups: $$, $&, $` and $'. */
function substitution(s: string, matched: number, matchLength: number, replacement: string): string {
  if (indexOf(replacement, "$", 0) < 0) return replacement;
  let result = "";
  let i = 0;
  while (i < replacement.length) {
    const unit = unitAt(replacement, i);
    if (unit === 0x24 && i + 1 < replacement.length) {
      const next = unitAt(replacement, i + 1);
      if (next === 0x24) { result = concat(result, "$"); i += 2; continue; }
      if (next === 0x26) { result = concat(result, substringOf(s, matched, matched + matchLength)); i += 2; continue; }
      if (next === 0x60) { result = concat(result, substringOf(s, 0, matched)); i += 2; continue; }
      if (next === 0x27) { result = concat(result, substringOf(s, matched + matchLength, s.length)); i += 2; continue; }
    }
    result = concat(result, substringOf(replacement, i, i + 1));
    i++;
  }
  return result;
}

export function replace(s: string, search: string, replacement: string, all: boolean): string {
  let at = indexOf(s, search, 0);
  if (at < 0) return s;
  let result = "";
  let from = 0;
  while (at >= 0) {
    result = concat(result, substringOf(s, from, at));
    result = concat(result, substitution(s, at, search.length, replacement));
    from = at + search.length;
    if (!all) break;
    if (search.length === 0) {
      // An empty search matches before every code unit and at the end.
      if (at >= s.length) break;
      result = concat(result, substringOf(s, at, at + 1));
      from = at + 1;
      at = at + 1;
    } else {
      at = indexOf(s, search, from);
    }
  }
  return concat(result, substringOf(s, from, s.length));
}

/** The code point at a code unit index, as a string: one unit, or a surrogate pair (what a
 *  string iterator yields, §22.1.5.1). */
export function codePointString(s: string, index: number): string {
  const unit = unitAt(s, index);
  if (unit >= 0xd800 && unit < 0xdc00 && index + 1 < s.length) {
    const next = unitAt(s, index + 1);
    if (next >= 0xdc00 && next < 0xe000) return substringOf(s, index, index + 2);
  }
  return substringOf(s, index, index + 1);
}

export function lengthOf(s: string): number {
  return s.length;
}
