// mote-boot's image check: an MCUboot image in a slot (../shared/PROTOCOLS.md, "MCUboot image
// format"; flash-tool/image/header.ts and tlv.ts are the host's side of the same bytes) is
// accepted only when its header holds together, it was built for the primary slot
// (load_addr = the slot's address, the ROM_FIXED flag), it fits before the slot's trailer
// sector, its TLV area has the SHA256, KEYHASH and ED25519 entries, the SHA-256 over header,
// body and protected TLVs equals the SHA256 entry, KEYHASH is the hash of mote-boot's own
// key, and the Ed25519 signature over that digest verifies with it (mote/crypto).
//
// Every length is checked against the slot before it is used, so a damaged or hostile image
// is refused with a reason, never read past its slot.

import { flash } from "mote/board-flash";
import { FLASH_PRIMARY_OFFSET } from "mote/board";
import { ed25519Verify, Sha256 } from "mote/crypto";
import { SECTOR_BYTES } from "./trailer.ts";

/** ih_magic 0x96f3b83d as its two little-endian halves (the whole would not be a small integer). */
const IMAGE_MAGIC_LOW = 0xb83d;
const IMAGE_MAGIC_HIGH = 0x96f3;
const IMAGE_HEADER_BYTES = 32;
/** IMAGE_F_ROM_FIXED: the image runs where load_addr says. */
const FLAG_ROM_FIXED = 0x100;
const TLV_INFO_MAGIC = 0x6907;
const TLV_PROTECTED_INFO_MAGIC = 0x6908;
const TLV_KEYHASH = 0x01;
const TLV_SHA256 = 0x10;
const TLV_ED25519 = 0x24;
const HASH_BYTES = 32;
const SIGNATURE_BYTES = 64;
/** Bytes hashed per read from flash. */
const CHUNK_BYTES = 512;

/** What mote-boot trusts: the public key (32 bytes) and the KEYHASH it expects (SHA-256 of
 *  the key's DER SubjectPublicKeyInfo, as imgtool writes it; flash-tool/image/keys.ts). */
export class TrustedKey {
  constructor(readonly publicKey: Uint8Array, readonly keyHash: Uint8Array) {}
}

/** A slot's image as its header describes it; `problem` is "" when the layout holds together. */
export class SlotImage {
  problem = "";
  headerSize = 0;
  imageSize = 0;
  protectedTlvSize = 0;
  /** Header + body + protected TLVs: the bytes the hash covers. */
  hashedSize = 0;
  /** Everything the image takes in its slot, TLVs included. */
  totalSize = 0;
  major = 0;
  minor = 0;
  revision = 0;
  build = 0;

  constructor(readonly slot: number, readonly slotSize: number) {}
}

let chunk: Uint8Array | undefined;
let hash: Sha256 | undefined;
const tlvHash = new Uint8Array(HASH_BYTES);
const tlvKeyHash = new Uint8Array(HASH_BYTES);
const tlvSignature = new Uint8Array(SIGNATURE_BYTES);
const digest = new Uint8Array(HASH_BYTES);

function u8(offset: number): number {
  return flash.readByte(offset);
}

function u16(offset: number): number {
  return flash.readByte(offset) | (flash.readByte(offset + 1) << 8);
}

/** A u32 field as a small integer, or -1 when it is 2^30 or more (no size or address here is). */
function u32(offset: number): number {
  const high = u16(offset + 2);
  if (high >= 0x4000) return -1;
  return (high << 16) | u16(offset);
}

/** Reads the header at the start of `slot` and checks its fields; no hashing yet. */
export function readSlotImage(slot: number, slotSize: number, headerSize: number): SlotImage {
  const image = new SlotImage(slot, slotSize);
  const room = slotSize - SECTOR_BYTES;
  if (u16(slot) !== IMAGE_MAGIC_LOW || u16(slot + 2) !== IMAGE_MAGIC_HIGH) {
    let erased = true;
    for (let i = 0; i < IMAGE_HEADER_BYTES; i++) if (u8(slot + i) !== 0xff) erased = false;
    image.problem = erased ? "empty" : "no image header (bad magic)";
    return image;
  }
  const loadAddress = u32(slot + 4);
  image.headerSize = u16(slot + 8);
  image.protectedTlvSize = u16(slot + 10);
  image.imageSize = u32(slot + 12);
  const flags = u32(slot + 16);
  image.major = u8(slot + 20);
  image.minor = u8(slot + 21);
  image.revision = u16(slot + 22);
  image.build = u32(slot + 24);
  if (image.headerSize !== headerSize) {
    image.problem = `header size ${image.headerSize}, expected ${headerSize}`;
    return image;
  }
  if (loadAddress !== flash.address + FLASH_PRIMARY_OFFSET || flags < 0 || (flags & FLAG_ROM_FIXED) === 0) {
    image.problem = "wrong load address (not built for the primary slot)";
    return image;
  }
  if (image.imageSize < 0 || image.imageSize > room) {
    image.problem = "truncated (its size runs past the slot)";
    return image;
  }
  image.hashedSize = image.headerSize + image.imageSize + image.protectedTlvSize;
  const tlvAt = image.hashedSize;
  if (tlvAt + 4 > room) {
    image.problem = "truncated (its size runs past the slot)";
    return image;
  }
  if (image.protectedTlvSize > 0 && u16(slot + image.headerSize + image.imageSize) !== TLV_PROTECTED_INFO_MAGIC) {
    image.problem = "damaged protected TLV area";
    return image;
  }
  if (u16(slot + tlvAt) !== TLV_INFO_MAGIC) {
    image.problem = "unsigned or truncated (no TLV area after the body)";
    return image;
  }
  const tlvSize = u16(slot + tlvAt + 2);
  if (tlvSize < 4 || tlvAt + tlvSize > room) {
    image.problem = "truncated (its TLV area runs past the slot)";
    return image;
  }
  image.totalSize = tlvAt + tlvSize;
  return image;
}

/** Copies `count` bytes at flash offset `from` into `into`. */
function readInto(from: number, into: Uint8Array, count: number): void {
  flash.read(from, into, count);
}

/** Checks hash, key hash and signature of an image readSlotImage accepted: "" or the reason. */
export function verifySlotImage(image: SlotImage, key: TrustedKey): string {
  if (image.problem !== "") return image.problem;
  const slot = image.slot;
  const tlvAt = image.hashedSize;
  const end = image.totalSize;
  let found = 0;
  for (let at = tlvAt + 4; at < end;) {
    if (at + 4 > end) return "damaged TLV area";
    const type = u16(slot + at);
    const length = u16(slot + at + 2);
    const data = at + 4;
    if (data + length > end) return "damaged TLV area";
    if (type === TLV_SHA256 && length === HASH_BYTES) {
      readInto(slot + data, tlvHash, HASH_BYTES);
      found |= 1;
    } else if (type === TLV_KEYHASH && length === HASH_BYTES) {
      readInto(slot + data, tlvKeyHash, HASH_BYTES);
      found |= 2;
    } else if (type === TLV_ED25519 && length === SIGNATURE_BYTES) {
      readInto(slot + data, tlvSignature, SIGNATURE_BYTES);
      found |= 4;
    }
    at = data + length;
  }
  if ((found & 1) === 0) return "no SHA256 TLV";
  if ((found & 6) !== 6) return "unsigned (no KEYHASH and ED25519 TLVs)";
  if (!sameBytes(tlvKeyHash, key.keyHash, HASH_BYTES)) return "signed with another key (KEYHASH differs)";

  chunk ??= new Uint8Array(CHUNK_BYTES);
  hash ??= new Sha256();
  hash.reset();
  for (let at = 0; at < image.hashedSize; at += CHUNK_BYTES) {
    const count = image.hashedSize - at < CHUNK_BYTES ? image.hashedSize - at : CHUNK_BYTES;
    readInto(slot + at, chunk, count);
    hash.update(chunk, 0, count);
  }
  hash.digestInto(digest, 0);
  if (!sameBytes(digest, tlvHash, HASH_BYTES)) return "damaged (SHA-256 differs from its SHA256 TLV)";
  if (!ed25519Verify(key.publicKey, digest, tlvSignature)) return "bad signature";
  return "";
}

function sameBytes(a: Uint8Array, b: Uint8Array, count: number): boolean {
  let difference = 0;
  for (let i = 0; i < count; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

/** "1.2.3" or "1.2.3+4", as mcumgr shows versions. */
export function versionText(image: SlotImage): string {
  const base = `${image.major}.${image.minor}.${image.revision}`;
  return image.build === 0 ? base : `${base}+${image.build}`;
}
