// Intel HEX (Intel "Hexadecimal Object File Format Specification", rev. A, 1988): ASCII
// records ":LLAAAATT<data>CC". 16-bit record addresses are extended to 32 bits by type 04
// (extended linear address) records giving the upper 16 bits.

import type { LinkedImage } from "../link/types.ts";

const RECORD_DATA = 0x00;
const RECORD_END_OF_FILE = 0x01;
const RECORD_EXTENDED_LINEAR_ADDRESS = 0x04;
const RECORD_START_LINEAR_ADDRESS = 0x05;
/** Bytes per data record, as objcopy and most flashers write them. */
export const HEX_BYTES_PER_RECORD = 16;
/** A record's 16-bit address field covers one 64 KB segment of the linear address. */
const SEGMENT_SIZE = 0x10000;
const THUMB_BIT = 1;

function byteHex(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, "0");
}

/** One record; the checksum is the two's complement of the sum of all other bytes. */
export function hexRecord(type: number, address: number, data: ArrayLike<number>): string {
  const bytes = [data.length, (address >> 8) & 0xff, address & 0xff, type, ...Array.from(data)];
  const sum = bytes.reduce((a, b) => a + b, 0);
  return `:${bytes.map(byteHex).join("")}${byteHex((0x100 - (sum & 0xff)) & 0xff)}`;
}

/**
 * `data` placed at `origin`. `startAddress` (optional) becomes a type 05 record, the
 * execution start address, as objcopy writes it from the ELF entry point.
 */
export function intelHex(data: Uint8Array, origin: number, startAddress?: number): string {
  const lines: string[] = [];
  let segment = -1;
  let at = 0;
  while (at < data.length) {
    const address = origin + at;
    const upper = Math.floor(address / SEGMENT_SIZE);
    if (upper !== segment) {
      lines.push(hexRecord(RECORD_EXTENDED_LINEAR_ADDRESS, 0, [(upper >> 8) & 0xff, upper & 0xff]));
      segment = upper;
    }
    // Records never cross a 64 KB boundary: the 16-bit address would wrap.
    const toSegmentEnd = SEGMENT_SIZE - (address % SEGMENT_SIZE);
    const count = Math.min(HEX_BYTES_PER_RECORD, data.length - at, toSegmentEnd);
    lines.push(hexRecord(RECORD_DATA, address % SEGMENT_SIZE, data.subarray(at, at + count)));
    at += count;
  }
  if (startAddress !== undefined) {
    const s = startAddress >>> 0;
    lines.push(hexRecord(RECORD_START_LINEAR_ADDRESS, 0, [s >>> 24, (s >> 16) & 0xff, (s >> 8) & 0xff, s & 0xff]));
  }
  lines.push(hexRecord(RECORD_END_OF_FILE, 0, []));
  return lines.join("\n") + "\n";
}

/** The flash image as Intel HEX, with the reset handler (Thumb bit set) as start address. */
export function writeHex(image: LinkedImage): string {
  return intelHex(image.flashBytes, image.layout.flash.origin, image.entry | THUMB_BIT);
}
