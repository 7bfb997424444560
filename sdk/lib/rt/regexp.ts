// RegExp (ECMA-262 §22.2): a backtracking matcher that runs the code the compiler made from
// each pattern at build time (sdk/compiler/regexp/, the format in regexp-code.ts). Linked only
// by programs that have a pattern.
//
// The matcher keeps its choice points and the register values to restore on a stack of words
// in the heap, three words an entry, grown by doubling while the heap has room for it; past
// that a match throws RangeError "Maximum call stack size exceeded", as V8 does when its
// backtracking runs out of stack, and never exhausts the heap. Only lookarounds recurse (the
// pattern's nesting bounds the depth). The state of a match is module-level: a match never
// runs code of the program (replacement functions are called after their match is taken).

import { FRACTIONS, addressOf, isObject, isSmallInt, objectAt, peek16, peek32, peek8, peekValue, poke32, pokeValue, symbolAddress } from "mote/intrinsics";
import { alloc, allocSized, heapFree, objectEnd } from "./heap.ts";
import { collectGarbage, fillWords } from "./port.ts";
import { arrayPush } from "./arrays.ts";
import { concat, isWideString, toString } from "./strings.ts";
import { substringOf } from "./string-methods.ts";
import { objNew, objSet, objGet } from "./objects.ts";
import { Error, RangeError, TypeError } from "./errors.ts";
import { ARRAY_ELEMENTS, ARRAY_LENGTH, DESCRIPTOR_MATCH, DESCRIPTOR_PLAIN_NULL, MATCH_GROUPS, MATCH_INDEX, MATCH_INPUT, MATCH_SIZE, STRING_DATA } from "./layout.ts";
import {
  BOUNDARY_FOLDED_WORDS, BOUNDARY_NEGATED, FLAG_GLOBAL, FLAG_STICKY, FLAG_UNICODE, HEADER_CAPTURES, HEADER_FIRST, HEADER_FLAGS, HEADER_REGISTERS, HEADER_SIZE, LOOK_AHEAD, LOOK_BEHIND, NO_FIRST, OP_ANY, OP_ANY_ALL,
  OP_BACKREFERENCE, OP_BACKWARD, OP_BOUNDARY, OP_CHAR, OP_CLEAR, OP_CODE_POINT, OP_END, OP_ITERATE, OP_JUMP, OP_LOOK, OP_LOOK_END, OP_LOOP,
  OP_MARK, OP_MASK, OP_MATCH, OP_SAVE, OP_SET, OP_SET_REGISTER, OP_SPLIT, OP_STAR, OP_START, UNBOUNDED,
} from "./regexp-code.ts";

/** Backtracking entries: the kind in the low two bits of the first word, a code address above. */
const ENTRY_CHOICE = 0;        // resume at the address, at position a
const ENTRY_RESTORE = 1;       // register a = b (raw)
const ENTRY_GIVE_BACK = 2;     // a star's atom: resume at the address at a - 1, while above b
const ENTRY_GIVE_BACK_LEFT = 3; // the same, matching right to left: a + 1, while below b
const ENTRY_WORDS = 3;
const FIRST_STACK_WORDS = 96;
/** What the stack leaves of the heap for the rest of the program. */
const HEAP_RESERVE = 2048;
const STACK_OVERFLOW = "Maximum call stack size exceeded";

let code = 0;
let text = 0;
let wide = false;
let end = 0;
/** Registers hold a position + 1 (0: not set). */
let registers = 0;
let registerWords = 0;
let stack = 0;
let stackWords = 0;
let top = 0;

function unit(i: number): number {
  return wide ? peek16(text + (i << 1)) : peek8(text + i);
}

function op(pc: number): number {
  return peek16(code + (pc << 1));
}

function register(r: number): number {
  return peek32(registers + (r << 2)) - 1;
}

function push(tag: number, a: number, b: number): void {
  if (top + ENTRY_WORDS > stackWords) grow();
  const at = stack + (top << 2);
  poke32(at, tag);
  poke32(at + 4, a);
  poke32(at + 8, b);
  top += ENTRY_WORDS;
}

function grow(): void {
  const words = stackWords * 2;
  // Free space counts only what the collector has found: look again after a collection
  // (earlier matches' stacks are garbage) before giving up.
  if (heapFree() < (words << 2) + HEAP_RESERVE) collectGarbage();
  if (heapFree() < (words << 2) + HEAP_RESERVE) {
    // Let the stack go (the next match starts a small one), so that what a program does
    // after catching this has the heap back.
    stack = 0;
    stackWords = 0;
    top = 0;
    throw new RangeError(STACK_OVERFLOW);
  }
  const bigger = alloc(words << 2);
  for (let i = 0; i < top; i++) poke32(bigger + (i << 2), peek32(stack + (i << 2)));
  stack = bigger;
  stackWords = words;
}

function setRegister(r: number, position: number): void {
  const address = registers + (r << 2);
  push(ENTRY_RESTORE, r, peek32(address));
  poke32(address, position + 1);
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

function isWordUnit(c: number, folded: boolean): boolean {
  if (folded && (c === 0x17f || c === 0x212a)) return true;
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function inSet(pc: number, c: number): boolean {
  const narrow = op(pc + 1);
  if (c <= 0xffff) {
    const ranges = code + ((pc + 3) << 1);
    for (let at = ranges; at < ranges + (narrow << 2); at += 4) {
      if (c >= peek16(at) && c <= peek16(at + 2)) return true;
    }
    return false;
  }
  const wideRanges = op(pc + 2);
  for (let i = 0; i < wideRanges; i++) {
    const at = pc + 3 + (narrow << 1) + (i << 2);
    if (c >= op(at) * 0x10000 + op(at + 1) && c <= op(at + 2) * 0x10000 + op(at + 3)) return true;
  }
  return false;
}

/** One character matched by the single-character op at pc (CHAR, ANY, ANY_ALL, SET) at pos:
 *  the position after it (before it, right to left), or -1. */
function matchOne(pc: number, pos: number): number {
  const instruction = peek16(code + (pc << 1));
  if (instruction === OP_CHAR) {
    // The common case first: one code unit, left to right.
    if (pos >= end) return -1;
    return (wide ? peek16(text + (pos << 1)) : peek8(text + pos)) === peek16(code + (pc << 1) + 2) ? pos + 1 : -1;
  }
  const backward = (instruction & OP_BACKWARD) !== 0;
  if (backward ? pos <= 0 : pos >= end) return -1;
  const at = backward ? pos - 1 : pos;
  let c = wide ? peek16(text + (at << 1)) : peek8(text + at);
  let size = 1;
  if ((instruction & OP_CODE_POINT) !== 0) {
    if (!backward && c >= 0xd800 && c <= 0xdbff && pos + 1 < end) {
      const low = unit(pos + 1);
      if (low >= 0xdc00 && low <= 0xdfff) { c = 0x10000 + (c - 0xd800) * 0x400 + (low - 0xdc00); size = 2; }
    } else if (backward && c >= 0xdc00 && c <= 0xdfff && pos >= 2) {
      const high = unit(pos - 2);
      if (high >= 0xd800 && high <= 0xdbff) { c = 0x10000 + (high - 0xd800) * 0x400 + (c - 0xdc00); size = 2; }
    }
  }
  const kind = instruction & OP_MASK;
  let ok = false;
  if (kind === OP_CHAR) ok = c === op(pc + 1);
  else if (kind === OP_SET) ok = inSet(pc, c);
  else if (kind === OP_ANY_ALL) ok = true;
  else ok = !isLineTerminator(c);
  if (!ok) return -1;
  return backward ? pos - size : pos + size;
}

/** From pos (before limit), the first position where the single-unit op at pc matching the
 *  character is not `matching`: with true, the end of the run of characters a star takes;
 *  with false, where the search for a match's start skips to. CHAR and the sets of code units
 *  are read here without a call a character, the other ops (only for stars) through matchOne. */
function scan(pc: number, pos: number, limit: number, matching: boolean): number {
  const instruction = op(pc);
  const input = text;
  let i = pos;
  if (instruction === OP_CHAR) {
    const want = op(pc + 1);
    if (wide) { while (i < limit && (peek16(input + (i << 1)) === want) === matching) i++; }
    else { while (i < limit && (peek8(input + i) === want) === matching) i++; }
    return i;
  }
  if (instruction === OP_SET) {
    const ranges = code + ((pc + 3) << 1);
    const rangesEnd = ranges + (op(pc + 1) << 2);
    for (; i < limit; i++) {
      const c = wide ? peek16(input + (i << 1)) : peek8(input + i);
      let at = ranges;
      while (at < rangesEnd && (c < peek16(at) || c > peek16(at + 2))) at += 4;
      if ((at < rangesEnd) !== matching) return i;
    }
    return i;
  }
  for (;;) {
    const moved = i < limit ? matchOne(pc, i) : -1;
    if (moved < 0) return i;
    i = moved;
  }
}

/** Code units after a single-character op's first. */
function opLength(pc: number): number {
  const kind = op(pc) & OP_MASK;
  if (kind === OP_CHAR) return 2;
  if (kind === OP_SET) return 3 + (op(pc + 1) << 1) + (op(pc + 2) << 2);
  return 1;
}

/** Case-insensitive equality of two code units of a backreference, as V8 folds them
 *  (toUpperCase without the u flag, simple case folding with it), exact whenever one of them
 *  is ASCII or Latin-1 (checked against V8 for every such pair); two different letters both
 *  beyond Latin-1 would need the Unicode tables, which devices do without: an Error says so. */
function sameIgnoringCase(a: number, b: number, unicode: boolean): boolean {
  if (a === b) return true;
  if (a <= 0xff && b <= 0xff) return fold(a, unicode) === fold(b, unicode);
  const low = a < b ? a : b;
  const high = a < b ? b : a;
  if (low > 0xff) throw new Error("a case-insensitive backreference to a letter beyond Latin-1 is not supported on devices");
  // The letters beyond Latin-1 that fold with one within it: µ Μ μ, ÿ Ÿ; under u also the
  // Kelvin sign, long s, capital sharp s and the Angstrom sign.
  if (low === 0xb5) return high === 0x39c || high === 0x3bc;
  if (low === 0xff) return high === 0x178;
  if (!unicode) return false;
  const folded = fold(low, true);
  if (high === 0x212a) return folded === 0x4b;
  if (high === 0x17f) return folded === 0x53;
  if (high === 0x1e9e) return low === 0xdf;
  if (high === 0x212b) return folded === 0xc5;
  return false;
}

function fold(c: number, unicode: boolean): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x20;
  if (c === 0xb5) return unicode ? 0x3bc : 0x39c;
  if (c === 0xff) return unicode ? c : 0x178;
  if (c >= 0xe0 && c <= 0xfe && c !== 0xf7 && !(unicode && c === 0xdf)) return c - 0x20;
  return c;
}

function backreference(pc: number, pos: number, unicode: boolean): number {
  const group = op(pc + 1);
  const from = register(group << 1);
  const to = register((group << 1) + 1);
  if (from < 0 || to < 0) return pos;
  const length = to - from;
  const backward = (op(pc) & OP_BACKWARD) !== 0;
  const at = backward ? pos - length : pos;
  if (at < 0 || at + length > end) return -1;
  const ignoreCase = op(pc + 2) === 1;
  for (let i = 0; i < length; i++) {
    const a = unit(from + i);
    const b = unit(at + i);
    if (a !== b && !(ignoreCase && sameIgnoringCase(a, b, unicode))) return -1;
  }
  return backward ? at : pos + length;
}

/** Runs the code from pc at pos: the position where it reached MATCH or LOOK_END, or -1. On
 *  success the entries it pushed stay on the stack (the caller keeps or drops them); on
 *  failure it has unwound them all. */
function run(startPc: number, startPos: number, unicode: boolean): number {
  const base = top;
  let pc = startPc;
  let pos = startPos;
  for (;;) {
    const instruction = op(pc);
    const kind = instruction & OP_MASK;
    let next = -1;
    switch (kind) {
      case OP_CHAR: case OP_ANY: case OP_ANY_ALL: case OP_SET: {
        pos = matchOne(pc, pos);
        next = pos < 0 ? -1 : pc + opLength(pc);
        break;
      }
      case OP_STAR: {
        const min = op(pc + 1);
        const max = op(pc + 2);
        const after = op(pc + 3);
        const backward = (instruction & OP_BACKWARD) !== 0;
        let at = backward ? pos : scan(pc + 4, pos, max === UNBOUNDED || pos + max > end ? end : pos + max, true);
        let count = at - pos;
        if (backward) {
          while (max === UNBOUNDED || count < max) {
            const moved = matchOne(pc + 4, at);
            if (moved < 0) break;
            at = moved;
            count++;
          }
        }
        if (count < min) break;
        if (count > min) push((after << 2) + (backward ? ENTRY_GIVE_BACK_LEFT : ENTRY_GIVE_BACK), at, backward ? pos - min : pos + min);
        pos = at;
        next = after;
        break;
      }
      case OP_SPLIT:
        push((op(pc + 2) << 2) + ENTRY_CHOICE, pos, 0);
        next = op(pc + 1);
        break;
      case OP_JUMP:
        next = op(pc + 1);
        break;
      case OP_SAVE: case OP_MARK:
        setRegister(op(pc + 1), pos);
        next = pc + 2;
        break;
      case OP_SET_REGISTER:
        setRegister(op(pc + 1), op(pc + 2));
        next = pc + 3;
        break;
      case OP_START:
        if (pos === 0 || (op(pc + 1) === 1 && isLineTerminator(unit(pos - 1)))) next = pc + 2;
        break;
      case OP_END:
        if (pos === end || (op(pc + 1) === 1 && isLineTerminator(unit(pos)))) next = pc + 2;
        break;
      case OP_BOUNDARY: {
        const flags = op(pc + 1);
        const folded = (flags & BOUNDARY_FOLDED_WORDS) !== 0;
        const before = pos > 0 && isWordUnit(unit(pos - 1), folded);
        const after = pos < end && isWordUnit(unit(pos), folded);
        if ((before !== after) === ((flags & BOUNDARY_NEGATED) === 0)) next = pc + 2;
        break;
      }
      case OP_BACKREFERENCE: {
        const moved = backreference(pc, pos, unicode);
        if (moved >= 0) { pos = moved; next = pc + 3; }
        break;
      }
      case OP_LOOK: {
        const look = op(pc + 1);
        const saved = top;
        const found = run(pc + 3, pos, unicode) >= 0;
        if (look === LOOK_AHEAD || look === LOOK_BEHIND) {
          if (found) {
            // Nothing backtracks into a lookaround, but its captures are undone when the
            // match backtracks past it: keep only the restores.
            let kept = saved;
            for (let at = saved; at < top; at += ENTRY_WORDS) {
              if ((peek32(stack + (at << 2)) & 3) !== ENTRY_RESTORE) continue;
              for (let w = 0; w < ENTRY_WORDS; w++) poke32(stack + ((kept + w) << 2), peek32(stack + ((at + w) << 2)));
              kept += ENTRY_WORDS;
            }
            top = kept;
            next = op(pc + 2);
          }
        } else if (found) {
          unwind(saved);
        } else {
          next = op(pc + 2);
        }
        break;
      }
      case OP_LOOP: {
        const count = register(op(pc + 1));
        const min = op(pc + 2);
        const max = op(pc + 3);
        const exit = op(pc + 5);
        if (count < min) next = pc + 6;
        else if (max !== UNBOUNDED && count >= max) next = exit;
        else if (op(pc + 4) === 1) { push((exit << 2) + ENTRY_CHOICE, pos, 0); next = pc + 6; }
        else { push((pc + 6) * 4 + ENTRY_CHOICE, pos, 0); next = exit; }
        break;
      }
      case OP_CLEAR: {
        const to = op(pc + 2);
        for (let r = op(pc + 1); r < to; r++) if (register(r) >= 0) setRegister(r, -1);
        next = pc + 3;
        break;
      }
      case OP_ITERATE: {
        const counter = op(pc + 1);
        const count = register(counter);
        // An iteration that matched nothing once the minimum is reached fails.
        if (pos === register(op(pc + 2)) && count >= op(pc + 3)) break;
        setRegister(counter, count + 1);
        next = op(pc + 4);
        break;
      }
      case OP_MATCH: case OP_LOOK_END:
        return pos;
    }
    if (next >= 0) {
      pc = next;
      continue;
    }
    // Backtrack: restore registers down to the last choice point and resume there.
    for (;;) {
      if (top === base) return -1;
      top -= ENTRY_WORDS;
      const at = stack + (top << 2);
      const tag = peek32(at);
      const a = peek32(at + 4);
      const b = peek32(at + 8);
      const entry = tag & 3;
      if (entry === ENTRY_RESTORE) {
        poke32(registers + (a << 2), b);
        continue;
      }
      pc = tag >> 2;
      if (entry === ENTRY_CHOICE) {
        pos = a;
      } else if (entry === ENTRY_GIVE_BACK) {
        pos = a - 1;
        if (pos > b) push(tag, pos, b);
      } else {
        pos = a + 1;
        if (pos < b) push(tag, pos, b);
      }
      break;
    }
  }
}

/** Pops entries down to `base`, restoring the registers they saved. */
function unwind(base: number): void {
  while (top > base) {
    top -= ENTRY_WORDS;
    const at = stack + (top << 2);
    if ((peek32(at) & 3) === ENTRY_RESTORE) poke32(registers + (peek32(at + 4) << 2), peek32(at + 8));
  }
}

/** Where the code matches s from `from` on (only at `from` when sticky): the index, or -1.
 *  The captures are then in the registers. */
function search(program: string, s: string, from: number, sticky: boolean, unicode: boolean): number {
  code = addressOf(program) + STRING_DATA;
  text = addressOf(s) + STRING_DATA;
  wide = isWideString(s);
  end = s.length;
  const count = op(HEADER_REGISTERS);
  if (count > registerWords) {
    registers = alloc(count << 2);
    registerWords = count;
  }
  for (let r = 0; r < count; r++) poke32(registers + (r << 2), 0);
  if (stackWords === 0) {
    stack = alloc((FIRST_STACK_WORDS << 2));
    stackWords = FIRST_STACK_WORDS;
  }
  const first = sticky ? NO_FIRST : op(HEADER_FIRST);
  for (let i = from; i <= end; i++) {
    if (first !== NO_FIRST) {
      i = scan(first, i, end, false);
      if (i >= end) return -1;
    }
    top = 0;
    const found = run(HEADER_SIZE, i, unicode);
    if (found >= 0) {
      poke32(registers, i + 1);
      poke32(registers + 4, found + 1);
      return i;
    }
    if (sticky) return -1;
    if (unicode && i + 1 < end && isSurrogatePair(unit(i), unit(i + 1))) i++;
  }
  return -1;
}

function isSurrogatePair(high: number, low: number): boolean {
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** AdvanceStringIndex (ECMA-262 §22.2.7.3): past an empty match. */
function advance(s: string, index: number, unicode: boolean): number {
  if (unicode && index + 1 < s.length && isSurrogatePair(s.charCodeAt(index), s.charCodeAt(index + 1))) return index + 2;
  return index + 1;
}

/** The match the registers hold, as exec returns it: an array of the captures with index,
 *  input and groups (layout.ts, MATCH_*). */
function matchArray(re: RegExp, s: string, index: number): unknown[] {
  const captures = op(HEADER_CAPTURES);
  // The elements in a block of their own: inline elements are an ordinary array's only.
  const array = allocSized(MATCH_SIZE);
  const elements = allocSized(captures << 2);
  fillWords(elements, (objectEnd(elements) - elements) >> 2, undefined);
  poke32(array, symbolAddress(DESCRIPTOR_MATCH));
  poke32(array + ARRAY_LENGTH, captures);
  poke32(array + ARRAY_ELEMENTS, elements);
  pokeValue(array + MATCH_INDEX, index);
  pokeValue(array + MATCH_INPUT, s);
  pokeValue(array + MATCH_GROUPS, undefined);
  for (let k = 0; k < captures; k++) {
    const from = register(k << 1);
    const to = register((k << 1) + 1);
    if (from >= 0 && to >= 0) pokeValue(elements + (k << 2), substringOf(s, from, to));
  }
  const names = re.groupNames;
  if (names !== undefined) {
    const groups = objNew();
    poke32(addressOf(groups), symbolAddress(DESCRIPTOR_PLAIN_NULL));
    pokeValue(array + MATCH_GROUPS, groups);
    // The names of groups 1, 2, … joined by commas (empty for an unnamed group).
    const nameList = (names as string).split(",");
    for (let k = 0; k < nameList.length; k++) {
      if (nameList[k].length > 0) objSet(groups, nameList[k], peekValue<unknown>(elements + ((k + 1) << 2)));
    }
  }
  return objectAt<unknown[]>(array);
}

/** m.index, m.input, m.groups of a match array. */
export function matchIndex(m: unknown[]): number {
  return peekValue<number>(addressOf(m) + MATCH_INDEX);
}
export function matchInput(m: unknown[]): string {
  return peekValue<string>(addressOf(m) + MATCH_INPUT);
}
export function matchGroups(m: unknown[]): unknown {
  return peekValue<unknown>(addressOf(m) + MATCH_GROUPS);
}

/** The pattern's state is in #private fields: a RegExp has no own enumerable property
 *  (JSON.stringify(/x/) is "{}"), and lastIndex, source and flags are accessors. */
export class RegExp {
  #lastIndex: number;
  #source: string;
  #flags: string;
  #program: string;
  #groupNames: unknown;
  constructor(source: string, flags: string, program: string, groupNames: unknown) {
    this.#lastIndex = 0;
    this.#source = source;
    this.#flags = flags;
    this.#program = program;
    this.#groupNames = groupNames;
  }
  get lastIndex(): number { return this.#lastIndex; }
  set lastIndex(value: number) { this.#lastIndex = value; }
  get source(): string { return this.#source; }
  get flags(): string { return this.#flags; }
  /** The matcher code (regexp-code.ts). */
  get program(): string { return this.#program; }
  /** Undefined, or the names of the groups from 1 on, joined by commas (empty: unnamed). */
  get groupNames(): unknown { return this.#groupNames; }
  get global(): boolean { return (flagsOf(this) & FLAG_GLOBAL) !== 0; }
  get ignoreCase(): boolean { return this.#flags.includes("i"); }
  get multiline(): boolean { return this.#flags.includes("m"); }
  get dotAll(): boolean { return this.#flags.includes("s"); }
  get unicode(): boolean { return (flagsOf(this) & FLAG_UNICODE) !== 0; }
  get sticky(): boolean { return (flagsOf(this) & FLAG_STICKY) !== 0; }
  get hasIndices(): boolean { return false; }
  test(s: string): boolean {
    return execMatch(this, s, false, false) !== null;
  }
  exec(s: string): unknown {
    return execMatch(this, s, true, false);
  }
  toString(): string {
    return concat(concat(concat("/", this.#source), "/"), this.#flags);
  }
}

/** A pattern object: what a literal or `new RegExp(constant)` evaluates to. */
export function regexpNew(source: string, flags: string, program: string, groupNames: unknown): RegExp {
  return new RegExp(source, flags, program, groupNames);
}

/** ToLength (ECMA-262 §7.1.20) of a lastIndex the program set: a fraction is cut, NaN and
 *  negative numbers are 0, and anything past every string's length is that. */
function lengthOf(n: number): number {
  if (isSmallInt(n)) return n < 0 ? 0 : n;
  if (!(n > 0)) return 0;
  if (n >= 0x3fffffff) return 0x3fffffff;
  return FRACTIONS ? Math.trunc(n) : n;
}

/** The FLAG_* bits of a pattern, from its code's header. */
function flagsOf(re: RegExp): number {
  return peek16(addressOf(re.program) + STRING_DATA + (HEADER_FLAGS << 1));
}

/** RegExpBuiltinExec (ECMA-262 §22.2.7.2): the match array (or true when `array` is false),
 *  or null; lastIndex as the g and y flags make it. */
function execMatch(re: RegExp, s: string, array: boolean, alwaysSticky: boolean): unknown {
  const flags = flagsOf(re);
  const global = (flags & FLAG_GLOBAL) !== 0;
  const sticky = alwaysSticky || (flags & FLAG_STICKY) !== 0;
  const from = global || sticky ? lengthOf(re.lastIndex) : 0;
  if (from > s.length) {
    if (global || sticky) re.lastIndex = 0;
    return null;
  }
  const index = search(re.program, s, from, sticky, (flags & FLAG_UNICODE) !== 0);
  if (index < 0) {
    if (global || sticky) re.lastIndex = 0;
    return null;
  }
  if (global || sticky) re.lastIndex = register(1);
  return array ? matchArray(re, s, index) : true;
}

/** s.match(re). */
export function strMatch(s: string, re: RegExp): unknown {
  if (!re.global) return execMatch(re, s, true, false);
  const unicode = re.unicode;
  re.lastIndex = 0;
  const found: unknown[] = [];
  for (;;) {
    const m = execMatch(re, s, true, false);
    if (m === null) return found.length === 0 ? null : found;
    const text = (m as string[])[0];
    arrayPush(found, text);
    if (text.length === 0) re.lastIndex = advance(s, re.lastIndex, unicode);
  }
}

/** s.matchAll(re), as the array of its matches (what for…of and spread would visit). The
 *  iteration works on a copy of re (§22.1.3.14): re's own lastIndex does not move. */
export function strMatchAll(s: string, re: RegExp): unknown[] {
  if (!re.global) throw new TypeError("String.prototype.matchAll called with a non-global RegExp argument");
  const copy = regexpNew(re.source, re.flags, re.program, re.groupNames);
  copy.lastIndex = re.lastIndex;
  const found: unknown[] = [];
  for (;;) {
    const m = execMatch(copy, s, true, false);
    if (m === null) return found;
    arrayPush(found, m);
    if ((m as string[])[0].length === 0) copy.lastIndex = advance(s, copy.lastIndex, re.unicode);
  }
}

/** s.search(re): the index of the first match, lastIndex left as it was. */
export function strSearch(s: string, re: RegExp): number {
  const previous = re.lastIndex;
  re.lastIndex = 0;
  const m = execMatch(re, s, true, false);
  re.lastIndex = previous;
  return m === null ? -1 : matchIndex(m as unknown[]);
}

type Replacer = (a0: unknown, a1: unknown, a2: unknown, a3?: unknown, a4?: unknown, a5?: unknown, a6?: unknown, a7?: unknown, a8?: unknown, a9?: unknown, a10?: unknown, a11?: unknown) => unknown;

/** A replacement function called with the match, the captures, the index, the input and the
 *  groups object when the pattern names groups. */
function callReplacer(f: Replacer, m: unknown[]): string {
  const args: unknown[] = [];
  for (let i = 0; i < m.length; i++) arrayPush(args, m[i]);
  arrayPush(args, matchIndex(m));
  arrayPush(args, matchInput(m));
  const groups = matchGroups(m);
  if (groups !== undefined) arrayPush(args, groups);
  const a = args;
  let result: unknown;
  switch (a.length) {
    case 3: result = f(a[0], a[1], a[2]); break;
    case 4: result = f(a[0], a[1], a[2], a[3]); break;
    case 5: result = f(a[0], a[1], a[2], a[3], a[4]); break;
    case 6: result = f(a[0], a[1], a[2], a[3], a[4], a[5]); break;
    case 7: result = f(a[0], a[1], a[2], a[3], a[4], a[5], a[6]); break;
    case 8: result = f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]); break;
    case 9: result = f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]); break;
    case 10: result = f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]); break;
    case 11: result = f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]); break;
    case 12: result = f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]); break;
    default: throw new RangeError("a replacement function for a pattern with more than 8 groups is not supported on devices");
  }
  return toString(result);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** GetSubstitution (ECMA-262 §22.1.3.19.1): $$, $&, $`, $', $n, $nn and $<name>. */
function substitution(m: unknown[], replacement: string): string {
  const matched = m[0] as string;
  const s = matchInput(m);
  const position = matchIndex(m);
  const captures = m.length - 1;
  const groups = matchGroups(m);
  let result = "";
  let from = 0;
  for (let i = 0; i + 1 < replacement.length; i++) {
    if (replacement.charCodeAt(i) !== 0x24) continue;
    const c = replacement.charCodeAt(i + 1);
    let piece = "";
    let length = 2;
    if (c === 0x24) piece = "$";
    else if (c === 0x26) piece = matched;
    else if (c === 0x60) piece = substringOf(s, 0, position);
    else if (c === 0x27) piece = substringOf(s, position + matched.length < s.length ? position + matched.length : s.length, s.length);
    else if (isDigit(c)) {
      let n = c - 0x30;
      if (i + 2 < replacement.length && isDigit(replacement.charCodeAt(i + 2)) && n * 10 + replacement.charCodeAt(i + 2) - 0x30 <= captures
        && n * 10 + replacement.charCodeAt(i + 2) - 0x30 >= 1) {
        n = n * 10 + replacement.charCodeAt(i + 2) - 0x30;
        length = 3;
      }
      if (n < 1 || n > captures) continue;
      const capture = m[n];
      piece = capture === undefined ? "" : (capture as string);
    } else if (c === 0x3c) {
      const close = replacement.indexOf(">", i + 2);
      if (groups === undefined || close < 0) continue;
      const value = objGet(groups, substringOf(replacement, i + 2, close));
      piece = value === undefined ? "" : toString(value);
      length = close + 1 - i;
    } else {
      continue;
    }
    result = concat(concat(result, substringOf(replacement, from, i)), piece);
    i += length - 1;
    from = i + 1;
  }
  return concat(result, substringOf(replacement, from, replacement.length));
}

/** s.replace(re, replacement) and s.replaceAll(re, replacement): a string with $ patterns or a
 *  function. The matches are all taken before any function runs (§22.2.6.11). */
export function strReplace(s: string, re: RegExp, replacement: unknown, all: boolean): string {
  const global = re.global;
  if (all && !global) throw new TypeError("String.prototype.replaceAll called with a non-global RegExp argument");
  const matches: unknown[] = [];
  if (global) {
    const unicode = re.unicode;
    re.lastIndex = 0;
    for (;;) {
      const m = execMatch(re, s, true, false);
      if (m === null) break;
      arrayPush(matches, m);
      if ((m as string[])[0].length === 0) re.lastIndex = advance(s, re.lastIndex, unicode);
    }
  } else {
    const m = execMatch(re, s, true, false);
    if (m !== null) arrayPush(matches, m);
  }
  const isFunction = isObject(replacement) && typeof replacement === "function";
  let result = "";
  let next = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i] as unknown[];
    const position = matchIndex(m);
    const text = isFunction ? callReplacer(replacement as Replacer, m) : substitution(m, replacement as string);
    if (position >= next) {
      result = concat(concat(result, substringOf(s, next, position)), text);
      next = position + (m[0] as string).length;
    }
  }
  return concat(result, substringOf(s, next, s.length));
}

/** s.split(re, limit) (ECMA-262 §22.2.6.14): the pieces between matches, with the captures. */
export function strSplit(s: string, re: RegExp, limit: unknown): string[] {
  const pieces: string[] = [];
  const most = limit === undefined ? 0x3fffffff : (limit as number);
  if (most === 0) return pieces;
  // The splitter matches only where it is put (a sticky copy, ECMA-262 §22.2.6.14 step 10).
  const splitter = regexpNew(re.source, re.flags, re.program, re.groupNames);
  const unicode = re.unicode;
  const size = s.length;
  if (size === 0) {
    if (execMatch(splitter, s, false, true) === null) arrayPush(pieces, s);
    return pieces;
  }
  let p = 0;
  let q = 0;
  while (q < size) {
    splitter.lastIndex = q;
    const m = execMatch(splitter, s, true, true);
    if (m === null) { q = advance(s, q, unicode); continue; }
    const e = splitter.lastIndex < size ? splitter.lastIndex : size;
    if (e === p) { q = advance(s, q, unicode); continue; }
    arrayPush(pieces, substringOf(s, p, q));
    if (pieces.length === most) return pieces;
    p = e;
    const captures = m as unknown[];
    for (let i = 1; i < captures.length; i++) {
      arrayPush(pieces, captures[i] as string);
      if (pieces.length === most) return pieces;
    }
    q = p;
  }
  arrayPush(pieces, substringOf(s, p, size));
  return pieces;
}
