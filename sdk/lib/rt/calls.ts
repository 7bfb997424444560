// Run-time support of calls. Rest parameters of functions reached through a value (closures,
// methods): the value-call convention (sdk/compiler/ir/ir.ts) passes the first three arguments
// in registers and the others on the stack after their count, so where such a function's rest
// ends is known only when it runs (functions called directly get their rest array from the
// caller instead). And the check that a property called as a method holds a function.

import { isObject, objectKind, peekValue } from "mote/intrinsics";
import { arrayNew } from "./arrays.ts";
import { KIND_CLOSURE } from "./layout.ts";
import { concat } from "./strings.ts";
import { TypeError } from "./errors.ts";

/**
 * The arguments from index `from` on, of the `count` a value call passed: the first three
 * came in registers (`first`, `second`, `third`), the others are the stack words from
 * `stackArguments` on.
 */
export function restArguments(stackArguments: number, count: number, from: number, first: unknown, second: unknown, third: unknown): unknown[] {
  const rest = arrayNew(count > from ? count - from : 0);
  for (let i = from; i < count; i++) {
    rest[i - from] = i === 0 ? first : i === 1 ? second : i === 2 ? third : peekValue<unknown>(stackArguments + 4 * (i - 3));
  }
  return rest;
}

/** `value`, a property about to be called (`callee` is the call's text, as Node names it);
 *  a TypeError when it is not a function. */
export function callableProperty(value: unknown, callee: string): unknown {
  if (!isObject(value) || objectKind(value) !== KIND_CLOSURE) throw new TypeError(concat(callee, " is not a function"));
  return value;
}
