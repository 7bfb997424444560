// The slot trailer: what MCUboot (and mote-boot) keep at the end of each slot to request,
// confirm, revert and resume a swap — exactly as flash-tool/image/trailer.ts lays it out
// (mcu-tools/mcuboot docs/design.md "Image Trailer", bootutil_public.c), so host and device
// agree byte for byte (test/boards/image-slots.test.ts compares them). From the slot's end
// backwards, each field padded to BOOT_MAX_ALIGN (8) with erased bytes:
//
//   magic       16 bytes 77 c2 95 f3 60 d2 ef 7f 35 52 50 0f 2c b6 79 80, the last of the slot
//   image_ok    0x01 = confirmed                     (slot end − 24)
//   copy_done   0x01 = the swap finished             (slot end − 32)
//   swap_info   (image number << 4) | swap type      (slot end − 40)
//   swap_size   u32 little-endian: bytes a swap moves (slot end − 48)
//   swap status maxSectors × 3 records of the write alignment (1 byte on every board with a
//               flash layout: pico's NOR and mps2's code memory program single bytes)
//
// mote-boot's BOOT_MAX_IMG_SECTORS is the slot's own sector count (MCUboot's default of 128
// would not cover mps2-an385's 1 MB slots), so the status area has a record triple per
// sector; the host's slotTrailerLayout(board) (flash-tool/image/board-image.ts) is the same.
//
// A field is written once between erases (NOR programming only clears bits); its bytes
// beyond the value stay 0xFF. Nothing here erases: erasing a trailer means erasing the slot's
// last sector, which may hold the end of the image too — that is the bootloader's or the
// upload's decision.

import { hasSlots, PRIMARY_SLOT, SECONDARY_SLOT, slotByte, slotFlash, slotOffset, slotSize, slotU32, SLOT_SECTOR_BYTES, type Slot } from "./slots.ts";

/** BOOT_MAX_ALIGN: each flag field's size. */
export const TRAILER_MAX_ALIGN = 8;
/** The flash's minimum write on every board with a flash layout. */
export const TRAILER_WRITE_ALIGNMENT = 1;
export const BOOT_MAGIC_BYTES = 16;
/** BOOT_MAX_IMG_SECTORS: the slot's sectors. */
export const TRAILER_MAX_SECTORS = slotSize(PRIMARY_SLOT) / SLOT_SECTOR_BYTES;
/** Bytes of the swap status area: three records per sector. */
export const SWAP_STATUS_BYTES = TRAILER_MAX_SECTORS * 3 * TRAILER_WRITE_ALIGNMENT;
/** The whole trailer. */
export const SLOT_TRAILER_SIZE = SWAP_STATUS_BYTES + 4 * TRAILER_MAX_ALIGN + BOOT_MAGIC_BYTES;

/** Each field's distance from the slot's end. */
const MAGIC_FROM_END = BOOT_MAGIC_BYTES;
const IMAGE_OK_FROM_END = MAGIC_FROM_END + TRAILER_MAX_ALIGN;
const COPY_DONE_FROM_END = IMAGE_OK_FROM_END + TRAILER_MAX_ALIGN;
const SWAP_INFO_FROM_END = COPY_DONE_FROM_END + TRAILER_MAX_ALIGN;
const SWAP_SIZE_FROM_END = SWAP_INFO_FROM_END + TRAILER_MAX_ALIGN;

/** swap_info's low nibble (bootutil_public.h BOOT_SWAP_TYPE_*). */
export const SWAP_TYPE_NONE = 1;
export const SWAP_TYPE_TEST = 2;
export const SWAP_TYPE_PERM = 3;
export const SWAP_TYPE_REVERT = 4;

/** What a field reads as: erased, or set to 0x01. Anything else MCUboot calls "bad". */
const ERASED = 0xff;
const FLAG_SET = 0x01;

/** The magic's state (MCUboot's BOOT_MAGIC_GOOD / UNSET / BAD). */
export const MAGIC_GOOD = 1;
export const MAGIC_UNSET = 2;
export const MAGIC_BAD = 3;

/** MCUboot's boot_img_magic, a byte per code unit: a string literal stays in flash, where an
 *  array literal is built by start-up code (~0.3 KB in mote-boot). */
const BOOT_MAGIC = "\u0077\u00c2\u0095\u00f3\u0060\u00d2\u00ef\u007f\u0035\u0052\u0050\u000f\u002c\u00b6\u0079\u0080";

/** A slot's trailer as read (readTrailerInto fills one again: mote-boot allocates nothing). */
export class Trailer {
  constructor(
    /** MAGIC_GOOD, MAGIC_UNSET (erased) or MAGIC_BAD. */
    public magic: number,
    /** swap_info's swap type, or 0 while swap_info is erased. */
    public swapType: number,
    /** swap_info's image number (0 while erased). */
    public imageNumber: number,
    public imageOk: boolean,
    public copyDone: boolean,
    /** swap_size, or -1 while erased. */
    public swapSize: number,
  ) {}

  get magicOk(): boolean {
    return this.magic === MAGIC_GOOD;
  }
}

/** Where `slot`'s trailer starts (the swap status area), from the flash's start. */
export function trailerOffset(slot: Slot): number {
  return slotOffset(slot) + slotSize(slot) - SLOT_TRAILER_SIZE;
}

/** The byte `fromEnd` bytes before `slot`'s end. */
function trailerByte(slot: Slot, fromEnd: number): number {
  return slotByte(slot, slotSize(slot) - fromEnd);
}

/** Reads `slot`'s trailer. */
export function readTrailer(slot: Slot): Trailer {
  return readTrailerInto(slot, new Trailer(MAGIC_UNSET, 0, 0, false, false, -1));
}

/** Reads `slot`'s trailer into `into`, which it returns. */
export function readTrailerInto(slot: Slot, into: Trailer): Trailer {
  let good = true;
  let erased = true;
  for (let i = 0; i < BOOT_MAGIC_BYTES; i++) {
    const b = trailerByte(slot, MAGIC_FROM_END - i);
    if (b !== BOOT_MAGIC.charCodeAt(i)) good = false;
    if (b !== ERASED) erased = false;
  }
  const info = trailerByte(slot, SWAP_INFO_FROM_END);
  let swapSizeErased = true;
  for (let i = 0; i < 4; i++) if (trailerByte(slot, SWAP_SIZE_FROM_END - i) !== ERASED) swapSizeErased = false;
  into.magic = good ? MAGIC_GOOD : erased ? MAGIC_UNSET : MAGIC_BAD;
  into.swapType = info === ERASED ? 0 : info & 0x0f;
  into.imageNumber = info === ERASED ? 0 : info >> 4;
  into.imageOk = trailerByte(slot, IMAGE_OK_FROM_END) === FLAG_SET;
  into.copyDone = trailerByte(slot, COPY_DONE_FROM_END) === FLAG_SET;
  into.swapSize = swapSizeErased ? -1 : slotU32(slot, slotSize(slot) - SWAP_SIZE_FROM_END);
  return into;
}

/** What the writes program: one field, the magic (module-level: no allocation per write). */
const field = new Uint8Array(TRAILER_MAX_ALIGN);
const magicBytes = new Uint8Array(BOOT_MAGIC_BYTES);

/** Programs one BOOT_MAX_ALIGN field `fromEnd` bytes before the slot's end: `value`'s bytes
 *  (`count` of them, little-endian), the rest erased. */
function writeField(slot: Slot, fromEnd: number, value: number, count: number): void {
  for (let i = 0; i < TRAILER_MAX_ALIGN; i++) field[i] = i < count ? (value >> (8 * i)) & 0xff : ERASED;
  slotFlash().program(slotOffset(slot) + slotSize(slot) - fromEnd, field);
}

/** Writes the magic: the trailer's fields are now valid (MCUboot's boot_write_magic). */
export function writeMagic(slot: Slot): void {
  for (let i = 0; i < BOOT_MAGIC_BYTES; i++) magicBytes[i] = BOOT_MAGIC.charCodeAt(i);
  slotFlash().program(slotOffset(slot) + slotSize(slot) - MAGIC_FROM_END, magicBytes);
}

/** Sets image_ok (boot_write_image_ok). */
export function writeImageOk(slot: Slot): void {
  writeField(slot, IMAGE_OK_FROM_END, FLAG_SET, 1);
}

/** Sets copy_done (boot_write_copy_done). */
export function writeCopyDone(slot: Slot): void {
  writeField(slot, COPY_DONE_FROM_END, FLAG_SET, 1);
}

/** Writes swap_info: `swapType` (SWAP_TYPE_*) for image `imageNumber` (boot_write_swap_info). */
export function writeSwapInfo(slot: Slot, swapType: number, imageNumber: number = 0): void {
  if (!(swapType >= 0 && swapType <= 0x0e && imageNumber >= 0 && imageNumber <= 0x0e)) {
    throw new RangeError(`swap_info holds a swap type and an image number of 0 to 14 each, got ${swapType} and ${imageNumber}`);
  }
  writeField(slot, SWAP_INFO_FROM_END, (imageNumber << 4) | swapType, 1);
}

/** Writes swap_size, the bytes a swap moves (boot_write_swap_size). */
export function writeSwapSize(slot: Slot, size: number): void {
  if (!(size >= 0 && size <= slotSize(slot))) throw new RangeError(`swap_size ${size} is outside the slot's 0 to ${slotSize(slot)} bytes`);
  writeField(slot, SWAP_SIZE_FROM_END, size, 4);
}

/**
 * Asks the bootloader to swap the secondary slot's image in at the next reset: for one test
 * boot (reverted unless it confirms itself), or `permanent`ly. Writes swap_info, then image_ok
 * when permanent, then the magic last: the bootloader acts only on a good magic, so a power
 * cut leaves either no request or a whole one. (MCUboot's boot_set_pending writes the magic
 * first; then a cut between its writes could leave a test request where a permanent one was
 * asked.) A request already made is kept (asking again changes nothing, as in MCUboot).
 * Throws an Error saying why when the trailer holds something else.
 */
export function requestUpgrade(permanent: boolean): void {
  if (!hasSlots()) throw new Error("this board has no flash layout: no image slots to swap");
  const slot = SECONDARY_SLOT;
  const trailer = readTrailer(slot);
  const wanted = permanent ? SWAP_TYPE_PERM : SWAP_TYPE_TEST;
  if (trailer.magic === MAGIC_GOOD) {
    if (trailer.swapType === wanted || (trailer.swapType === 0 && trailer.imageOk === permanent)) return;
    throw new Error(`the secondary slot is already marked for a ${trailer.swapType === SWAP_TYPE_PERM ? "permanent" : "test"} swap`);
  }
  if (trailer.magic === MAGIC_BAD) throw new Error("the secondary slot's trailer is damaged (its magic is neither valid nor erased); erase the slot and upload again");
  // A request cut short before its magic left fields behind: only the same request may finish it.
  if (trailer.swapType !== 0 && trailer.swapType !== wanted) {
    throw new Error("the secondary slot's trailer holds part of a different request; erase the slot and upload again");
  }
  if (trailer.imageOk && !permanent) throw new Error("the secondary slot's trailer holds part of a permanent request; erase the slot and upload again");
  if (trailer.swapType === 0) writeSwapInfo(slot, wanted);
  if (permanent && !trailer.imageOk) writeImageOk(slot);
  writeMagic(slot);
}

/**
 * Confirms the running image (slot 0) so that the bootloader keeps it: sets image_ok in the
 * primary's trailer unless it is set. An image whose trailer has no magic was never swapped
 * in for a test and counts as confirmed already (MCUboot's boot_set_confirmed). Throws when
 * the trailer's magic is damaged.
 */
export function confirmRunning(): void {
  if (!hasSlots()) throw new Error("this board has no flash layout: there is no image to confirm");
  const trailer = readTrailer(PRIMARY_SLOT);
  if (trailer.magic === MAGIC_UNSET || trailer.imageOk) return;
  if (trailer.magic === MAGIC_BAD) throw new Error("the primary slot's trailer is damaged (its magic is neither valid nor erased)");
  writeImageOk(PRIMARY_SLOT);
}

/** True when the running image is confirmed: no test swap pending its confirmation. */
export function runningConfirmed(): boolean {
  const trailer = readTrailer(PRIMARY_SLOT);
  return trailer.magic !== MAGIC_GOOD || trailer.imageOk;
}
