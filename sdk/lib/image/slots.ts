// The two image slots of a board that takes updates (boards/flash-layout.ts, reaching device
// code as `mote/board`'s FLASH_*_OFFSET/_SIZE): slot 0, the primary, holds the image that runs;
// slot 1, the secondary, is where an upload goes and what a swap exchanges with slot 0.
// Offsets here are bytes from the start of the board's flash, as `flash` takes them.
//
// Everything else in sdk/lib/image reads and writes the slots through this file: the board's
// `flash` (sdk/lib/flash.ts) with its checks, and byte readers for the little-endian fields of
// MCUboot's header, TLVs and trailer. On a board without a flash layout (HAS_FLASH_LAYOUT
// false) nothing here may be called: `hasSlots()` says so first.

import { FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE, FLASH_SECONDARY_OFFSET, FLASH_SECONDARY_SIZE, HAS_FLASH_LAYOUT } from "mote/board";
import { flash } from "mote/board-flash";
import type { Flash } from "mote/flash-class";
import { peek16 } from "mote/intrinsics";

/** Slot 0 (the primary: the running image) or 1 (the secondary: the upload). */
export type Slot = 0 | 1;
export const PRIMARY_SLOT = 0;
export const SECONDARY_SLOT = 1;

/** The erase unit of every flash driver (sdk/lib/flash.ts FLASH_SECTOR_BYTES). */
export const SLOT_SECTOR_BYTES = 4096;

/** True on boards with a flash layout (and so a flash driver): the slots exist. */
export function hasSlots(): boolean {
  return HAS_FLASH_LAYOUT;
}

/** Where `slot` starts, in bytes from the start of the flash. */
export function slotOffset(slot: Slot): number {
  return slot === 0 ? FLASH_PRIMARY_OFFSET : FLASH_SECONDARY_OFFSET;
}

/** How many bytes `slot` holds (both slots are the same size). */
export function slotSize(slot: Slot): number {
  return slot === 0 ? FLASH_PRIMARY_SIZE : FLASH_SECONDARY_SIZE;
}

/** The board's flash. Only boards with a flash layout reach this, and they all have a flash
 *  driver (checkFlashLayout's boards), so the generated `flash` is a Flash there; on other
 *  boards the type says otherwise, and hasSlots() keeps callers away. */
export function slotFlash(): Flash {
  return flash as unknown as Flash;
}

/** Where the flash is mapped: slot bytes are plain memory reads there. */
export function flashAddress(): number {
  return slotFlash().address;
}

/** The byte at `offset` in `slot`. */
export function slotByte(slot: Slot, offset: number): number {
  return slotFlash().readByte(slotOffset(slot) + offset);
}

/** The little-endian u16 at `offset` in `slot`. */
export function slotU16(slot: Slot, offset: number): number {
  return slotByte(slot, offset) | (slotByte(slot, offset + 1) << 8);
}

/** The little-endian u32 at `offset` in `slot`, as a non-negative number (above 2^30 it is a
 *  boxed double: compare large constants by halves with slotU16 instead). */
export function slotU32(slot: Slot, offset: number): number {
  return slotU16(slot, offset) + slotU16(slot, offset + 2) * 65536;
}

/** True when the sector at `offset` (from the flash's start) is all 0xFF. Half-words through
 *  the memory map: a whole slot is checked in a fraction of what byte reads with checks cost. */
export function sectorErased(offset: number): boolean {
  const start = flashAddress() + offset;
  for (let at = start; at < start + SLOT_SECTOR_BYTES; at += 2) {
    if (peek16(at) !== 0xffff) return false;
  }
  return true;
}
