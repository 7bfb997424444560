// Rest parameters of functions reached through a value (closures, methods): the value-call
// convention (sdk/compiler/ir/ir.ts) passes the first three arguments in registers and the
// others on the stack after their count, so where such a function's rest ends is known only
// when it runs. Functions called directly get their rest array from the caller instead.

import { peekValue } from "mote/intrinsics";
import { arrayNew } from "./arrays.ts";

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
