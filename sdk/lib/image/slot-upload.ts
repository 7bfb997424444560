// An image upload into slot 1, the secondary, as SMP's image upload (cmd 1) drives it: the
// first chunk names the image's length and hash (its SHA256 TLV), every chunk its offset;
// sectors are erased just ahead of the data; each answer is the offset the device has, and a
// client that sent another offset continues from that one — which is how an interrupted upload
// resumes. At the end, SHA-256 over the header, body and protected TLVs as programmed is
// compared with the hash: `match`.
//
// Resuming survives a reset: the upload's state is in RAM, but when a first chunk arrives
// that the slot already starts with, the device takes the slot as that upload's beginning and
// resumes after the last programmed byte. For that the erase runs one sector ahead: the
// sector after the one being written is always erased, so the first wholly erased sector
// marks the end of what was written, whatever an older image left further on; the last
// byte before it that is not 0xFF is where to go on (a chunk whose last bytes were 0xFF is
// programmed again: NOR programming of the same bytes changes nothing). Two different images
// may start with the same header (same version, same size); then the hash at the end does not
// match, and the slot's first sector is erased so that the next try starts afresh.
//
// Slot 1 is off limits while it matters to the bootloader: marked for the next boot
// (pending), or holding the image a test boot reverts to (the running image not confirmed).
// Errors are SMP's management codes (sdk/lib/smp/protocol.ts) with a reason in `reason`,
// so that the image group, and mote-boot's serial recovery, answer the same.
//
// mote-boot's serial recovery (sdk/boot/recovery.ts) uploads into slot 0, the primary, the
// same way: nothing runs from it then (no valid image, or the button held at reset), so it is
// always writable; its trailer goes with the first chunk, as slot 1's does, so that no swap
// state of the image it held is taken for the new one's.

import { sha256Slot } from "./slot-hash.ts";
import { readSlotImage } from "./slot-image.ts";
import { MAGIC_GOOD, MAGIC_UNSET, readTrailer } from "./trailer.ts";
import { PRIMARY_SLOT, SECONDARY_SLOT, sectorErased, slotByte, slotFlash, slotOffset, slotSize, SLOT_SECTOR_BYTES, type Slot } from "./slots.ts";
import { MGMT_ERR_EBADSTATE, MGMT_ERR_EINVAL, MGMT_ERR_OK } from "../smp/protocol.ts";

export const IMAGE_HASH_LENGTH = 32;

export class SlotUpload {
  /** `slot`: where the image goes (slot 1; slot 0 in mote-boot's serial recovery). */
  constructor(readonly slot: Slot = SECONDARY_SLOT) {}

  /** The image's length, from the first chunk. */
  length = 0;
  /** Bytes programmed from the slot's start: the offset the next chunk must have. */
  offset = 0;
  /** Whether an upload is under way (or complete) since the first chunk. */
  active = false;
  /** After the last chunk: whether the programmed image's hash is the first chunk's `sha`
   *  (undefined when there was none to compare with, or the upload is not complete). */
  match: boolean | undefined = undefined;
  /** Why the last call refused, for the answer's "rsn". */
  reason = "";
  private sha: Uint8Array | undefined = undefined;
  /** Sectors from the slot's start up to here are erased for this upload. */
  private erasedTo = 0;

  /** The most bytes an image may take: the slot less its last sector, the trailer's (mote-boot's
   *  swap moves only the sectors before it: sdk/boot/swap.ts). */
  get room(): number {
    return slotSize(this.slot) - SLOT_SECTOR_BYTES;
  }

  /** 0 when slot 1 may be written, else MGMT_ERR_EBADSTATE with the reason. */
  checkWritable(): number {
    if (this.slot === PRIMARY_SLOT) return MGMT_ERR_OK;
    if (readTrailer(SECONDARY_SLOT).magic === MAGIC_GOOD) {
      return this.refuse(MGMT_ERR_EBADSTATE, "slot 1 is marked for the next boot; reset to run it, or erase it first");
    }
    const primary = readTrailer(PRIMARY_SLOT);
    if (primary.magic === MAGIC_GOOD && !primary.imageOk && primary.copyDone) {
      return this.refuse(MGMT_ERR_EBADSTATE, "the running image is on test and slot 1 holds the image to go back to; confirm first");
    }
    return MGMT_ERR_OK;
  }

  /** The first chunk (offset 0): starts, or resumes, an upload of `length` bytes with hash
   *  `sha` (may be undefined: then no resume after a reset and no match). */
  begin(length: number, sha: Uint8Array | undefined, data: Uint8Array): number {
    const writable = this.checkWritable();
    if (writable !== MGMT_ERR_OK) return writable;
    if (!(length > 0 && length <= this.room)) {
      return this.refuse(MGMT_ERR_EINVAL, `an image of ${length} bytes does not fit slot ${this.slot} (${this.room} bytes)`);
    }
    if (data.length > length) return this.refuse(MGMT_ERR_EINVAL, "the chunk is longer than the image");
    if (sha !== undefined && sha.length !== IMAGE_HASH_LENGTH) return this.refuse(MGMT_ERR_EINVAL, "sha is not 32 bytes");
    if (this.active && this.length === length && sha !== undefined && sameBytes(this.sha, sha)) return this.finishIfComplete();
    this.length = length;
    this.sha = sha;
    this.match = undefined;
    this.active = true;
    if (sha !== undefined && data.length > 0 && this.slotStartsWith(data)) {
      // The same upload, begun before a reset: resume after what is programmed.
      let end = this.lastProgrammed(length);
      if (end < data.length) end = data.length;
      this.offset = end;
      this.erasedTo = roundUp(end);
      return this.finishIfComplete();
    }
    this.offset = 0;
    this.erasedTo = 0;
    // A trailer left from before (a request cut short, a slot swapped out) goes now; no image
    // reaches into the slot's last sector.
    const last = slotOffset(this.slot) + slotSize(this.slot) - SLOT_SECTOR_BYTES;
    if (readTrailer(this.slot).magic !== MAGIC_UNSET || !sectorErased(last)) slotFlash().erase(last);
    return this.write(0, data);
  }

  /** A chunk at `off`. An upload not begun, or another offset than the device's, is no error:
   *  the answer's offset (0, or `offset`) tells the client where to go on. */
  write(off: number, data: Uint8Array): number {
    if (!this.active || off !== this.offset) return MGMT_ERR_OK;
    const end = off + data.length;
    if (end > this.length) return this.refuse(MGMT_ERR_EINVAL, `the chunk at ${off} runs past the image's ${this.length} bytes`);
    const flash = slotFlash();
    const base = slotOffset(this.slot);
    // Up to the sector after the one `end` is in (see the top of the file).
    while (this.erasedTo <= end + SLOT_SECTOR_BYTES && this.erasedTo < this.length) {
      if (!sectorErased(base + this.erasedTo)) flash.erase(base + this.erasedTo);
      this.erasedTo += SLOT_SECTOR_BYTES;
    }
    flash.program(base + off, data);
    this.offset = end;
    return this.finishIfComplete();
  }

  /** Erases slot 1 (every sector not erased already) and forgets the upload. */
  erase(): number {
    const writable = this.checkWritable();
    if (writable !== MGMT_ERR_OK) return writable;
    this.active = false;
    this.match = undefined;
    const base = slotOffset(this.slot);
    const flash = slotFlash();
    for (let at = 0; at < slotSize(this.slot); at += SLOT_SECTOR_BYTES) {
      if (!sectorErased(base + at)) flash.erase(base + at);
    }
    return MGMT_ERR_OK;
  }

  /** At the image's end: compares the hash once, and on a mismatch erases the first sector
   *  (no later first chunk resumes this one) and forgets the upload. */
  private finishIfComplete(): number {
    if (this.offset !== this.length || this.match !== undefined || this.sha === undefined) return MGMT_ERR_OK;
    const found = readSlotImage(this.slot);
    const hashedEnd = found === undefined ? 0 : found.hashedSize;
    this.match = hashedEnd > 0 && hashedEnd <= this.length && sameBytes(sha256Slot(this.slot, hashedEnd, new Uint8Array(32)), this.sha);
    if (!this.match) {
      slotFlash().erase(slotOffset(this.slot));
      this.active = false;
    }
    return MGMT_ERR_OK;
  }

  private refuse(rc: number, reason: string): number {
    this.reason = reason;
    return rc;
  }

  private slotStartsWith(data: Uint8Array): boolean {
    for (let i = 0; i < data.length; i++) if (slotByte(this.slot, i) !== data[i]) return false;
    return true;
  }

  /** Where an upload of `length` bytes that was cut short ended: one past the last byte that
   *  is not 0xFF before the first wholly erased sector (or before `length`). */
  private lastProgrammed(length: number): number {
    const base = slotOffset(this.slot);
    let end = 0;
    while (end < length && !sectorErased(base + end)) end += SLOT_SECTOR_BYTES;
    if (end > length) end = length;
    while (end > 0 && slotByte(this.slot, end - 1) === 0xff) end--;
    return end;
  }
}

function roundUp(offset: number): number {
  const rest = offset % SLOT_SECTOR_BYTES;
  return rest === 0 ? offset : offset + SLOT_SECTOR_BYTES - rest;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
