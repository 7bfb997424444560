// err.stack's frames (sdk/compiler/lower/error-stacks.ts). When the program makes an error, the
// port's __rt_capture_stack (ports/armv6m/rt/stack-capture.ts) leaves the return addresses of
// the frames it walked in __rt_stack_capture_buffer, and stackCaptured keeps them in the error,
// as V8 keeps its frames; they become text only when the stack is read (or printed), from the
// call-site table the linker put in flash (sdk/compiler/emit/call-sites.ts):
//
//   word count
//   count words: return addresses, ascending (with the Thumb bit, as LR holds them)
//   count × 8 bytes: u16 frame bytes, u16 name (offset in the names with flags, or HIDDEN,
//                    STOP), u16 line of the call (with a flag), u16 its column
//   names: u8 length, the function's name (empty: none), u8 length, the file's name

import { addressOf, peek8, peek16, peek32, poke8, objectAt, symbolAddress } from "mote/intrinsics";
import { Error, errorToString } from "./errors.ts";
import { concat, newString, smallIntText } from "./strings.ts";
import { STRING_DATA } from "./layout.ts";
import { copyBytes } from "./port.ts";

/** A frame the compiler made (an async function's starter): left out, the walk goes on. */
const HIDDEN = 0xffff;
/** A frame V8 would name in a way the program's text does not settle: the stack ends. */
const STOP = 0xfffe;
/** In the name's halfword: a function V8 names by how it is called (StackFrame.byCaller in
 *  sdk/compiler/ir/ir.ts), and one also named when the runtime resumes it (resumed). */
const BY_CALLER = 0x8000;
const RESUMED = 0x4000;
const NAME_OFFSET = 0x3fff;
/** In the line's halfword: the call is through a property (`o.f()`). */
const MEMBER_CALL = 0x8000;
const LINE = 0x7fff;
/** V8's Error.stackTraceLimit (the walk keeps one more, the last one's caller). */
const SHOWN_FRAMES = 10;

/** Right after __rt_capture_stack: keeps the walked frames in `e`, as the bytes of a string
 *  (one allocation, no pointers for the collector to follow), one return address a word. */
export function stackCaptured(e: Error): void {
  const buffer = symbolAddress("__rt_stack_capture_buffer");
  const count = peek32(buffer);
  const frames = newString(count << 2, false);
  copyBytes(frames + STRING_DATA, buffer + 4, count << 2);
  Error.captured(e, objectAt<string>(frames));
}

/** err.stack: its first line as Node writes it ("name: message", read when asked, as V8
 *  formats the stack when it is first read), then the frames kept when the program made it. */
export function errorStack(e: Error): string {
  return concat(errorToString(e), stackFramesText(Error.framesOf(e), ""));
}

/** The "\n    at …" lines of the frames kept in an error (undefined: none), each after `pad`:
 *  at most V8's 10. */
export function stackFramesText(frames: unknown, pad: string): string {
  if (frames === undefined) return "";
  const kept = addressOf(frames) + STRING_DATA;
  const depth = (frames as string).length >> 2;
  const table = symbolAddress("__stack_call_sites");
  const count = peek32(table);
  let text = "";
  let shown = 0;
  for (let i = 0; i < depth && shown < SHOWN_FRAMES; i++) {
    const info = entryInfo(table, count, peek32(kept + (i << 2)));
    if (info === 0) break;
    const name = peek16(info + 2);
    if (name === STOP) break;
    if (name === HIDDEN) continue;
    if ((name & BY_CALLER) !== 0) {
      // Named as V8 does only when called by the program's own plain call (the next frame
      // that is not hidden), or, for an async function or generator declaration, resumed
      // by the runtime (no caller kept at all).
      let caller = 0;
      let next = i + 1;
      for (; next < depth; next++) {
        caller = entryInfo(table, count, peek32(kept + (next << 2)));
        if (caller === 0 || peek16(caller + 2) !== HIDDEN) break;
        caller = 0;
      }
      if (caller === 0 ? (name & RESUMED) === 0 || next !== i + 1 : (peek16(caller + 4) & MEMBER_CALL) !== 0) break;
    }
    const names = table + 4 + count * 12 + (name & NAME_OFFSET);
    const fn = latin1At(names);
    const where = concat(concat(concat(concat(latin1At(names + 1 + peek8(names)), ":"), smallIntText(peek16(info + 4) & LINE)), ":"), smallIntText(peek16(info + 6)));
    const line = fn.length === 0 ? where : concat(concat(concat(fn, " ("), where), ")");
    text = concat(concat(concat(text, "\n"), pad), concat("    at ", line));
    shown++;
  }
  return text;
}

/** The address of the information of the table's entry for return address `address`, or 0. */
function entryInfo(table: number, count: number, address: number): number {
  const addresses = table + 4;
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (peek32(addresses + (middle << 2)) < address) low = middle + 1;
    else high = middle;
  }
  if (low === count || peek32(addresses + (low << 2)) !== address) return 0;
  return addresses + (count << 2) + (low << 3);
}

/** stackFramesText in a program that keeps no frames (passes/stack-captures.ts). */
export function noStackFramesText(frames: unknown, pad: string): string {
  return "";
}

/** The string of the length-prefixed bytes at `address`. */
function latin1At(address: number): string {
  const length = peek8(address);
  const result = newString(length, false);
  for (let i = 0; i < length; i++) poke8(result + STRING_DATA + i, peek8(address + 1 + i));
  return objectAt<string>(result);
}
