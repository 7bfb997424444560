// The heap: from the end of .bss to the bottom of the stack (both placed by the linker).
// This language step allocates by bumping a pointer; the mark-sweep collector DESIGN.md
// describes replaces `alloc` without changing its callers.

import { panic, symbolAddress } from "mote/intrinsics";
import { PANIC_OUT_OF_MEMORY } from "./panic-codes.ts";

let next = 0;
let end = 0;

/** Address of `bytes` fresh bytes (not cleared), 4-aligned. The heap is set up by the first
 *  allocation, so an image that never allocates carries no heap code. */
export function alloc(bytes: number): number {
  if (end === 0) {
    next = symbolAddress("__heap_start");
    end = symbolAddress("__heap_end");
  }
  const start = next;
  const after = start + ((bytes + 3) & ~3);
  if (after > end) panic(PANIC_OUT_OF_MEMORY);
  next = after;
  return start;
}

/** Bytes left on the heap. */
export function heapFree(): number {
  return end - next;
}
