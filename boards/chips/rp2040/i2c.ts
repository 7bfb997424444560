// RP2040 I2C0 (a Synopsys DW_apb_i2c) as `mote/i2c` (contract: sdk/lib/i2c.d.ts), master at
// 100 kHz on GP4 (SDA) and GP5 (SCL). RP2040 datasheet §4.3 (I2C), §2.14 (RESETS), §2.19
// (IO_BANK0, PADS_BANK0). rp2040js models the controller; its devices are the harness's.
//
// Each command pushed to IC_DATA_CMD is a byte to write or a read, flagged with a RESTART
// before it and a STOP after it. Every wait polls at most MAX_POLLS times (a few ms at
// 125 MHz, far longer than 16 bytes take at 100 kHz); a device that never answers ends the
// transfer as I2C_TIMEOUT instead of hanging the program.

import { peek32, poke32 } from "mote/intrinsics";
import { I2C_ADDRESS_NACK, I2C_DATA_NACK, I2C_OK, I2C_TIMEOUT } from "mote/i2c-status";

const I2C0_BASE = 0x40044000;
const IC_CON = I2C0_BASE + 0x00;
const IC_TAR = I2C0_BASE + 0x04;
const IC_DATA_CMD = I2C0_BASE + 0x10;
const IC_SS_SCL_HCNT = I2C0_BASE + 0x14;
const IC_SS_SCL_LCNT = I2C0_BASE + 0x18;
const IC_RAW_INTR_STAT = I2C0_BASE + 0x34;
const IC_RX_TL = I2C0_BASE + 0x38;
const IC_TX_TL = I2C0_BASE + 0x3c;
const IC_CLR_TX_ABRT = I2C0_BASE + 0x54;
const IC_CLR_STOP_DET = I2C0_BASE + 0x60;
const IC_ENABLE = I2C0_BASE + 0x6c;
const IC_STATUS = I2C0_BASE + 0x70;
const IC_RXFLR = I2C0_BASE + 0x78;
const IC_TX_ABRT_SOURCE = I2C0_BASE + 0x80;
const IC_FS_SPKLEN = I2C0_BASE + 0xa0;

const CON_MASTER_MODE = 1 << 0;
const CON_SPEED_STANDARD = 1 << 1;
const CON_RESTART_EN = 1 << 5;
const CON_SLAVE_DISABLE = 1 << 6;
const CON_TX_EMPTY_CTRL = 1 << 8;
const DATA_CMD_READ = 1 << 8;
const DATA_CMD_STOP = 1 << 9;
const DATA_CMD_RESTART = 1 << 10;
const DATA_MASK = 0xff;
const INTR_TX_ABRT = 1 << 6;
const INTR_STOP_DET = 1 << 9;
const STATUS_TFNF = 1 << 1;
const FIFO_LEVEL_MASK = 0x1f;
/** The abort reasons (the top bits count flushed commands and are no small integer). */
const ABRT_SOURCE_MASK = 0x1ffff;
const ABRT_7B_ADDR_NOACK = 1 << 0;

// 100 kHz from clk_sys = 125 MHz: 1250 cycles a bit, 3/5 of them low (as pico-sdk's
// i2c_set_baudrate), spikes up to 1/16 of the low time suppressed. SDA hold stays at its
// reset value: standard mode asks for no minimum hold time (UM10204 table 10).
const SCL_HIGH_CYCLES = 500;
const SCL_LOW_CYCLES = 750;
const SPIKE_CYCLES = 46;
const MAX_POLLS = 100000;

const RESETS_CLEAR = 0x4000c000 + 0x3000;
const RESETS_DONE = 0x4000c000 + 0x8;
const RESET_I2C0 = 1 << 3;
const RESET_IO_BANK0 = 1 << 5;
const RESET_PADS_BANK0 = 1 << 8;
const GPIO4_CTRL = 0x40014000 + 0x024;
const GPIO5_CTRL = 0x40014000 + 0x02c;
const FUNCSEL_I2C = 3;
const PAD_GPIO4 = 0x4001c000 + 0x014;
const PAD_GPIO5 = 0x4001c000 + 0x018;
/** Input enabled, Schmitt trigger, pull-up (the bus's own resistors may be missing). */
const PAD_I2C = (1 << 6) | (1 << 3) | (1 << 1);

let ready = false;

function bringUp(): void {
  ready = true;
  const blocks = RESET_I2C0 | RESET_IO_BANK0 | RESET_PADS_BANK0;
  poke32(RESETS_CLEAR, blocks);
  for (let i = 0; i < MAX_POLLS && (peek32(RESETS_DONE) & blocks) !== blocks; i++) {}
  poke32(IC_ENABLE, 0);
  poke32(IC_CON, CON_MASTER_MODE | CON_SPEED_STANDARD | CON_RESTART_EN | CON_SLAVE_DISABLE | CON_TX_EMPTY_CTRL);
  poke32(IC_SS_SCL_HCNT, SCL_HIGH_CYCLES);
  poke32(IC_SS_SCL_LCNT, SCL_LOW_CYCLES);
  poke32(IC_FS_SPKLEN, SPIKE_CYCLES);
  poke32(IC_TX_TL, 0);
  poke32(IC_RX_TL, 0);
  poke32(PAD_GPIO4, PAD_I2C);
  poke32(PAD_GPIO5, PAD_I2C);
  poke32(GPIO4_CTRL, FUNCSEL_I2C);
  poke32(GPIO5_CTRL, FUNCSEL_I2C);
}

function aborted(): boolean {
  return (peek32(IC_RAW_INTR_STAT) & INTR_TX_ABRT) !== 0;
}

/** Pushes one command once the TX FIFO has room; false if it never has. */
function push(command: number): boolean {
  for (let i = 0; i < MAX_POLLS; i++) {
    if ((peek32(IC_STATUS) & STATUS_TFNF) !== 0) {
      poke32(IC_DATA_CMD, command);
      return true;
    }
  }
  return false;
}

/** Waits for a received byte (true) or an abort (false). */
function received(): boolean {
  for (let i = 0; i < MAX_POLLS; i++) {
    if ((peek32(IC_RXFLR) & FIFO_LEVEL_MASK) > 0) return true;
    if (aborted()) return false;
  }
  return false;
}

/** After the last command: waits for the STOP, then says how the transfer went. */
function outcome(): number {
  let stopped = false;
  for (let i = 0; i < MAX_POLLS && !stopped; i++) stopped = (peek32(IC_RAW_INTR_STAT) & INTR_STOP_DET) !== 0;
  if (aborted()) {
    const source = peek32(IC_TX_ABRT_SOURCE) & ABRT_SOURCE_MASK;
    peek32(IC_CLR_TX_ABRT);
    return (source & ABRT_7B_ADDR_NOACK) !== 0 ? I2C_ADDRESS_NACK : I2C_DATA_NACK;
  }
  return stopped ? I2C_OK : I2C_TIMEOUT;
}

export function i2cTransfer(bus: number, address: number, write: Uint8Array, writeLength: number, read: Uint8Array, readLength: number): number {
  if (!ready) bringUp();
  // The target address can change only while the controller is disabled.
  poke32(IC_ENABLE, 0);
  poke32(IC_TAR, address);
  poke32(IC_ENABLE, 1);
  peek32(IC_CLR_TX_ABRT);
  peek32(IC_CLR_STOP_DET);
  // The controller cannot send an address alone: a probe reads one byte instead.
  const reads = writeLength === 0 && readLength === 0 ? 1 : readLength;
  for (let i = 0; i < writeLength; i++) {
    const last = i === writeLength - 1 && reads === 0;
    if (!push(write[i] | (last ? DATA_CMD_STOP : 0))) return I2C_TIMEOUT;
    if (aborted()) return outcome();
  }
  for (let i = 0; i < reads; i++) {
    const restart = i === 0 && writeLength > 0;
    if (!push(DATA_CMD_READ | (restart ? DATA_CMD_RESTART : 0) | (i === reads - 1 ? DATA_CMD_STOP : 0))) return I2C_TIMEOUT;
    if (!received()) {
      const status = outcome();
      return status === I2C_OK ? I2C_TIMEOUT : status;
    }
    const byte = peek32(IC_DATA_CMD) & DATA_MASK;
    if (i < readLength) read[i] = byte;
  }
  return outcome();
}
