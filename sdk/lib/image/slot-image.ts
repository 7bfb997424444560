// The MCUboot image in a slot, as far as the device needs it without verifying the signature
// (that is mote-boot's job): header fields, the version as mcumgr prints it, the image hash
// (the SHA256 TLV) and how many bytes the image takes. Layout from mcu-tools/mcuboot
// boot/bootutil/include/bootutil/image.h, as flash-tool/image/header.ts and tlv.ts encode it:
//
//   header  0 magic u32 0x96f3b83d   4 load_addr u32   8 hdr_size u16   10 protect_tlv_size u16
//          12 img_size u32   16 flags u32   20 version {major u8, minor u8, revision u16,
//          build u32}   28 pad u32
//   body    hdr_size .. hdr_size + img_size
//   TLVs    [protected area: info {0x6908, total u16} + entries] then the area {0x6907, total
//           u16} + entries {type u16, len u16, data}; SHA256 is type 0x10, 32 bytes.
//
// Every length is checked against the slot before anything past it is read: an image that
// would run into the slot trailer (trailer.ts) is "no image", as a damaged one is.

import { SLOT_TRAILER_SIZE } from "./trailer.ts";
import { slotByte, slotSize, slotU16, slotU32, type Slot } from "./slots.ts";

/** ih_magic 0x96f3b83d as its two little-endian halves (a u32 this large would be boxed). */
const IMAGE_MAGIC_LOW = 0xb83d;
const IMAGE_MAGIC_HIGH = 0x96f3;
export const IMAGE_HEADER_BYTES = 32;
export const TLV_INFO_MAGIC = 0x6907;
export const TLV_PROTECTED_INFO_MAGIC = 0x6908;
const TLV_INFO_BYTES = 4;
const TLV_ENTRY_HEADER_BYTES = 4;
export const TLV_SHA256 = 0x10;
export const IMAGE_HASH_BYTES = 32;

/** Where an image's parts are in its slot: what mote-boot reads (readImageLayout fills one
 *  again, allocating nothing); SlotImage adds the version text and the hash's copy. */
export class ImageLayout {
  headerSize = 0;
  /** Bytes of the body (after the header, before the TLVs). */
  imageSize = 0;
  protectedTlvSize = 0;
  loadAddress = 0;
  /** Header, body and both TLV areas: the bytes the image takes from the slot's start. */
  totalSize = 0;
  /** The header's flags (IMAGE_F_*, e.g. ROM_FIXED 0x100). */
  flags = 0;
  /** Where the SHA256 TLV's 32 bytes are, from the slot's start. */
  hashAt = 0;

  /** Where the hashed bytes end: header + body + protected TLVs. */
  get hashedSize(): number {
    return this.headerSize + this.imageSize + this.protectedTlvSize;
  }
}

/** An image found in a slot. */
export class SlotImage extends ImageLayout {
  /** "major.minor.revision", or "major.minor.revision+build" when build is not 0 (mcumgr's form). */
  version = "";
  /** The SHA256 TLV: SHA-256 over header, body and protected TLVs — the image's hash. */
  readonly hash = new Uint8Array(IMAGE_HASH_BYTES);
}

/** The image at the start of `slot`, or undefined when there is none: no magic, or lengths
 *  that do not fit the slot, or no 32-byte SHA256 TLV. */
export function readSlotImage(slot: Slot): SlotImage | undefined {
  const image = new SlotImage();
  if (!readImageLayout(slot, image)) return undefined;
  for (let i = 0; i < IMAGE_HASH_BYTES; i++) image.hash[i] = slotByte(slot, image.hashAt + i);
  const major = slotByte(slot, 20);
  const minor = slotByte(slot, 21);
  const revision = slotU16(slot, 22);
  const build = slotU32(slot, 24);
  image.version = build === 0 ? `${major}.${minor}.${revision}` : `${major}.${minor}.${revision}+${build}`;
  return image;
}

/** Reads the layout of the image at the start of `slot` into `into`: false when there is none
 *  (as readSlotImage's undefined). */
export function readImageLayout(slot: Slot, into: ImageLayout): boolean {
  if (slotU16(slot, 0) !== IMAGE_MAGIC_LOW || slotU16(slot, 2) !== IMAGE_MAGIC_HIGH) return false;
  // The room an image may take: the slot less its trailer (MCUboot's imgtool refuses an image
  // that would overlap it).
  const room = slotSize(slot) - SLOT_TRAILER_SIZE;
  const headerSize = slotU16(slot, 8);
  const protectedTlvSize = slotU16(slot, 10);
  // img_size's high byte first: anything at or above 2^24 is far beyond any slot.
  if (slotByte(slot, 15) !== 0) return false;
  const imageSize = slotU32(slot, 12);
  if (headerSize < IMAGE_HEADER_BYTES || headerSize + imageSize + protectedTlvSize + TLV_INFO_BYTES > room) return false;

  let at = headerSize + imageSize;
  if (protectedTlvSize > 0) {
    // The protected area's own total must be the header's protect_tlv_size.
    if (slotU16(slot, at) !== TLV_PROTECTED_INFO_MAGIC || slotU16(slot, at + 2) !== protectedTlvSize) return false;
    at += protectedTlvSize;
  }
  if (slotU16(slot, at) !== TLV_INFO_MAGIC) return false;
  const areaEnd = at + slotU16(slot, at + 2);
  if (areaEnd > room || areaEnd < at + TLV_INFO_BYTES) return false;
  const hashAt = findHash(slot, at + TLV_INFO_BYTES, areaEnd);
  if (hashAt < 0) return false;
  into.headerSize = headerSize;
  into.imageSize = imageSize;
  into.protectedTlvSize = protectedTlvSize;
  into.loadAddress = slotU32(slot, 4);
  into.totalSize = areaEnd;
  into.flags = slotU32(slot, 16);
  into.hashAt = hashAt;
  return true;
}

/** Where the SHA256 entry's 32 bytes are among the entries from `at` to `end`, or -1. */
function findHash(slot: Slot, at: number, end: number): number {
  while (at + TLV_ENTRY_HEADER_BYTES <= end) {
    const type = slotU16(slot, at);
    const length = slotU16(slot, at + 2);
    const data = at + TLV_ENTRY_HEADER_BYTES;
    if (data + length > end) return -1;
    if (type === TLV_SHA256 && length === IMAGE_HASH_BYTES) return data;
    at = data + length;
  }
  return -1;
}
