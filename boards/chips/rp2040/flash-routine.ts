// The RP2040 flash driver's RAM routine (boards/chips/rp2040/flash.ts copies it to SRAM and
// runs it there): while the flash chip erases or programs, it cannot be read, so no code may
// run from XIP flash meanwhile, nor any interrupt handler (interrupts are masked throughout).
// The routine takes the SSI out of execute-in-place mode, talks to the flash chip as plain
// SPI with chip select driven by IO_QSPI's override, sends the chip the same commands as the
// boot ROM's flash functions (datasheet §2.8.3; sdk/sim/models/spi-nor-flash.ts lists what
// they send), waits for the chip's busy bit to clear, then puts the SSI back as boot2
// (boot2.ts) left it (plain 03h reads: nothing in the chip to undo) and flushes the XIP
// cache. It is ours rather than a call into the boot ROM's functions because the simulator
// has no boot ROM (rp2040js ships none; sdk/sim/rp2040.ts fills the area with UDF), and
// none can be shipped with mote.
//
// Assembled here, on the host, by the compiler's Thumb assembler; the driver carries the
// halfwords (FLASH_ROUTINE there), and test/unit/rp2040-flash.test.ts checks that they are
// these.
//
// Called through callMethod(code, offset, source, count): r0..r2 hold tagged small integers
// (n << 1 | 1, sdk/compiler/values.ts). offset: the byte offset in flash; source: the SRAM
// address of the bytes to program, or 0 to erase the 4 KB sector at offset; count: how many
// bytes to program (1 to 256, within one page). Returns the small integer 0.

import { createAssembler } from "../../../sdk/compiler/asm/thumb.ts";

/** SSI, datasheet §4.10.13. */
const XIP_SSI_BASE = 0x18000000;
const SSI_CTRLR0 = 0x00;
const SSI_SSIENR = 0x08;
const SSI_SR = 0x28;
const SSI_DR0 = 0x60;
/** SR bit 3, RFNE: the receive FIFO is not empty. Shifted up to bit 31 to test with BPL. */
const SR_RFNE_SHIFT_TO_SIGN = 28;
/** CTRLR0: 8-bit frames (DFS_32 = 7) in TX-and-RX mode (TMOD = 0), standard SPI. */
const CTRLR0_SPI_8_BIT = 7 << 16;
/** IO_QSPI GPIO_QSPI_SS_CTRL (the datasheet's IO_QSPI registers): OUTOVER in bits 9:8, 0 = from the SSI, 2 = low,
 *  3 = high. */
const IO_QSPI_SS_CTRL = 0x40018000 + 0x0c;
const OUTOVER_LOW = 2;
const OUTOVER_HIGH = 3;
const OUTOVER_SHIFT = 8;
/** XIP_CTRL FLUSH (the datasheet's XIP registers): a write flushes the XIP cache. */
const XIP_CTRL_FLUSH = 0x14000004;
/** Winbond W25Q16JV instructions (its datasheet's instruction set table). */
const WRITE_ENABLE = 0x06;
const PAGE_PROGRAM = 0x02;
const SECTOR_ERASE_4K = 0x20;
const READ_STATUS_1 = 0x05;

/** The routine's machine code. */
export function flashRoutine(): Uint8Array {
  const a = createAssembler();
  const xfer = a.newLabel();
  const sendAddress = a.newLabel();
  const erase = a.newLabel();
  const commandSent = a.newLabel();
  const programLoop = a.newLabel();
  const poll = a.newLabel();
  const select = (level: number) => {
    a.movs(3, level);
    a.lsls(3, 3, OUTOVER_SHIFT);
    a.str(3, 5, { imm: 0 });
  };

  a.push([4, 5, 6, 7, 14]);
  a.asrs(0, 0, 1);
  a.asrs(1, 1, 1);
  a.asrs(2, 2, 1);
  a.mrs(7, "primask");
  a.cpsid();
  a.ldrConst(4, XIP_SSI_BASE);
  a.ldrConst(5, IO_QSPI_SS_CTRL);
  // Out of XIP: plain 8-bit SPI, the XIP settings kept on the stack.
  a.ldr(3, 4, { imm: SSI_CTRLR0 });
  a.push([3]);
  a.movs(3, 0);
  a.str(3, 4, { imm: SSI_SSIENR });
  a.ldrConst(3, CTRLR0_SPI_8_BIT);
  a.str(3, 4, { imm: SSI_CTRLR0 });
  a.movs(3, 1);
  a.str(3, 4, { imm: SSI_SSIENR });
  // Write enable, then the erase or program command.
  select(OUTOVER_LOW);
  a.movs(3, WRITE_ENABLE);
  a.bl(xfer);
  select(OUTOVER_HIGH);
  select(OUTOVER_LOW);
  a.cmp(1, { imm: 0 });
  a.bcond("eq", erase);
  a.movs(3, PAGE_PROGRAM);
  a.bl(xfer);
  a.bl(sendAddress);
  a.bind(programLoop);
  a.ldrb(3, 1, { imm: 0 });
  a.bl(xfer);
  a.adds(1, 1, { imm: 1 });
  a.subs(2, 2, { imm: 1 });
  a.bcond("ne", programLoop);
  a.b(commandSent);
  a.bind(erase);
  a.movs(3, SECTOR_ERASE_4K);
  a.bl(xfer);
  a.bl(sendAddress);
  a.bind(commandSent);
  select(OUTOVER_HIGH);
  // The chip works now; read status register 1 until BUSY (bit 0) clears.
  a.bind(poll);
  select(OUTOVER_LOW);
  a.movs(3, READ_STATUS_1);
  a.bl(xfer);
  a.bl(xfer);
  a.mov(6, 3);
  select(OUTOVER_HIGH);
  a.lsls(6, 6, 31);
  a.bcond("mi", poll);
  // Back to XIP as boot2 left it; chip select back to the SSI; a clean cache.
  a.movs(3, 0);
  a.str(3, 4, { imm: SSI_SSIENR });
  a.pop([3]);
  a.str(3, 4, { imm: SSI_CTRLR0 });
  a.movs(3, 1);
  a.str(3, 4, { imm: SSI_SSIENR });
  a.movs(3, 0);
  a.str(3, 5, { imm: 0 });
  a.ldrConst(3, XIP_CTRL_FLUSH);
  a.str(3, 3, { imm: 0 });
  a.msr("primask", 7);
  a.movs(0, 1);
  a.pop([4, 5, 6, 7, 15]);

  // xfer: sends r3's low byte, returns the byte received meanwhile in r3. Uses r6.
  a.bind(xfer);
  a.str(3, 4, { imm: SSI_DR0 });
  const wait = a.newLabel();
  a.bind(wait);
  a.ldr(6, 4, { imm: SSI_SR });
  a.lsls(6, 6, SR_RFNE_SHIFT_TO_SIGN);
  a.bcond("pl", wait);
  a.ldr(3, 4, { imm: SSI_DR0 });
  a.bx(14);

  // sendAddress: the 24-bit address in r0, most significant byte first.
  a.bind(sendAddress);
  a.push([14]);
  a.lsrs(3, 0, 16);
  a.uxtb(3, 3);
  a.bl(xfer);
  a.lsrs(3, 0, 8);
  a.uxtb(3, 3);
  a.bl(xfer);
  a.uxtb(3, 0);
  a.bl(xfer);
  a.pop([15]);

  const code = a.finish();
  if (code.relocs.length > 0) throw new Error("internal: the flash routine must be position independent");
  return code.bytes;
}

/** The routine as the driver's source carries it: halfwords in hex. */
export function flashRoutineHalfwords(): string[] {
  const bytes = flashRoutine();
  const words: string[] = [];
  for (let i = 0; i < bytes.length; i += 2) words.push(`0x${(bytes[i] | (bytes[i + 1] << 8)).toString(16).padStart(4, "0")}`);
  return words;
}
