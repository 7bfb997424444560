// Which boot of the device this is, as a number that differs from one boot to the next
// (telemetry's `boot`: with `seq`, it names a reading uniquely, so the host can drop a
// reading delivered twice without dropping one from a later boot).
//
// The boot record (`__rt_boot_record`, .noinit: RAM that start-up code leaves alone) holds
// [0] a magic word, [4] the resets since power-on, [8] a seed. A reset keeps RAM, so the
// count goes up by one; at power-on RAM holds whatever the cells settled to, the magic is
// not there, and the count starts again at 0 — with a seed nobody wrote: SRAM's power-up
// state, which differs from one power-on to the next (the simulators model it: sdk/sim
// fills the seed with random bits at power-on). The id mixes the two.

import { peek32, poke32, symbolAddress } from "mote/intrinsics";

const MAGIC = 0x0b007ec0;
let id = -1;

/** This boot's id: 0 to 2^30 - 1. */
export function bootId(): number {
  if (id >= 0) return id;
  const record = symbolAddress("__rt_boot_record");
  let resets = 0;
  if (peek32(record) === MAGIC) {
    resets = (peek32(record + 4) + 1) & 0xffff;
  } else {
    poke32(record, MAGIC);
  }
  poke32(record + 4, resets);
  // Knuth's multiplicative hash spreads consecutive counts over the id's bits: 0x9e3779b1,
  // written as the int32 with the same bits (a program with int32 numbers has no other).
  id = (peek32(record + 8) ^ Math.imul(resets, -0x61c8864f)) & 0x3fffffff;
  return id;
}
