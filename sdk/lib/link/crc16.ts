// CRC-16/XMODEM (polynomial 0x1021, initial 0, no reflection, no final xor): the check of
// mote's link frames and of SMP's serial transport. crc16("123456789") is 0x31C3.
//
// Device TypeScript, also run on the host (flash-tool/link), so both ends compute it with
// the same code. A table would be 512 bytes of flash for a few bytes per frame; the eight
// shift-and-xor steps of a byte fold into a few operations instead (the polynomial's terms
// x^12, x^5 and 1 applied to the byte's top nibble folded into the bottom one).

/** CRC-16/XMODEM of bytes[start, end), continuing from `crc` (0 to start). */
export function crc16(bytes: Uint8Array, start: number, end: number, crc: number = 0): number {
  let value = crc & 0xffff;
  for (let i = start; i < end; i++) {
    let x = ((value >> 8) ^ bytes[i]) & 0xff;
    x ^= x >> 4;
    value = ((value << 8) ^ (x << 12) ^ (x << 5) ^ x) & 0xffff;
  }
  return value;
}
