// mote-boot's image check. The slot library (sdk/lib/image/slot-image.ts) finds the image and
// checks that its lengths and TLV areas hold together inside the slot; mote-boot then accepts
// it only when it was built for the primary slot (load_addr = the slot's address with the
// ROM_FIXED flag, hdr_size this board's), it ends before the slot's last sector (which holds
// the trailer and which a swap does not move: swap.ts), its TLV area has KEYHASH and ED25519
// entries, KEYHASH is the hash of mote-boot's own key, the SHA-256 over header, body and
// protected TLVs equals the SHA256 entry, and the Ed25519 signature over that digest verifies
// with the key (mote/crypto). Facts: ../shared/PROTOCOLS.md, "MCUboot image format".

import { FLASH_PRIMARY_OFFSET } from "mote/board";
import { ed25519Verify } from "mote/crypto";
import { readSlotImage, type SlotImage } from "../lib/image/slot-image.ts";
import { sha256Slot } from "../lib/image/slot-hash.ts";
import { flashAddress, sectorErased, slotFlash, slotOffset, slotSize, slotU16, SLOT_SECTOR_BYTES, type Slot } from "../lib/image/slots.ts";

/** IMAGE_F_ROM_FIXED: the image runs where load_addr says. */
const FLAG_ROM_FIXED = 0x100;
const TLV_INFO_MAGIC = 0x6907;
const TLV_KEYHASH = 0x01;
const TLV_ED25519 = 0x24;
const HASH_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** What mote-boot trusts: the public key (32 bytes) and the KEYHASH it expects (SHA-256 of
 *  the key's DER SubjectPublicKeyInfo, as imgtool writes it; flash-tool/image/keys.ts). */
export class TrustedKey {
  constructor(readonly publicKey: Uint8Array, readonly keyHash: Uint8Array) {}
}

/** A slot's image and what is wrong with it ("" when it may run). */
export class CheckedImage {
  constructor(readonly image: SlotImage | undefined, readonly problem: string) {}
}

const keyHash = new Uint8Array(HASH_BYTES);
const signature = new Uint8Array(SIGNATURE_BYTES);
const digest = new Uint8Array(HASH_BYTES);

/** The image in `slot` and its layout checks, without hashing: enough to size a swap. */
export function findImage(slot: Slot, headerSize: number): CheckedImage {
  const image = readSlotImage(slot);
  if (image === undefined) {
    const problem = sectorErased(slotOffset(slot)) ? "empty"
      : "not a whole image (no image header, or lengths or TLV areas that do not fit: damaged, truncated or unsigned)";
    return new CheckedImage(undefined, problem);
  }
  if (image.totalSize > slotSize(slot) - SLOT_SECTOR_BYTES) {
    return new CheckedImage(image, "too large: it reaches into the slot's last sector, which holds the trailer");
  }
  if (image.headerSize !== headerSize) return new CheckedImage(image, `built with a ${image.headerSize}-byte header, this board's images have ${headerSize}`);
  if (image.loadAddress !== flashAddress() + FLASH_PRIMARY_OFFSET || (image.flags & FLAG_ROM_FIXED) === 0) {
    return new CheckedImage(image, "built for another address (its load address is not the primary slot's)");
  }
  return new CheckedImage(image, "");
}

/** findImage, then the key hash, the SHA-256 and the signature: "" when the image may run. */
export function verifyImage(slot: Slot, headerSize: number, key: TrustedKey): CheckedImage {
  const found = findImage(slot, headerSize);
  const image = found.image;
  if (found.problem !== "" || image === undefined) return found;
  const problem = checkSignature(slot, image, key);
  return problem === "" ? found : new CheckedImage(image, problem);
}

function checkSignature(slot: Slot, image: SlotImage, key: TrustedKey): string {
  const base = slotOffset(slot);
  const flash = slotFlash();
  // The unprotected TLV area (slot-image.ts checked that it is there and fits).
  const area = image.hashedSize;
  const end = image.totalSize;
  if (slotU16(slot, area) !== TLV_INFO_MAGIC) return "damaged TLV area";
  let found = 0;
  for (let at = area + 4; at + 4 <= end;) {
    const type = slotU16(slot, at);
    const length = slotU16(slot, at + 2);
    const data = at + 4;
    if (data + length > end) return "damaged TLV area";
    if (type === TLV_KEYHASH && length === HASH_BYTES) {
      flash.read(base + data, keyHash);
      found |= 1;
    } else if (type === TLV_ED25519 && length === SIGNATURE_BYTES) {
      flash.read(base + data, signature);
      found |= 2;
    }
    at = data + length;
  }
  if (found !== 3) return "unsigned (no KEYHASH and ED25519 TLVs)";
  if (!sameBytes(keyHash, key.keyHash, HASH_BYTES)) return "signed with another key (KEYHASH differs)";

  sha256Slot(slot, image.hashedSize, digest);
  if (!sameBytes(digest, image.hash, HASH_BYTES)) return "damaged (SHA-256 differs from its SHA256 TLV)";
  if (!ed25519Verify(key.publicKey, digest, signature)) return "bad signature";
  return "";
}

function sameBytes(a: Uint8Array, b: Uint8Array, count: number): boolean {
  let difference = 0;
  for (let i = 0; i < count; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
