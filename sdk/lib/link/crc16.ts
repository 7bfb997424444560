// CRC-16/XMODEM (polynomial 0x1021, initial 0, no reflection, no final xor): the check of
// mote's link frames and of SMP's serial transport. crc16("123456789") is 0x31C3.
//
// Device TypeScript, also run on the host (flash-tool/link), so both ends compute it with
// the same code. A table would be 512 bytes of flash for a few bytes per frame: bitwise.

/** CRC-16/XMODEM of bytes[start, end), continuing from `crc` (0 to start). */
export function crc16(bytes: Uint8Array, start: number, end: number, crc: number = 0): number {
  for (let i = start; i < end; i++) {
    crc ^= bytes[i] << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = (crc & 0x8000) !== 0 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}
