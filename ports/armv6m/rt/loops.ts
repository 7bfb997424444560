// Counted loops for the port's hand-written routines (field-multiply.ts, sha256-compress.ts).

import type { ThumbAssembler } from "../../../sdk/compiler/asm/types.ts";

/** `body` `count` times (1 to 255), with `counter` (a low register the body leaves alone)
 *  counting down. */
export function countedLoop(a: ThumbAssembler, counter: number, count: number, body: () => void): void {
  a.movs(counter, count);
  const top = a.newLabel();
  a.bind(top);
  body();
  a.subs(counter, counter, { imm: 1 });
  a.bcond("ne", top);
}
