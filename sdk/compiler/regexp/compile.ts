// A parsed pattern (parse.ts) as matcher code for the device's backtracking matcher
// (sdk/lib/rt/regexp.ts). The format is in sdk/lib/rt/regexp-code.ts: a string of 16-bit units,
// a constant in flash like any string literal, so a pattern costs no RAM until it runs.
//
// Why a bytecode and not Thumb code: one small interpreter (a few KB, linked only with a
// pattern) serves every pattern, and a pattern's code is a few dozen bytes. Choices are what
// make a backtracking matcher: the interpreter keeps a stack of the points to come back to,
// and of register values to restore, in heap memory it bounds (a RangeError past the bound,
// as V8 throws when its stack runs out), so a pattern never recurses on the device's stack
// except through nested lookarounds, which the pattern's own nesting bounds.
//
// Sets of characters are computed here with the host's V8: the code points a class, an escape
// like \w, or (under the i flag) a literal character matches are enumerated, under the
// pattern's flags, and become ranges. Case folding then costs the device nothing, and agrees
// with Node's for every character; only backreferences under i fold at run time.

import {
  CODE_MAGIC, HEADER_SIZE, LOOK_AHEAD, LOOK_AHEAD_NOT, LOOK_BEHIND, LOOK_BEHIND_NOT, NO_FIRST, OP_ANY, OP_ANY_ALL, OP_BACKREFERENCE,
  OP_BACKWARD, OP_BOUNDARY, OP_CHAR, OP_CLEAR, OP_CODE_POINT, OP_END, OP_ITERATE, OP_JUMP, OP_LOOK, OP_LOOK_END, OP_LOOP, OP_MARK,
  OP_MATCH, OP_SAVE, OP_SET, OP_SET_REGISTER, OP_SPLIT, OP_STAR, OP_START, UNBOUNDED, HEADER_CAPTURES, HEADER_REGISTERS, HEADER_FIRST,
  BOUNDARY_NEGATED, BOUNDARY_FOLDED_WORDS, FLAG_GLOBAL, FLAG_STICKY, FLAG_UNICODE,
} from "../../lib/rt/regexp-code.ts";
import { INFINITE, type Node, type Pattern } from "./parse.ts";

export interface Flags {
  global: boolean;
  sticky: boolean;
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  unicode: boolean;
}

/** A pattern the device cannot run as Node would (a count too large for the code's units). */
export class UnsupportedPattern extends Error {}

type Range = [number, number];

const setCache = new Map<string, Range[]>();

/** The code points V8 matches with `source` (one atom) under the flags, as sorted ranges. */
function enumerate(source: string, flags: Flags): Range[] {
  const flagText = (flags.ignoreCase ? "i" : "") + (flags.unicode ? "u" : "");
  const key = `${flagText}/${source}`;
  const cached = setCache.get(key);
  if (cached) return cached;
  const re = new RegExp(`^(?:${source})$`, flagText);
  const ranges: Range[] = [];
  const last = flags.unicode ? 0x10ffff : 0xffff;
  let start = -1;
  for (let c = 0; c <= last + 1; c++) {
    const hit = c <= last && re.test(flags.unicode ? String.fromCodePoint(c) : String.fromCharCode(c));
    if (hit && start < 0) start = c;
    if (!hit && start >= 0) { ranges.push([start, c - 1]); start = -1; }
  }
  setCache.set(key, ranges);
  return ranges;
}

/** The code of a pattern, as the units of a string constant. */
export function compilePattern(pattern: Pattern, flags: Flags): string {
  const flagBits = (flags.global ? FLAG_GLOBAL : 0) | (flags.sticky ? FLAG_STICKY : 0) | (flags.unicode ? FLAG_UNICODE : 0);
  const code: number[] = [CODE_MAGIC, 0, pattern.groupCount + 1, NO_FIRST, flagBits];
  let registers = 2 * (pattern.groupCount + 1);
  const count = (n: number): number => {
    if (n === INFINITE) return UNBOUNDED;
    if (n >= UNBOUNDED) throw new UnsupportedPattern(`a count of ${n} in a quantifier is more than devices support (at most ${UNBOUNDED - 1})`);
    return n;
  };

  /** The ops matching one character of the node (char, set or dot), or undefined. */
  function single(node: Node, backward: boolean): number[] | undefined {
    const direction = backward ? OP_BACKWARD : 0;
    const point = flags.unicode ? OP_CODE_POINT : 0;
    if (node.kind === "dot") return [(flags.dotAll ? OP_ANY_ALL : OP_ANY) | direction | point];
    let ranges: Range[];
    if (node.kind === "char") {
      if (!flags.ignoreCase && node.value <= 0xffff) return [OP_CHAR | direction, node.value];
      if (!flags.ignoreCase) return undefined;
      ranges = enumerate(node.source, flags);
      if (ranges.length === 1 && ranges[0][0] === ranges[0][1] && ranges[0][0] <= 0xffff) return [OP_CHAR | direction, ranges[0][0]];
    } else if (node.kind === "set") {
      ranges = enumerate(node.source, flags);
    } else {
      return undefined;
    }
    const narrow = ranges.filter(([, high]) => high <= 0xffff);
    const wide = ranges.filter(([low]) => low > 0xffff);
    const straddling = ranges.find(([low, high]) => low <= 0xffff && high > 0xffff);
    if (straddling) {
      narrow.push([straddling[0], 0xffff]);
      wide.unshift([0x10000, straddling[1]]);
    }
    const ops = [OP_SET | direction | point, narrow.length, wide.length];
    for (const [low, high] of narrow) ops.push(low, high);
    for (const [low, high] of wide) ops.push(low >> 16, low & 0xffff, high >> 16, high & 0xffff);
    return ops;
  }

  /** Whether every match of the single-character ops takes exactly one code unit. */
  const oneUnit = (ops: number[]): boolean => {
    if (!flags.unicode) return true;
    return (ops[0] & 0xff) === OP_CHAR || ((ops[0] & 0xff) === OP_SET && ops[2] === 0);
  };

  function groupsIn(node: Node): number[] {
    switch (node.kind) {
      case "group": return node.index > 0 ? [node.index, ...groupsIn(node.body)] : groupsIn(node.body);
      case "look": case "repeat": return groupsIn(node.body);
      case "sequence": return node.items.flatMap(groupsIn);
      case "alternation": return node.alternatives.flatMap(groupsIn);
      default: return [];
    }
  }

  // Under u and i, ſ and the Kelvin sign are word characters too (ECMA-262 §22.2.2.9.4).
  const wordFlags = flags.unicode && flags.ignoreCase ? BOUNDARY_FOLDED_WORDS : 0;

  function emit(node: Node, backward: boolean): void {
    const direction = backward ? OP_BACKWARD : 0;
    switch (node.kind) {
      case "empty": return;
      case "char":
        if (node.value > 0xffff && !flags.ignoreCase) {
          // A code point beyond the BMP is its two surrogates (matched right to left backward).
          const high = 0xd800 + ((node.value - 0x10000) >> 10);
          const low = 0xdc00 + ((node.value - 0x10000) & 0x3ff);
          code.push(OP_CHAR | direction, backward ? low : high, OP_CHAR | direction, backward ? high : low);
          return;
        }
        code.push(...single(node, backward)!);
        return;
      case "set": case "dot":
        code.push(...single(node, backward)!);
        return;
      case "sequence":
        for (const item of backward ? [...node.items].reverse() : node.items) emit(item, backward);
        return;
      case "alternation": {
        const jumps: number[] = [];
        node.alternatives.forEach((alternative, i) => {
          const last = i === node.alternatives.length - 1;
          let split = -1;
          if (!last) {
            split = code.length;
            code.push(OP_SPLIT, code.length + 3, 0);
          }
          emit(alternative, backward);
          if (!last) {
            jumps.push(code.length + 1);
            code.push(OP_JUMP, 0);
            code[split + 2] = code.length;
          }
        });
        for (const at of jumps) code[at] = code.length;
        return;
      }
      case "group":
        if (node.index === 0) { emit(node.body, backward); return; }
        code.push(OP_SAVE, 2 * node.index + (backward ? 1 : 0));
        emit(node.body, backward);
        code.push(OP_SAVE, 2 * node.index + (backward ? 0 : 1));
        return;
      case "look": {
        const kind = node.behind ? (node.negative ? LOOK_BEHIND_NOT : LOOK_BEHIND) : (node.negative ? LOOK_AHEAD_NOT : LOOK_AHEAD);
        const at = code.length;
        code.push(OP_LOOK, kind, 0);
        emit(node.body, node.behind);
        code.push(OP_LOOK_END);
        code[at + 2] = code.length;
        return;
      }
      case "assertion":
        switch (node.which) {
          case "start": code.push(OP_START, flags.multiline ? 1 : 0); return;
          case "end": code.push(OP_END, flags.multiline ? 1 : 0); return;
          case "boundary": code.push(OP_BOUNDARY, wordFlags); return;
          case "not-boundary": code.push(OP_BOUNDARY, wordFlags | BOUNDARY_NEGATED); return;
        }
        return;
      case "backreference":
        code.push(OP_BACKREFERENCE | direction, node.index, flags.ignoreCase ? 1 : 0);
        return;
      case "repeat": {
        const { body, min, max, greedy } = node;
        if (max === 0) return;
        if (min === 1 && max === 1) { emit(body, backward); return; }
        const atom = single(body, backward);
        if (atom && greedy && oneUnit(atom)) {
          code.push(OP_STAR | direction, count(min), count(max), code.length + 4 + atom.length, ...atom);
          return;
        }
        const counter = registers++;
        const mark = registers++;
        const groups = groupsIn(body);
        code.push(OP_SET_REGISTER, counter, 0);
        const loop = code.length;
        code.push(OP_LOOP, counter, count(min), count(max), greedy ? 1 : 0, 0);
        code.push(OP_MARK, mark);
        if (groups.length > 0) code.push(OP_CLEAR, 2 * Math.min(...groups), 2 * Math.max(...groups) + 2);
        emit(body, backward);
        code.push(OP_ITERATE, counter, mark, count(min), loop);
        code[loop + 5] = code.length;
        return;
      }
    }
  }

  emit(pattern.root, false);
  code.push(OP_MATCH);
  // Addresses in the code are single units.
  if (code.length > 0xffff) throw new UnsupportedPattern(`the pattern compiles to ${code.length} units of matcher code, more than devices support (65,535)`);
  code[HEADER_REGISTERS] = registers;
  code[HEADER_CAPTURES] = pattern.groupCount + 1;
  // A character every match starts with lets the matcher skip the positions without it.
  let first = HEADER_SIZE;
  while (code[first] === OP_SAVE) first += 2;
  if (code[first] === OP_STAR && code[first + 1] >= 1) first += 4;
  // (Under u a match never starts inside a surrogate pair, which a set could match.)
  const surrogate = code[first + 1] >= 0xd800 && code[first + 1] <= 0xdfff;
  if (code[first] === OP_CHAR ? !(flags.unicode && surrogate) : code[first] === OP_SET && !flags.unicode) code[HEADER_FIRST] = first;
  return String.fromCharCode(...code);
}
