// The slot trailer as mote-boot reads and writes it: MCUboot's layout (flash-tool/image/
// trailer.ts explains each field and its source) for a flash that writes single bytes (both
// boards with a flash layout: FLASH_WRITE_ALIGNMENT in flash-tool/image/board-image.ts) and
// MCUboot's default of 128 sectors of swap status. test/unit/boot-trailer.test.ts checks these
// offsets against the host's trailerLayout(1, 128), so the two cannot drift apart.
//
// The trailer sits at the end of the slot's last sector, which no image may use
// (SLOT_TRAILER_SECTOR_BYTES): a swap moves the sectors before it and leaves this one to be
// erased and written field by field, each field once between erases.

import { flash } from "mote/board-flash";

export const SECTOR_BYTES = 4096;
/** trailerLayout(1, 128).size and its fields' offsets from the trailer's first byte. */
export const TRAILER_BYTES = 432;
export const STATUS_AT = 0;
export const SWAP_SIZE_AT = 384;
export const SWAP_INFO_AT = 392;
export const COPY_DONE_AT = 400;
export const IMAGE_OK_AT = 408;
export const MAGIC_AT = 416;
/** Swap status: three records (one byte each) per sector, so at most this many sectors move. */
export const MAX_SWAP_SECTORS = 128;

/** MCUboot's trailer magic (BOOT_MAGIC), one byte a code unit: constant data in flash. */
const MAGIC = "\u0077\u00c2\u0095\u00f3\u0060\u00d2\u00ef\u007f\u0035\u0052\u0050\u000f\u002c\u00b6\u0079\u0080";
export const ERASED = 0xff;
export const FLAG_SET = 0x01;

/** swap_info's swap types (bootutil_public.h BOOT_SWAP_TYPE_*). */
export const SWAP_NONE = 1;
export const SWAP_TEST = 2;
export const SWAP_PERM = 3;
export const SWAP_REVERT = 4;

export const MAGIC_UNSET = 0;
export const MAGIC_GOOD = 1;
export const MAGIC_BAD = 2;

/** One byte to program at a time. */
const one = new Uint8Array(1);

/** A slot's trailer, read once. */
export class Trailer {
  magic = MAGIC_UNSET;
  /** true only for 0x01; an erased or damaged flag is unset. */
  imageOk = false;
  copyDone = false;
  /** swap_info's low nibble, 0 while it is erased. */
  swapType = 0;
  /** Bytes a swap moves, -1 while erased. */
  swapSize = -1;

  /** The trailer's first byte, as a flash offset. */
  readonly at: number;
  /** The sector the trailer lives in (the slot's last). */
  readonly sector: number;

  /** `slot`, `slotSize`: the slot's offset and size in bytes. */
  constructor(readonly slot: number, readonly slotSize: number) {
    this.at = slot + slotSize - TRAILER_BYTES;
    this.sector = slot + slotSize - SECTOR_BYTES;
  }

  read(): Trailer {
    const at = this.at;
    let good = true;
    let erased = true;
    for (let i = 0; i < 16; i++) {
      const b = flash.readByte(at + MAGIC_AT + i);
      if (b !== MAGIC.charCodeAt(i)) good = false;
      if (b !== ERASED) erased = false;
    }
    this.magic = good ? MAGIC_GOOD : erased ? MAGIC_UNSET : MAGIC_BAD;
    this.imageOk = flash.readByte(at + IMAGE_OK_AT) === FLAG_SET;
    this.copyDone = flash.readByte(at + COPY_DONE_AT) === FLAG_SET;
    const info = flash.readByte(at + SWAP_INFO_AT);
    this.swapType = info === ERASED ? 0 : info & 0x0f;
    let size = 0;
    let sizeErased = true;
    for (let i = 3; i >= 0; i--) {
      const b = flash.readByte(at + SWAP_SIZE_AT + i);
      if (b !== ERASED) sizeErased = false;
      size = (size << 8) | b;
    }
    // A size past the slot (a damaged field) reads as none: nothing may trust it.
    this.swapSize = sizeErased || size < 0 || size > this.slotSize ? -1 : size;
    return this;
  }

  /** Erases the trailer's sector: every field unset. */
  erase(): void {
    flash.erase(this.sector);
  }

  writeMagic(): void {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = MAGIC.charCodeAt(i);
    flash.program(this.at + MAGIC_AT, bytes);
  }

  writeByte(field: number, value: number): void {
    one[0] = value;
    flash.program(this.at + field, one);
  }

  writeSwapSize(bytes: number): void {
    const le = new Uint8Array(4);
    for (let i = 0; i < 4; i++) le[i] = (bytes >> (8 * i)) & 0xff;
    flash.program(this.at + SWAP_SIZE_AT, le);
  }

  /** Swap status record `index` (sector * 3 + step) is written. */
  statusWritten(index: number): boolean {
    return flash.readByte(this.at + STATUS_AT + index) !== ERASED;
  }
}
