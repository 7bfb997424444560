// The swap: exchanges the first `sectors` sectors of the two slots through the scratch sector,
// so that the image that was in the primary ends in the secondary (to revert to), and
// records its progress so that a power cut at any instruction is finished on the next boot.
//
// Each sector i moves in three steps, each followed by its own status record (one byte in the
// primary's trailer, STATUS_AT + 3i + step, written once):
//   step 0: erase scratch;        copy secondary[i] → scratch
//   step 1: erase secondary[i];   copy primary[i]   → secondary[i]
//   step 2: erase primary[i];     copy scratch      → primary[i]
//
// Invariants (what makes a cut anywhere safe):
// 1. A step's source is intact until the step's record is written: step 0 reads secondary[i],
//    which only step 1 of the same sector changes; step 1 reads primary[i], changed only by
//    step 2; step 2 reads scratch, changed only by step 0 of the next sector. So a step whose
//    record is missing can always be done again from its start, whatever the cut left in its
//    destination (a step erases its destination first).
// 2. Records are written in order, so the first unwritten record is the step to redo; a record
//    a cut left half-programmed (neither 0xFF nor 0x01) reads as written, which is right: it is
//    only written after its step finished.
// 3. The trailer sectors are never part of the moved sectors (an image ends before its slot's
//    last sector), so the primary's trailer — the swap's type, size and records — stays put
//    for the whole swap, and the secondary's trailer still holds the request that started it.
// 4. A swap begins (begin) only after the request it serves is in the secondary's trailer,
//    and the primary's trailer says "swap under way" only once its type and size are written
//    (the magic last). A cut before that leaves the request, and the next boot begins again.
// 5. It ends (finish) by erasing the secondary's trailer (the request is served), then
//    image_ok (for a permanent swap or a revert), then copy_done, the mark that the swap is
//    over; a cut before copy_done resumes at finish, whose writes may all be done again.

import { flash } from "mote/board-flash";
import { FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE, FLASH_SCRATCH_OFFSET, FLASH_SECONDARY_OFFSET } from "mote/board";
import { COPY_DONE_AT, FLAG_SET, IMAGE_OK_AT, MAGIC_GOOD, SECTOR_BYTES, SWAP_INFO_AT, SWAP_PERM, SWAP_REVERT, Trailer } from "./trailer.ts";

const COPY_BYTES = 256;
let buffer: Uint8Array | undefined;

/** The primary's trailer says a swap is under way: begun, not finished. */
export function swapUnderWay(primary: Trailer): boolean {
  return primary.magic === MAGIC_GOOD && primary.swapType !== 0 && primary.swapSize > 0 && !primary.copyDone;
}

/** Starts a swap of `sectors` sectors of type `swapType` (the request is in the secondary's
 *  trailer): the primary's trailer is erased and written with the type, the size and the magic. */
export function beginSwap(primary: Trailer, swapType: number, sectors: number): void {
  primary.erase();
  primary.writeByte(SWAP_INFO_AT, swapType);
  primary.writeSwapSize(sectors * SECTOR_BYTES);
  primary.writeMagic();
  primary.read();
}

/** Does (or finishes) the swap the primary's trailer records; `secondary` is the other trailer. */
export function runSwap(primary: Trailer, secondary: Trailer): void {
  const sectors = primary.swapSize >> 12;
  let record = 0;
  while (record < sectors * 3 && primary.statusWritten(record)) record++;
  let sector = 0;
  let step = record;
  while (step >= 3) {
    step -= 3;
    sector++;
  }
  for (; sector < sectors; sector++) {
    const offset = sector * SECTOR_BYTES;
    for (; step < 3; step++) {
      if (step === 0) copySector(FLASH_SECONDARY_OFFSET + offset, FLASH_SCRATCH_OFFSET);
      else if (step === 1) copySector(FLASH_PRIMARY_OFFSET + offset, FLASH_SECONDARY_OFFSET + offset);
      else copySector(FLASH_SCRATCH_OFFSET, FLASH_PRIMARY_OFFSET + offset);
      primary.writeByte(sector * 3 + step, FLAG_SET);
    }
    step = 0;
  }
  secondary.erase();
  if (primary.swapType === SWAP_PERM || primary.swapType === SWAP_REVERT) primary.writeByte(IMAGE_OK_AT, FLAG_SET);
  primary.writeByte(COPY_DONE_AT, FLAG_SET);
  primary.read();
  secondary.read();
}

/** Erases the sector at `to` and copies the sector at `from` into it. */
function copySector(from: number, to: number): void {
  buffer ??= new Uint8Array(COPY_BYTES);
  flash.erase(to);
  for (let at = 0; at < SECTOR_BYTES; at += COPY_BYTES) {
    flash.read(from + at, buffer);
    if (!allErased(buffer)) flash.program(to + at, buffer);
  }
}

function allErased(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

/** Sectors a swap must move to exchange images of these sizes (bytes; 0 for none). */
export function sectorsFor(primaryBytes: number, secondaryBytes: number): number {
  const bytes = primaryBytes > secondaryBytes ? primaryBytes : secondaryBytes;
  let sectors = 0;
  while (sectors * SECTOR_BYTES < bytes) sectors++;
  const most = (FLASH_PRIMARY_SIZE >> 12) - 1;
  return sectors > most ? most : sectors;
}
