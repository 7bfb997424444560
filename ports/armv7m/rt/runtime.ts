// The ARMv7-M port's hand-written runtime: the ARMv6-M one (ports/armv6m/rt, which runs
// unchanged on M3/M4), with the routines where a Thumb-2 instruction is a clear win replaced.

import { createThumb2Assembler } from "../../../sdk/compiler/asm/thumb2.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import type { PortRuntimeOptions } from "../../../sdk/compiler/port.ts";
import { chunk, portRuntime } from "../../armv6m/rt/runtime.ts";

/** Unsigned 32/32 division: r0 = n, r1 = d (nonzero) -> r0 = quotient, r1 = remainder, as the
 *  ARMv6-M routine of the same name, whose shift-subtract loop runs 32 steps (about 300
 *  instructions) where UDIV and MLS take two. */
export const UNSIGNED_DIVIDE = "__rt_udivmod";

function unsignedDivide(): Chunk {
  const a = createThumb2Assembler();
  a.udiv(2, 0, 1);
  a.mls(1, 2, 1, 0);
  a.mov(0, 2);
  a.bx(14);
  return { ...chunk(UNSIGNED_DIVIDE, a), module: "rt:armv7m" };
}

/** port.collectGarbage(): as ARMv6-M's, with r8-r11, where the code generator keeps values
 *  too: every callee-saved register goes on the stack for the collector's conservative scan,
 *  then heap.collectFrom(sp) (a tagged address). */
export const COLLECT_GARBAGE = "port.collectGarbage";

function collectGarbage(collect: string): Chunk {
  const a = createThumb2Assembler();
  a.pushW([4, 5, 6, 7, 8, 9, 10, 11, 14]);
  a.mov(0, 13);
  a.lsls(0, 0, 1);
  a.adds(0, 0, { imm: 1 });
  a.bl(collect);
  a.popW([4, 5, 6, 7, 8, 9, 10, 11, 15]);
  return { ...chunk(COLLECT_GARBAGE, a), module: "rt:armv7m" };
}

export function armv7mRuntime(options: PortRuntimeOptions): Chunk[] {
  return portRuntime(options).map((c) => {
    if (c.name === UNSIGNED_DIVIDE) return unsignedDivide();
    if (c.name === COLLECT_GARBAGE) return collectGarbage(options.collect);
    return c;
  });
}
