// mote-boot's image check. The slot library (sdk/lib/image/slot-image.ts) finds the image and
// checks that its lengths and TLV areas hold together inside the slot; mote-boot then accepts
// it only when it was built for the primary slot (load_addr = the slot's address with the
// ROM_FIXED flag, hdr_size this board's), it ends before the slot's last sector (which holds
// the trailer and which a swap does not move: swap.ts), its TLV area has KEYHASH and ED25519
// entries, KEYHASH is the hash of mote-boot's own key, the SHA-256 over header, body and
// protected TLVs equals the SHA256 entry, and the Ed25519 signature over that digest verifies
// with the key (mote/crypto). Facts: ../shared/PROTOCOLS.md, "MCUboot image format".
//
// Built in the bare profile, this allocates nothing: the layouts and buffers are module-level,
// and what is wrong with an image is a number (PROBLEM_*) that sayProblem puts into words.

import { FLASH_PRIMARY_OFFSET } from "mote/board";
import { ed25519Verify } from "mote/crypto";
import { ImageLayout, readImageLayout } from "../lib/image/slot-image.ts";
import { sha256Slot } from "../lib/image/slot-hash.ts";
import { flashAddress, sectorErased, slotByte, slotFlash, slotOffset, slotSize, slotU16, SLOT_SECTOR_BYTES, type Slot } from "../lib/image/slots.ts";
import { say, sayNumber } from "./say.ts";

/** IMAGE_F_ROM_FIXED: the image runs where load_addr says. */
const FLAG_ROM_FIXED = 0x100;
const TLV_INFO_MAGIC = 0x6907;
const TLV_KEYHASH = 0x01;
const TLV_ED25519 = 0x24;
const HASH_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** What is wrong with a slot's image; PROBLEM_NONE when it may run. */
export const PROBLEM_NONE = 0;
export const PROBLEM_EMPTY = 1;
export const PROBLEM_NOT_WHOLE = 2;
export const PROBLEM_TOO_LARGE = 3;
export const PROBLEM_HEADER_SIZE = 4;
export const PROBLEM_ADDRESS = 5;
export const PROBLEM_TLV_AREA = 6;
export const PROBLEM_UNSIGNED = 7;
export const PROBLEM_OTHER_KEY = 8;
export const PROBLEM_DAMAGED = 9;
export const PROBLEM_SIGNATURE = 10;

/** What mote-boot trusts: the public key (32 bytes) and the KEYHASH it expects (SHA-256 of
 *  the key's DER SubjectPublicKeyInfo, as imgtool writes it; flash-tool/image/keys.ts). */
export const trustedPublicKey = new Uint8Array(HASH_BYTES);
export const trustedKeyHash = new Uint8Array(HASH_BYTES);

/** Each slot's image layout, as the last findImage of that slot read it (two constants, not
 *  an array: an array literal links the array code into mote-boot). */
const primaryLayout = new ImageLayout(), secondaryLayout = new ImageLayout();
const keyHash = new Uint8Array(HASH_BYTES);
const signature = new Uint8Array(SIGNATURE_BYTES);
const digest = new Uint8Array(HASH_BYTES);

/** The layout findImage read for `slot` (valid while it found an image). */
export function imageIn(slot: Slot): ImageLayout {
  return slot === 0 ? primaryLayout : secondaryLayout;
}

/** The image in `slot` and its layout checks, without hashing: enough to size a swap. Its
 *  layout is then imageIn(slot) unless the problem is PROBLEM_EMPTY or PROBLEM_NOT_WHOLE. */
export function findImage(slot: Slot, headerSize: number): number {
  const image = imageIn(slot);
  if (!readImageLayout(slot, image)) return sectorErased(slotOffset(slot)) ? PROBLEM_EMPTY : PROBLEM_NOT_WHOLE;
  if (image.totalSize > slotSize(slot) - SLOT_SECTOR_BYTES) return PROBLEM_TOO_LARGE;
  if (image.headerSize !== headerSize) return PROBLEM_HEADER_SIZE;
  if (image.loadAddress !== flashAddress() + FLASH_PRIMARY_OFFSET || (image.flags & FLAG_ROM_FIXED) === 0) return PROBLEM_ADDRESS;
  return PROBLEM_NONE;
}

/** findImage, then the key hash, the SHA-256 and the signature: PROBLEM_NONE when the image may run. */
export function verifyImage(slot: Slot, headerSize: number): number {
  const found = findImage(slot, headerSize);
  return found !== PROBLEM_NONE ? found : checkSignature(slot, imageIn(slot));
}

/** Says what `problem` (of an image in `slot`, found with `headerSize`) means. */
export function sayProblem(problem: number, slot: Slot, headerSize: number): void {
  if (problem === PROBLEM_EMPTY) say("empty");
  else if (problem === PROBLEM_NOT_WHOLE) say("not a whole image (no image header, or lengths or TLV areas that do not fit: damaged, truncated or unsigned)");
  else if (problem === PROBLEM_TOO_LARGE) say("too large: it reaches into the slot's last sector, which holds the trailer");
  else if (problem === PROBLEM_HEADER_SIZE) {
    say("built with a ");
    sayNumber(imageIn(slot).headerSize);
    say("-byte header, this board's images have ");
    sayNumber(headerSize);
  } else if (problem === PROBLEM_ADDRESS) say("built for another address (its load address is not the primary slot's)");
  else if (problem === PROBLEM_TLV_AREA) say("damaged TLV area");
  else if (problem === PROBLEM_UNSIGNED) say("unsigned (no KEYHASH and ED25519 TLVs)");
  else if (problem === PROBLEM_OTHER_KEY) say("signed with another key (KEYHASH differs)");
  else if (problem === PROBLEM_DAMAGED) say("damaged (SHA-256 differs from its SHA256 TLV)");
  else if (problem === PROBLEM_SIGNATURE) say("bad signature");
}

function checkSignature(slot: Slot, image: ImageLayout): number {
  const base = slotOffset(slot);
  const flash = slotFlash();
  // The unprotected TLV area (slot-image.ts checked that it is there and fits).
  const area = image.hashedSize;
  const end = image.totalSize;
  if (slotU16(slot, area) !== TLV_INFO_MAGIC) return PROBLEM_TLV_AREA;
  let found = 0;
  for (let at = area + 4; at + 4 <= end;) {
    const type = slotU16(slot, at);
    const length = slotU16(slot, at + 2);
    const data = at + 4;
    if (data + length > end) return PROBLEM_TLV_AREA;
    if (type === TLV_KEYHASH && length === HASH_BYTES) {
      flash.read(base + data, keyHash);
      found |= 1;
    } else if (type === TLV_ED25519 && length === SIGNATURE_BYTES) {
      flash.read(base + data, signature);
      found |= 2;
    }
    at = data + length;
  }
  if (found !== 3) return PROBLEM_UNSIGNED;
  if (!sameBytes(keyHash, trustedKeyHash, HASH_BYTES)) return PROBLEM_OTHER_KEY;

  sha256Slot(slot, image.hashedSize, digest);
  let difference = 0;
  for (let i = 0; i < HASH_BYTES; i++) difference |= digest[i] ^ slotByte(slot, image.hashAt + i);
  if (difference !== 0) return PROBLEM_DAMAGED;
  if (!ed25519Verify(trustedPublicKey, digest, signature)) return PROBLEM_SIGNATURE;
  return PROBLEM_NONE;
}

function sameBytes(a: Uint8Array, b: Uint8Array, count: number): boolean {
  let difference = 0;
  for (let i = 0; i < count; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
