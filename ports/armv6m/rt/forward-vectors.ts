// mote-boot's vector table on a Cortex-M0 (no VTOR): the core always takes its vectors from
// address 0, which is mote-boot's table, so every exception but reset must reach the booted
// app's own table (issue 10 item 2, the micro:bit). Each entry points at one stub that picks
// a table and jumps through the entry of the exception being taken (IPSR):
//
// - the app's, at a fixed address (the primary slot's start plus the image header: mote-boot
//   refuses images of another header size or load address), when the interrupted code is
//   not mote-boot's — its pc at or above the end of mote-boot's flash area, or its frame on
//   the process stack (mote-boot never uses it; an RTOS app's threads do);
// - mote-boot's own (the table the port would have made, kept in .rodata) otherwise: serial
//   recovery's UART and SysTick interrupts, mote-boot's crash handler.
//
// No RAM word is needed: the interrupted pc says who runs, and nothing of it survives an
// app's start-up code. An app's fault at an address inside mote-boot's area (a call through
// a null function pointer) reaches mote-boot's crash handler instead of the app's.
//
// The stub uses only r0 and r1, which the exception entry stacked, and leaves lr (EXC_RETURN)
// and sp as the handler expects them. Cost per forwarded exception: 12 instructions (about 20 cycles on a Cortex-M0).

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";
import type { Chunk } from "../../../sdk/compiler/link/types.ts";
import { chunk } from "./runtime.ts";

export interface VectorForwarding {
  /** The first address past mote-boot's flash area (the primary slot's start). */
  bootEnd: number;
  /** The app's vector table: the primary slot's start plus the image header. */
  appVectors: number;
}

export const FORWARD_STUB = "__boot_forward";
export const OWN_VECTORS = "__boot_own_vectors";
/** ARMv6-M ARM B1.5.8: EXC_RETURN bit 2 set: the frame is on the process stack. */
const EXC_RETURN_PSP_SHIFT = 29;
/** The stacked pc's offset in the exception frame (r0-r3, r12, lr, pc, xPSR). */
const FRAME_PC = 24;
const ENTRY_BYTES = 4;

/**
 * Replaces `table` (the port's vector table: initial SP, reset, handlers) by a forwarding one
 * covering every exception and all `irqCount` interrupts, and returns it with its stub and
 * mote-boot's own table (entries the port left empty fault in mote-boot, as before).
 */
export function forwardingVectors(table: Chunk, irqCount: number, faultHandler: string, forwarding: VectorForwarding): Chunk[] {
  const entries = 16 + irqCount;
  const reserved = (i: number) => i >= 7 && i <= 10 || i === 12 || i === 13;
  const own: Chunk["relocs"] = [];
  for (let i = 2; i < entries; i++) {
    if (reserved(i)) continue;
    const kept = table.relocs.find((r) => r.offset === ENTRY_BYTES * i);
    own.push({ offset: ENTRY_BYTES * i, kind: "abs32", symbol: kept?.symbol ?? faultHandler, addend: 1 });
  }
  const forwardingRelocs: Chunk["relocs"] = table.relocs.filter((r) => r.offset < 2 * ENTRY_BYTES);
  for (let i = 2; i < entries; i++) {
    if (!reserved(i)) forwardingRelocs.push({ offset: ENTRY_BYTES * i, kind: "abs32", symbol: FORWARD_STUB, addend: 1 });
  }
  const bytes = new Uint8Array(ENTRY_BYTES * entries);
  const a = createAssembler();
  const toApp = a.newLabel(), jump = a.newLabel(), toOwn = a.newLabel();
  a.mov(0, 14);
  a.lsls(0, 0, EXC_RETURN_PSP_SHIFT);
  a.bcond("mi", toApp);
  a.ldr(0, 13, { imm: FRAME_PC });
  a.ldrConst(1, forwarding.bootEnd);
  a.cmp(0, 1);
  a.bcond("cc", toOwn);
  a.bind(toApp);
  a.ldrConst(1, forwarding.appVectors);
  a.bind(jump);
  a.mrs(0, "ipsr");
  a.lsls(0, 0, 2);
  a.ldr(0, 1, 0);
  a.bx(0);
  a.bind(toOwn);
  a.ldrConst(1, { symbol: OWN_VECTORS });
  a.b(jump);
  return [
    { ...table, bytes, size: bytes.length, relocs: forwardingRelocs },
    { ...table, name: OWN_VECTORS, section: ".rodata", bytes: new Uint8Array(ENTRY_BYTES * entries), size: ENTRY_BYTES * entries, relocs: own },
    chunk(FORWARD_STUB, a),
  ];
}
