// Address → TypeScript function and source position, for crash reports and the host-side
// `mote` tools. Works on the LinkedImage (no ELF/DWARF parsing needed).
//
// For a *return address* (a saved LR, or a PC pushed by an exception frame for a frame
// that is not the faulting one) pass `returnAddress - 2`: the return address points at the
// instruction after the BL, which may belong to the next source line or even to the next
// function when the call is the last instruction. Subtracting 2 (one Thumb halfword) lands
// inside the BL itself. For the faulting PC, pass it unchanged.

import type { LineEntry } from "../asm/types.ts";
import type { LinkedImage, LinkedSymbol } from "./types.ts";

export interface SourceLocation {
  /** The function's display name ("fib", "Point.add"). */
  function: string;
  file?: string;
  line?: number;
  column?: number;
}

interface Index {
  functions: LinkedSymbol[];
  lines: LineEntry[];
}

const indexes = new WeakMap<LinkedImage, Index>();

function indexOf(image: LinkedImage): Index {
  let index = indexes.get(image);
  if (!index) {
    const functions = image.symbols.filter((s) => s.kind === "func").sort((a, b) => a.address - b.address);
    index = { functions, lines: image.lines };
    indexes.set(image, index);
  }
  return index;
}

/** The last element whose key is <= `key`, or -1 (arrays sorted by key). */
function lastAtOrBefore<T>(items: readonly T[], key: number, keyOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]) <= key) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The function containing `address` (the Thumb bit, bit 0, is ignored), and the source
 * position of the nearest line entry at or before it inside that function. Undefined when
 * the address is not inside any function.
 */
export function symbolize(image: LinkedImage, address: number): SourceLocation | undefined {
  const pc = (address & ~1) >>> 0;
  const { functions, lines } = indexOf(image);
  const at = lastAtOrBefore(functions, pc, (s) => s.address);
  if (at < 0) return undefined;
  const fn = functions[at];
  if (pc >= fn.address + fn.size) return undefined;
  const result: SourceLocation = { function: fn.displayName };
  const lineAt = lastAtOrBefore(lines, pc, (l) => l.offset);
  if (lineAt >= 0 && lines[lineAt].offset >= fn.address) {
    const entry = lines[lineAt];
    result.file = entry.file;
    result.line = entry.line;
    result.column = entry.column;
  }
  return result;
}
