// The MPS2 FPGA's SBCon two-wire interface as `mote/i2c` (contract: sdk/lib/i2c.d.ts): I2C
// bit-banged from here, one line at a time (Arm AN385 application note, "SBCon"; QEMU's
// arm_sbcon_i2c). Bus 0 is the Shield 1 header's SBCon at 0x4002A000, where QEMU puts an
// I2C `-device` (a tmp105 at 0x48 on this board, boards/mps2-an385/board.ts).
//
// Both lines are open drain: a 1 written to CONTROL_SET releases a line (a pull-up takes it
// high), a 1 written to CONTROL_CLEAR pulls it low. The only wait is for SCL to rise, which a
// device may hold low to stretch the clock; it is bounded by STRETCH_POLLS.
// No delay is put between edges: QEMU's bus reacts to each one at once. At 100 kHz the real
// FPGA needs about 5 µs per half bit, not measured here (no hardware to measure on).

import { peek32, poke32 } from "mote/intrinsics";
import { I2C_ADDRESS_NACK, I2C_DATA_NACK, I2C_OK, I2C_TIMEOUT } from "mote/i2c-status";

const SBCON_BASE = 0x4002a000;
/** Read: the lines' levels. Write 1s: release those lines. */
const CONTROL = SBCON_BASE + 0x0;
const CONTROL_SET = SBCON_BASE + 0x0;
/** Write 1s: pull those lines low. */
const CONTROL_CLEAR = SBCON_BASE + 0x4;
const SCL = 1 << 0;
const SDA = 1 << 1;
const STRETCH_POLLS = 10000;
/** What writeByte hears after the byte's ninth clock. */
const ACK = 0;
const NACK = 1;
const STUCK = -1;
const READ_BIT = 1;

/** Lets SCL rise and waits until it has (a device may stretch the clock): false if it never does. */
function clockHigh(): boolean {
  poke32(CONTROL_SET, SCL);
  for (let i = 0; i < STRETCH_POLLS; i++) {
    if ((peek32(CONTROL) & SCL) !== 0) return true;
  }
  return false;
}

/** A start, or a repeated start: SDA falls while SCL is high. */
function start(): boolean {
  poke32(CONTROL_SET, SDA);
  if (!clockHigh()) return false;
  poke32(CONTROL_CLEAR, SDA);
  poke32(CONTROL_CLEAR, SCL);
  return true;
}

/** A stop: SDA rises while SCL is high. */
function stop(): void {
  poke32(CONTROL_CLEAR, SDA);
  clockHigh();
  poke32(CONTROL_SET, SDA);
}

/** Clocks out eight bits, most significant first, and the device's acknowledge bit. */
function writeByte(byte: number): number {
  for (let bit = 7; bit >= 0; bit--) {
    if (((byte >> bit) & 1) !== 0) poke32(CONTROL_SET, SDA);
    else poke32(CONTROL_CLEAR, SDA);
    if (!clockHigh()) return STUCK;
    poke32(CONTROL_CLEAR, SCL);
  }
  poke32(CONTROL_SET, SDA);
  if (!clockHigh()) return STUCK;
  const answer = (peek32(CONTROL) & SDA) === 0 ? ACK : NACK;
  poke32(CONTROL_CLEAR, SCL);
  return answer;
}

/** Clocks in eight bits, then acknowledges (more to come) or not (the last byte). */
function readByte(acknowledge: boolean): number {
  let byte = 0;
  poke32(CONTROL_SET, SDA);
  for (let bit = 0; bit < 8; bit++) {
    if (!clockHigh()) return STUCK;
    byte = (byte << 1) | ((peek32(CONTROL) & SDA) !== 0 ? 1 : 0);
    poke32(CONTROL_CLEAR, SCL);
  }
  if (acknowledge) poke32(CONTROL_CLEAR, SDA);
  if (!clockHigh()) return STUCK;
  poke32(CONTROL_CLEAR, SCL);
  poke32(CONTROL_SET, SDA);
  return byte;
}

function finish(status: number): number {
  stop();
  return status;
}

export function i2cTransfer(bus: number, address: number, write: Uint8Array, writeLength: number, read: Uint8Array, readLength: number): number {
  if (!start()) return finish(I2C_TIMEOUT);
  if (writeLength > 0 || readLength === 0) {
    const answer = writeByte(address << 1);
    if (answer !== ACK) return finish(answer === NACK ? I2C_ADDRESS_NACK : I2C_TIMEOUT);
    for (let i = 0; i < writeLength; i++) {
      const acknowledged = writeByte(write[i]);
      if (acknowledged !== ACK) return finish(acknowledged === NACK ? I2C_DATA_NACK : I2C_TIMEOUT);
    }
    if (readLength > 0 && !start()) return finish(I2C_TIMEOUT);
  }
  if (readLength > 0) {
    const answer = writeByte((address << 1) | READ_BIT);
    if (answer !== ACK) return finish(answer === NACK ? I2C_ADDRESS_NACK : I2C_TIMEOUT);
    for (let i = 0; i < readLength; i++) {
      const byte = readByte(i < readLength - 1);
      if (byte === STUCK) return finish(I2C_TIMEOUT);
      read[i] = byte;
    }
  }
  return finish(I2C_OK);
}
