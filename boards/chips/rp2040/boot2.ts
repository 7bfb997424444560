// The RP2040's second-stage bootloader (boot2): the first 256 bytes of flash, which the boot
// ROM copies to SRAM, checks (CRC-32 over the first 252 bytes, stored in the last 4) and runs
// (RP2040 datasheet §2.8.1.3). It sets up the flash interface (SSI) for execute-in-place with
// the plain 03h read command, which every QSPI flash supports, then starts the image: VTOR,
// stack pointer and reset handler from the vector table at 0x10000100.
//
// The code runs from SRAM at an address it does not know, so it is position independent
// (literal loads only, no absolute branches). rp2040js starts images at the vector table and
// never runs it; a real Pico always does.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";

const BOOT2_SIZE = 256;
const CHECKSUM_OFFSET = 252;

// SSI (DW_apb_ssi) at XIP_SSI_BASE, datasheet §4.10.13.
const XIP_SSI_BASE = 0x18000000;
const SSI_CTRLR0 = 0x00;
const SSI_CTRLR1 = 0x04;
const SSI_SSIENR = 0x08;
const SSI_BAUDR = 0x14;
const SSI_SPI_CTRLR0 = 0xf4;
const CTRLR0_DFS_32_LSB = 16;
const CTRLR0_TMOD_LSB = 8;
const TMOD_EEPROM_READ = 3;
const SPI_CTRLR0_XIP_CMD_LSB = 24;
const SPI_CTRLR0_INST_L_LSB = 8;
const SPI_CTRLR0_ADDR_L_LSB = 2;
const INST_L_8_BITS = 2;
const ADDR_L_24_BITS = 6; // in units of 4 bits
const READ_DATA_COMMAND = 0x03;
/** clk_sys / 4 on the flash clock: safe for 03h reads at the boot clock and at 125 MHz. */
const FLASH_CLOCK_DIVIDER = 4;

const VECTOR_TABLE = 0x10000100;
const M0PLUS_VTOR = 0xe000ed08;

/** The 256 bytes of boot2, checksum included. */
export function boot2(): Uint8Array {
  const a = createAssembler();
  a.ldrConst(3, XIP_SSI_BASE);
  a.movs(1, 0);
  a.str(1, 3, { imm: SSI_SSIENR });                 // disable while configuring
  a.movs(1, FLASH_CLOCK_DIVIDER);
  a.str(1, 3, { imm: SSI_BAUDR });
  a.ldrConst(1, ((32 - 1) << CTRLR0_DFS_32_LSB) | (TMOD_EEPROM_READ << CTRLR0_TMOD_LSB));
  a.str(1, 3, { imm: SSI_CTRLR0 });
  a.ldrConst(1, (READ_DATA_COMMAND << SPI_CTRLR0_XIP_CMD_LSB) | (INST_L_8_BITS << SPI_CTRLR0_INST_L_LSB)
    | (ADDR_L_24_BITS << SPI_CTRLR0_ADDR_L_LSB));
  a.ldrConst(0, XIP_SSI_BASE + SSI_SPI_CTRLR0);
  a.str(1, 0, { imm: 0 });
  a.movs(1, 0);
  a.str(1, 3, { imm: SSI_CTRLR1 });                 // one data frame per transfer
  a.movs(1, 1);
  a.str(1, 3, { imm: SSI_SSIENR });
  // Start the image as a reset would.
  a.ldrConst(0, VECTOR_TABLE);
  a.ldrConst(1, M0PLUS_VTOR);
  a.str(0, 1, { imm: 0 });
  a.ldm(0, [0, 1]);
  a.msr("msp", 0);
  a.bx(1);
  const code = a.finish();
  if (code.relocs.length > 0 || code.bytes.length > CHECKSUM_OFFSET) throw new Error("internal: boot2 must be position independent and fit 252 bytes");
  const bytes = new Uint8Array(BOOT2_SIZE);
  bytes.set(code.bytes);
  new DataView(bytes.buffer).setUint32(CHECKSUM_OFFSET, crc32Mpeg2(bytes.subarray(0, CHECKSUM_OFFSET)), true);
  return bytes;
}

/** CRC-32 as the boot ROM computes it: polynomial 0x04C11DB7, initial value 0xFFFFFFFF, bits
 *  not reflected, no final XOR (the "CRC-32/MPEG-2" parameters). */
export function crc32Mpeg2(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}
