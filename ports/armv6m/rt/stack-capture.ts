// err.stack's walk (sdk/compiler/lower/error-stacks.ts): called right after the program makes
// an error, it follows the chain of return addresses up from its caller's frame and leaves up
// to STACK_DEPTH of them in __rt_stack_capture_buffer (a count, then the addresses), for
// sdk/lib/rt/stack-trace.ts's stackCaptured to keep in the error.
//
// The walk is exact, not a scan for words that look like code addresses: every frame it passes
// is one the code generator made for the program's own code, whose size is constant in the
// body (ports/armv6m/codegen: [outgoing arguments][spills][saved registers][LR] from SP up), and
// the call-site table in flash (sdk/compiler/emit/call-sites.ts: the addresses in ascending
// order, then 8 bytes each whose first halfword is the frame's size) gives that size for each
// return address. The caller's SP is SP + size and its return address the word below it. The
// walk stops at the first address not in the table (the runtime calling back, main, a promise
// job) or after STACK_DEPTH frames. ARMv7-M runs the same code.
//
// Cost: a binary search per frame (about 9 instructions a step, log2 of the table's entries),
// plus 14 per frame.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import { STACK_CAPTURE } from "../../../sdk/compiler/port.ts";
import { chunk, data } from "./runtime.ts";

const { routine: CAPTURE_STACK, buffer: CAPTURE_BUFFER, callSites: CALL_SITES, depth: STACK_DEPTH } = STACK_CAPTURE;
const WORD = 4;
const LR_BELOW_CALLER_SP = 4;

export function stackCaptureChunks(): Chunk[] {
  const a = createAssembler();
  const walk = a.newLabel(), search = a.newLabel(), found = a.newLabel(), below = a.newLabel(), done = a.newLabel();
  const saved = [4, 5, 6, 7];
  // r1: the walked frame's SP, r2: its return address, r3: where the next one goes,
  // r4: the table's addresses, r12: their count.
  a.push([...saved, 14]);
  a.addRdSp(1, WORD * (saved.length + 1));
  a.mov(2, 14);
  a.ldrConst(3, { symbol: CAPTURE_BUFFER, addend: WORD });
  a.ldrConst(4, { symbol: CALL_SITES });
  a.ldm(4, [5]);
  a.mov(12, 5);
  a.bind(walk);
  a.ldrConst(0, { symbol: CAPTURE_BUFFER, addend: WORD * (1 + STACK_DEPTH) });
  a.cmp(3, 0);
  a.bcond("cs", done);
  // Binary search for r2 in [r6, r7).
  a.movs(6, 0);
  a.mov(7, 12);
  a.bind(search);
  a.cmp(6, 7);
  a.bcond("cs", done);
  a.adds(0, 6, 7);
  a.lsrs(0, 0, 1);
  a.lsls(5, 0, 2);
  a.ldr(5, 4, 5);
  a.cmp(5, 2);
  a.bcond("eq", found);
  a.bcond("hi", below);
  a.adds(6, 0, { imm: 1 });
  a.b(search);
  a.bind(below);
  a.mov(7, 0);
  a.b(search);
  a.bind(found);
  a.stm(3, [2]);
  // The frame's size: the first halfword of entry r0's information, after the addresses.
  a.mov(5, 12);
  a.lsls(5, 5, 2);
  a.add(5, 4);
  a.lsls(0, 0, 3);
  a.ldrh(0, 5, 0);
  a.adds(1, 1, 0);
  a.subs(0, 1, { imm: LR_BELOW_CALLER_SP });
  a.ldr(2, 0, { imm: 0 });
  a.b(walk);
  a.bind(done);
  a.ldrConst(0, { symbol: CAPTURE_BUFFER });
  a.subs(3, 3, 0);
  a.lsrs(3, 3, 2);
  a.subs(3, 3, { imm: 1 });
  a.str(3, 0, { imm: 0 });
  a.pop([...saved, 15]);
  return [chunk(CAPTURE_STACK, a), data(CAPTURE_BUFFER, new Uint8Array(WORD * (1 + STACK_DEPTH)), [], ".bss")];
}
