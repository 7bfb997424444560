// The swap: exchanges the first `sectors` sectors of the two slots through the scratch sector,
// so that the image that was in the primary ends in the secondary (to revert to), and
// records its progress so that a power cut at any instruction is finished on the next boot.
// The trailers are the slot library's (sdk/lib/image/trailer.ts, MCUboot's layout).
//
// Each sector i moves in three steps, each followed by its own swap status record (one byte
// in the primary's trailer, record 3i + step, written once):
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
// 3. The trailer sectors are never among the moved sectors (mote-boot accepts no image that
//    reaches into its slot's last sector: verify.ts), so the primary's trailer — the swap's
//    type, size and records — stays put for the whole swap, and the secondary's trailer still
//    holds the request that started it.
// 4. A swap begins (beginSwap) only while the request it serves is in the secondary's trailer,
//    and the primary's trailer says "swap under way" only once its type and size are written
//    (the magic last). A cut before that leaves the request, and the next boot begins again.
//    An erase runs from a sector's start to its end, so a cut erase of the primary's trailer
//    clears swap_size and swap_info before copy_done: an old trailer never half-erased into
//    "under way" (type and size set, copy_done not).
// 5. It ends (runSwap's last lines) by erasing the secondary's trailer (the request is
//    served), then image_ok (for a permanent swap or a revert), then copy_done, the mark that
//    the swap is over; a cut before copy_done resumes there, and those writes may all be done
//    again (programming 0x01 over 0x01, or over a half-programmed 0x01, leaves 0x01).

import { FLASH_SCRATCH_OFFSET } from "mote/board";
import { MAGIC_GOOD, MAGIC_UNSET, readTrailerInto, SWAP_TYPE_PERM, SWAP_TYPE_REVERT, trailerOffset, Trailer, writeCopyDone, writeImageOk, writeMagic, writeSwapInfo, writeSwapSize } from "../lib/image/trailer.ts";
import { copyFromFlash } from "../lib/image/flash-words.ts";
import { PRIMARY_SLOT, SECONDARY_SLOT, slotFlash, slotOffset, slotSize, SLOT_SECTOR_BYTES, type Slot } from "../lib/image/slots.ts";

const COPY_BYTES = 256;
const RECORD_DONE = 0x01;
const ERASED = 0xff;
const buffer = new Uint8Array(COPY_BYTES);
const record = new Uint8Array(1);
const trailer = new Trailer(MAGIC_UNSET, 0, 0, false, false, -1);

/** The primary's trailer says a swap is under way: begun, not finished. */
export function swapUnderWay(primary: Trailer): boolean {
  return primary.magic === MAGIC_GOOD && primary.swapType !== 0 && !primary.copyDone
    && primary.swapSize > 0 && primary.swapSize <= slotSize(PRIMARY_SLOT) - SLOT_SECTOR_BYTES;
}

/** Erases `slot`'s last sector, its trailer: every field unset. */
export function eraseTrailer(slot: Slot): void {
  slotFlash().erase(slotOffset(slot) + slotSize(slot) - SLOT_SECTOR_BYTES);
}

/** Starts a swap of `sectors` sectors of type `swapType` (its request is in the secondary's
 *  trailer): the primary's trailer is erased and written with the type, the size, the magic. */
export function beginSwap(swapType: number, sectors: number): void {
  eraseTrailer(PRIMARY_SLOT);
  writeSwapInfo(PRIMARY_SLOT, swapType);
  writeSwapSize(PRIMARY_SLOT, sectors * SLOT_SECTOR_BYTES);
  writeMagic(PRIMARY_SLOT);
}

/** Does, or finishes, the swap the primary's trailer records. */
export function runSwap(): void {
  const flash = slotFlash();
  const primary = readTrailerInto(PRIMARY_SLOT, trailer);
  const sectors = primary.swapSize >> 12;
  const records = trailerOffset(PRIMARY_SLOT);
  let done = 0;
  while (done < sectors * 3 && flash.readByte(records + done) !== ERASED) done++;
  let sector = 0;
  let step = done;
  while (step >= 3) {
    step -= 3;
    sector++;
  }
  const primaryAt = slotOffset(PRIMARY_SLOT);
  const secondaryAt = slotOffset(SECONDARY_SLOT);
  for (; sector < sectors; sector++) {
    const offset = sector * SLOT_SECTOR_BYTES;
    for (; step < 3; step++) {
      if (step === 0) copySector(secondaryAt + offset, FLASH_SCRATCH_OFFSET);
      else if (step === 1) copySector(primaryAt + offset, secondaryAt + offset);
      else copySector(FLASH_SCRATCH_OFFSET, primaryAt + offset);
      record[0] = RECORD_DONE;
      flash.program(records + sector * 3 + step, record);
    }
    step = 0;
  }
  eraseTrailer(SECONDARY_SLOT);
  if (primary.swapType === SWAP_TYPE_PERM || primary.swapType === SWAP_TYPE_REVERT) writeImageOk(PRIMARY_SLOT);
  writeCopyDone(PRIMARY_SLOT);
}

/** Erases the sector at `to` and copies the sector at `from` into it (erased pages skipped). */
function copySector(from: number, to: number): void {
  const flash = slotFlash();
  flash.erase(to);
  for (let at = 0; at < SLOT_SECTOR_BYTES; at += COPY_BYTES) {
    copyFromFlash(buffer, from + at, COPY_BYTES);
    if (!allErased(buffer)) flash.program(to + at, buffer);
  }
}

function allErased(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== ERASED) return false;
  return true;
}

/** Sectors a swap moves to exchange images of these sizes (bytes; 0 for none). */
export function sectorsFor(primaryBytes: number, secondaryBytes: number): number {
  const bytes = primaryBytes > secondaryBytes ? primaryBytes : secondaryBytes;
  let sectors = 0;
  while (sectors * SLOT_SECTOR_BYTES < bytes) sectors++;
  // Never the trailer's sector (an image reaching into it is refused, but may be the old one).
  const most = (slotSize(PRIMARY_SLOT) >> 12) - 1;
  return sectors > most ? most : sectors;
}
