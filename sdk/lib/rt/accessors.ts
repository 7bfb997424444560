// Getters and setters of object literals at run time (sdk/compiler/lower/accessors.ts): the
// `this` of the one running, which its code reads (accessorThis), kept while the runtime calls
// it. A module of its own: its variable and init come only with programs that read plain
// objects' properties, not with every program that links objects.ts.

import { addressOf, peekValue } from "mote/intrinsics";
import { ACCESSOR_GETTER, ACCESSOR_SETTER } from "./layout.ts";
import { concat } from "./strings.ts";
import { TypeError } from "./errors.ts";

let accessorReceiver: unknown = undefined;

export function accessorThis(): unknown {
  return accessorReceiver;
}

/** The getter of `pair` called on `o` (undefined without one). */
export function accessorGet(pair: unknown, o: unknown): unknown {
  const getter = peekValue<unknown>(addressOf(pair) + ACCESSOR_GETTER);
  if (getter === undefined) return undefined;
  const saved = accessorReceiver;
  accessorReceiver = o;
  try {
    return (getter as () => unknown)();
  } finally {
    accessorReceiver = saved;
  }
}

/** The setter of `pair` called on `o`; without one, strict mode's TypeError (an ES module, as
 *  Node runs the same file). */
export function accessorSet(pair: unknown, o: unknown, value: unknown, key: string): void {
  const setter = peekValue<unknown>(addressOf(pair) + ACCESSOR_SETTER);
  if (setter === undefined) throw new TypeError(concat(concat("Cannot set property ", key), " of #<Object> which has only a getter"));
  const saved = accessorReceiver;
  accessorReceiver = o;
  try {
    (setter as (v: unknown) => void)(value);
  } finally {
    accessorReceiver = saved;
  }
}
