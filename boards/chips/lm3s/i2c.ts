// The LM3S6965's I2C master as `mote/i2c` (contract: sdk/lib/i2c.d.ts; LM3S6965 datasheet
// §15, "Inter-Integrated Circuit (I2C) Interface"). Bus 0 is I2C0 at 0x40020000 on PB2 (SCL)
// and PB3 (SDA), where the evaluation board (and QEMU's lm3s6965evb) has its tmp105 at 0x48.
//
// The controller sends a byte per command written to MCS: START (a start, or a repeated
// start, with the address in MSA), RUN (one byte, from MDR or into it), STOP, ACK (ack the
// byte received, for every byte but the last). Each command is waited for while MCS says
// BUSY, at most BUSY_POLLS reads; then MCS's ERROR bit says the address or the byte was not
// acknowledged (ADRACK, DATACK) or the bus was lost (ARBLST). A transfer with no bytes either
// way is START and STOP alone: the address, acknowledged or not (what `scan` sends).
//
// Between writing and reading, the contract asks for a repeated start. QEMU 7.2's model
// (hw/arm/stellaris.c) starts a transfer only while the bus is free and ignores a START
// while it holds the bus, so the read would go to a device still addressed for writing. The
// driver ends the write with a STOP and starts the read afresh: for register-pointer devices
// such as the TMP105 it is the same transaction; a device that needs the repeated start (one
// that forgets its pointer at a stop) would need the driver to change on real hardware.

import { peek32, poke32 } from "mote/intrinsics";
import { I2C_ADDRESS_NACK, I2C_DATA_NACK, I2C_OK, I2C_TIMEOUT } from "mote/i2c-status";

const SYSCTL_RCGC1 = 0x400fe104;
const SYSCTL_RCGC2 = 0x400fe108;
const RCGC1_I2C0 = 1 << 12;
const RCGC2_GPIOB = 1 << 1;

const GPIOB = 0x40005000;
const GPIO_AFSEL = GPIOB + 0x420;
const GPIO_ODR = GPIOB + 0x50c;
const GPIO_DEN = GPIOB + 0x51c;
const PB2_SCL = 1 << 2;
const PB3_SDA = 1 << 3;

const I2C0 = 0x40020000;
const MSA = I2C0 + 0x000;
const MCS = I2C0 + 0x004;
const MDR = I2C0 + 0x008;
const MTPR = I2C0 + 0x00c;
const MCR = I2C0 + 0x020;
const MCR_MASTER = 1 << 4;
/** SCL = clock / (20 × (TPR + 1)): 12.5 MHz / 140, 89 kHz, within standard mode's 100 kHz. */
const TPR_STANDARD = 6;

// MCS written: the command.
const RUN = 1 << 0;
const START = 1 << 1;
const STOP = 1 << 2;
const ACK = 1 << 3;
// MCS read: the status.
const BUSY = 1 << 0;
const ERROR = 1 << 1;
const ADRACK = 1 << 2;
const DATACK = 1 << 3;
const ARBLST = 1 << 4;

const BUSY_POLLS = 10000;
const READ_BIT = 1;
/** What `command` returns when the controller stays busy. */
const STILL_BUSY = -1;

let ready = false;

function init(): void {
  poke32(SYSCTL_RCGC1, peek32(SYSCTL_RCGC1) | RCGC1_I2C0);
  poke32(SYSCTL_RCGC2, peek32(SYSCTL_RCGC2) | RCGC2_GPIOB);
  poke32(GPIO_AFSEL, peek32(GPIO_AFSEL) | PB2_SCL | PB3_SDA);
  poke32(GPIO_ODR, peek32(GPIO_ODR) | PB3_SDA);
  poke32(GPIO_DEN, peek32(GPIO_DEN) | PB2_SCL | PB3_SDA);
  poke32(MCR, MCR_MASTER);
  poke32(MTPR, TPR_STANDARD);
  ready = true;
}

/** Writes a command and waits for it: the status bits, or STILL_BUSY. */
function command(bits: number): number {
  poke32(MCS, bits);
  for (let i = 0; i < BUSY_POLLS; i++) {
    const status = peek32(MCS);
    if ((status & BUSY) === 0) return status;
  }
  return STILL_BUSY;
}

/** A command that failed, as a transfer's result. The bus is given back with a stop unless
 *  it was lost to another master (then it is not ours to stop). */
function failed(status: number): number {
  if (status === STILL_BUSY) return I2C_TIMEOUT;
  if ((status & ARBLST) === 0) command(STOP);
  return (status & DATACK) !== 0 && (status & ADRACK) === 0 ? I2C_DATA_NACK : I2C_ADDRESS_NACK;
}

export function i2cTransfer(bus: number, address: number, write: Uint8Array, writeLength: number, read: Uint8Array, readLength: number): number {
  if (!ready) init();
  if (writeLength === 0 && readLength === 0) {
    poke32(MSA, address << 1);
    const status = command(START | STOP);
    if (status === STILL_BUSY) return I2C_TIMEOUT;
    return (status & ERROR) === 0 ? I2C_OK : I2C_ADDRESS_NACK;
  }
  if (writeLength > 0) {
    poke32(MSA, address << 1);
    for (let i = 0; i < writeLength; i++) {
      poke32(MDR, write[i]);
      const last = i === writeLength - 1;
      const status = command((i === 0 ? START : 0) | RUN | (last ? STOP : 0));
      if (status === STILL_BUSY || (status & ERROR) !== 0) return failed(status);
    }
  }
  if (readLength > 0) {
    poke32(MSA, (address << 1) | READ_BIT);
    for (let i = 0; i < readLength; i++) {
      const last = i === readLength - 1;
      const status = command((i === 0 ? START : 0) | RUN | (last ? STOP : ACK));
      if (status === STILL_BUSY || (status & ERROR) !== 0) return failed(status);
      read[i] = peek32(MDR) & 0xff;
    }
  }
  return I2C_OK;
}
