// Closures and the cells of captured variables (layout.ts). Both hold references, so the
// collector traces them.

import { objectAt, poke32, pokeValue, symbolAddress } from "mote/intrinsics";
import { allocTraced } from "./heap.ts";
import { CELL_VALUE, CLOSURE_CELLS, CLOSURE_CODE, DESCRIPTOR_CELL, DESCRIPTOR_CLOSURE } from "./layout.ts";

/** A closure for `code` (its address with bit 0 set, as a number) with room for `cells`. */
export function closureNew(code: number, cells: number): unknown {
  const closure = allocTraced(CLOSURE_CELLS + 4 * cells);
  poke32(closure, symbolAddress(DESCRIPTOR_CLOSURE));
  poke32(closure + CLOSURE_CODE, code);
  return objectAt<unknown>(closure);
}

export function cellNew(value: unknown): unknown {
  const cell = allocTraced(CELL_VALUE + 4);
  poke32(cell, symbolAddress(DESCRIPTOR_CELL));
  pokeValue(cell + CELL_VALUE, value);
  return objectAt<unknown>(cell);
}
