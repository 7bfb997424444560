// Closures and the cells of captured variables (layout.ts). Both hold references, so the
// collector traces them.

import { addressOf, isObject, objectAt, objectKind, peek32, poke32, pokeValue, symbolAddress } from "mote/intrinsics";
import { fillWords } from "./port.ts";
import { allocTraced } from "./heap.ts";
import {
  CELL_VALUE, CLASS_PARENT, CLOSURE_CELLS, CLOSURE_CODE, DESCRIPTOR_CELL, DESCRIPTOR_CLOSURE, KIND_OBJECT, KIND_TYPED_ARRAY, TYPED_DESCRIPTOR_ELEMENT,
} from "./layout.ts";

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

/** A class instance: the descriptor, then `size - 4` bytes of fields, all undefined. */
export function objectNew(descriptor: number, size: number): unknown {
  const object = allocTraced(size);
  poke32(object, descriptor);
  fillWords(object + 4, (size - 4) >> 2, undefined);
  return objectAt<unknown>(object);
}

/** value instanceof Uint8Array (Int8Array, …): a typed array whose element type is `element`,
 *  an index into layout.ts's TYPED_ELEMENTS. */
export function typedInstanceOf(value: unknown, element: number): boolean {
  return isObject(value) && objectKind(value) === KIND_TYPED_ARRAY && peek32(peek32(addressOf(value)) + TYPED_DESCRIPTOR_ELEMENT) === element;
}

/** value instanceof C: C's descriptor on the value's chain of parent classes. */
export function instanceOf(value: unknown, descriptor: number): boolean {
  if (!isObject(value) || objectKind(value) !== KIND_OBJECT) return false;
  for (let d = peek32(addressOf(value)); d !== 0; d = peek32(d + CLASS_PARENT)) {
    if (d === descriptor) return true;
  }
  return false;
}
