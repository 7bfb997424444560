// err.stack's frames (sdk/compiler/lower/error-stacks.ts). When the program makes an error, the
// port's __rt_capture_stack (ports/armv6m/rt/stack-capture.ts) leaves the return addresses of
// the frames it walked in __rt_stack_capture_buffer, and stackCaptured keeps them in the error,
// as V8 keeps its frames; they become text only when the stack is read (or printed), from the
// call-site table the linker put in flash (sdk/compiler/emit/call-sites.ts):
//
//   word count
//   count words: return addresses, ascending (with the Thumb bit, as LR holds them)
//   count × 8 bytes: u16 frame bytes, u16 name (offset in the names, or HIDDEN, STOP),
//                    u16 line, u16 column of the call
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

/** The "\n    at …" lines of the frames kept in an error (undefined: none), each after `pad`. */
export function stackFramesText(frames: unknown, pad: string): string {
  if (frames === undefined) return "";
  const kept = addressOf(frames) + STRING_DATA;
  const depth = (frames as string).length >> 2;
  const table = symbolAddress("__stack_call_sites");
  const count = peek32(table);
  const addresses = table + 4;
  let text = "";
  for (let i = 0; i < depth; i++) {
    const address = peek32(kept + (i << 2));
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (peek32(addresses + (middle << 2)) < address) low = middle + 1;
      else high = middle;
    }
    if (low === count || peek32(addresses + (low << 2)) !== address) break;
    const info = addresses + (count << 2) + (low << 3);
    const name = peek16(info + 2);
    if (name === STOP) break;
    if (name === HIDDEN) continue;
    const names = addresses + count * 12 + name;
    const fn = latin1At(names);
    const where = concat(concat(concat(concat(latin1At(names + 1 + peek8(names)), ":"), smallIntText(peek16(info + 4))), ":"), smallIntText(peek16(info + 6)));
    const line = fn.length === 0 ? where : concat(concat(concat(fn, " ("), where), ")");
    text = concat(concat(concat(text, "\n"), pad), concat("    at ", line));
  }
  return text;
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
