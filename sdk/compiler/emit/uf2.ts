// UF2, the USB mass-storage flashing format of the RP2040 boot ROM and many other boards
// (github.com/microsoft/uf2, README "File format"). Each 512-byte block carries up to 476
// bytes; we use 256-byte payloads at 256-byte-aligned addresses, which the RP2040 boot ROM
// requires (RP2040 datasheet §2.8.4.2).

import type { LinkedImage } from "../link/types.ts";

export const UF2_BLOCK_SIZE = 512;
export const UF2_PAYLOAD_SIZE = 256;
export const UF2_MAGIC_START0 = 0x0a324655; // "UF2\n"
export const UF2_MAGIC_START1 = 0x9e5d5157;
export const UF2_MAGIC_END = 0x0ab16f30;
/** familyID present: word 7 holds the family id instead of the file size. */
export const UF2_FLAG_FAMILY_ID_PRESENT = 0x00002000;
// Block layout (UF2 README "File format"): eight little-endian words, the data area
// (bytes 32..507), and a final magic word.
const MAGIC_START0_OFFSET = 0;
const MAGIC_START1_OFFSET = 4;
const FLAGS_OFFSET = 8;
const TARGET_ADDRESS_OFFSET = 12;
const PAYLOAD_SIZE_OFFSET = 16;
const BLOCK_NUMBER_OFFSET = 20;
const BLOCK_COUNT_OFFSET = 24;
const FAMILY_ID_OFFSET = 28; // the file size when the family-id flag is clear
const DATA_OFFSET = 32;
const MAGIC_END_OFFSET = UF2_BLOCK_SIZE - 4;

/** `data` placed at `origin` (which must be payload-aligned), for the given family. */
export function uf2(data: Uint8Array, origin: number, familyId: number): Uint8Array {
  if (origin % UF2_PAYLOAD_SIZE !== 0) {
    throw new Error(`uf2: origin 0x${origin.toString(16)} is not ${UF2_PAYLOAD_SIZE}-byte aligned`);
  }
  const blockCount = Math.ceil(data.length / UF2_PAYLOAD_SIZE);
  const out = new Uint8Array(blockCount * UF2_BLOCK_SIZE);
  const view = new DataView(out.buffer);
  for (let block = 0; block < blockCount; block++) {
    const base = block * UF2_BLOCK_SIZE;
    view.setUint32(base + MAGIC_START0_OFFSET, UF2_MAGIC_START0, true);
    view.setUint32(base + MAGIC_START1_OFFSET, UF2_MAGIC_START1, true);
    view.setUint32(base + FLAGS_OFFSET, UF2_FLAG_FAMILY_ID_PRESENT, true);
    view.setUint32(base + TARGET_ADDRESS_OFFSET, origin + block * UF2_PAYLOAD_SIZE, true);
    view.setUint32(base + PAYLOAD_SIZE_OFFSET, UF2_PAYLOAD_SIZE, true);
    view.setUint32(base + BLOCK_NUMBER_OFFSET, block, true);
    view.setUint32(base + BLOCK_COUNT_OFFSET, blockCount, true);
    view.setUint32(base + FAMILY_ID_OFFSET, familyId >>> 0, true);
    // The last page is zero-padded to the full payload, as elf2uf2 does.
    out.set(data.subarray(block * UF2_PAYLOAD_SIZE, (block + 1) * UF2_PAYLOAD_SIZE), base + DATA_OFFSET);
    view.setUint32(base + MAGIC_END_OFFSET, UF2_MAGIC_END, true);
  }
  return out;
}

/** The flash image as UF2; `familyId` is the board's `uf2FamilyId` (RP2040: 0xe48bff56). */
export function writeUf2(image: LinkedImage, familyId: number): Uint8Array {
  return uf2(image.flashBytes, image.layout.flash.origin, familyId);
}
