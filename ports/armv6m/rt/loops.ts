// Loops the port's hand-written routines share (field-multiply.ts, sha256-compress.ts,
// sha512-compress.ts).

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

/** `count` 32-bit big-endian words (1 to 255) from r1 (any alignment: a byte at a time) to r2,
 *  both advanced past them; r3..r5 are used (the SHA block functions' message words). */
export function bigEndianWords(a: ThumbAssembler, count: number): void {
  countedLoop(a, 5, count, () => {
    a.ldrb(3, 1, { imm: 0 });
    a.lsls(3, 3, 24);
    for (let i = 1; i < 4; i++) {
      a.ldrb(4, 1, { imm: i });
      if (i < 3) a.lsls(4, 4, 24 - 8 * i);
      a.orrs(3, 4);
    }
    a.stm(2, [3]);
    a.adds(1, 1, { imm: 4 });
  });
}
