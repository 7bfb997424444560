// CRC-16/XMODEM, the checksum of the SMP serial transport (Zephyr smp_transport.rst;
// mcumgr's crc16_ccitt with seed 0): polynomial 0x1021, initial value 0, no reflection, no
// final XOR. Check value: crc16("123456789") = 0x31C3.

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
})();

/** CRC-16/XMODEM of `bytes`, continuing from `crc` (0 to start). */
export function crc16(bytes: Uint8Array, crc = 0): number {
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}
