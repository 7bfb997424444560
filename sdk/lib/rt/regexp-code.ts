// The matcher code of a regular expression: what sdk/compiler/regexp/compile.ts writes at
// build time and sdk/lib/rt/regexp.ts runs. The code is a string of 16-bit units in flash
// (always a two-byte string: the first unit is CODE_MAGIC), so the matcher reads it with
// peek16. The header, then instructions: an opcode unit, then its operands. Addresses are
// unit indices into the code.

/** Header: the magic unit (above 0xFF, so the literal is stored two bytes a unit), the number
 *  of registers (two per capture, group 0 included, then the loops' counters and positions),
 *  the number of captures (groups + 1), the address of a single-character op every match
 *  starts with (NO_FIRST: none), which lets the matcher skip positions where it fails, and the
 *  flags (FLAG_*). */
export const CODE_MAGIC = 0x5265;
export const HEADER_REGISTERS = 1;
export const HEADER_CAPTURES = 2;
export const HEADER_FIRST = 3;
export const HEADER_FLAGS = 4;
export const HEADER_SIZE = 5;
export const NO_FIRST = 0;
export const FLAG_GLOBAL = 1;
export const FLAG_STICKY = 2;
export const FLAG_UNICODE = 4;
/** A quantifier's maximum of infinity. */
export const UNBOUNDED = 0xffff;

/** Flags or'ed into an opcode: match right to left (inside a lookbehind); read a code point
 *  (u flag) where it would read one code unit. */
export const OP_BACKWARD = 0x100;
export const OP_CODE_POINT = 0x200;
export const OP_MASK = 0xff;

/** c: one code unit. */
export const OP_CHAR = 1;
/** Any character but a line terminator. */
export const OP_ANY = 2;
/** Any character (s flag). */
export const OP_ANY_ALL = 3;
/** n, m, then n pairs [low, high] of code units, then m pairs of code points (two units each,
 *  high half first): the character is in one of the ranges. */
export const OP_SET = 4;
/** a, b: try a; on failure, b. */
export const OP_SPLIT = 5;
/** a: go to a. */
export const OP_JUMP = 6;
/** r: register r = the position. */
export const OP_SAVE = 7;
/** multiline: ^ */
export const OP_START = 8;
/** multiline: $ */
export const OP_END = 9;
/** flags: BOUNDARY_NEGATED for \B; BOUNDARY_FOLDED_WORDS under u and i. */
export const OP_BOUNDARY = 10;
export const BOUNDARY_NEGATED = 1;
export const BOUNDARY_FOLDED_WORDS = 2;
/** group, ignoreCase: the text group last matched. */
export const OP_BACKREFERENCE = 11;
/** kind (LOOK_*), end: the body follows, closed by OP_LOOK_END; end is after it. */
export const OP_LOOK = 12;
export const OP_LOOK_END = 13;
export const OP_MATCH = 14;
/** min, max, next, then one single-unit atom (CHAR, SET or ANY): the atom repeated greedily,
 *  giving back one unit at a time on backtracking; then go to next. */
export const OP_STAR = 15;
/** r, value: register r = value. */
export const OP_SET_REGISTER = 16;
/** counter, min, max, greedy, exit: whether to run the loop's body once more. */
export const OP_LOOP = 17;
/** r: register r = the position (where the loop's body started this time). */
export const OP_MARK = 18;
/** from, to: registers [from, to) = -1 (the captures inside a loop's body, each time round). */
export const OP_CLEAR = 19;
/** counter, mark, min, loop: the end of a loop's body: fail if it matched nothing once the
 *  minimum is reached (ECMA-262 §22.2.2.3.1 RepeatMatcher), else count it and go to loop. */
export const OP_ITERATE = 20;

export const LOOK_AHEAD = 0;
export const LOOK_AHEAD_NOT = 1;
export const LOOK_BEHIND = 2;
export const LOOK_BEHIND_NOT = 3;
