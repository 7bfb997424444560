// I2C, by the board's bus names: `i2c.I2C0.readRegister(0x48, 0, 2)`. The board's buses are
// generated as `mote/i2c-buses` (sdk/compiler/frontend/program.ts) in an interface named after
// the board, so a bus the board lacks is a compile error naming it ("Property 'I2C0' does not
// exist on type 'MicrobitHasNoI2c'"). The chip's driver (`mote/i2c`, boards/chips/<family>/) moves
// the bits and bounds every wait; this file is the same on every board and turns what the
// driver says into errors that name the bus and the address.

import { i2cTransfer } from "mote/i2c";
import { I2C_ADDRESS_NACK, I2C_DATA_NACK, I2C_OK } from "mote/i2c-status";

/** 7-bit addresses 0x08–0x77: the others are reserved (I2C specification, UM10204 §3.1.12). */
const FIRST_ADDRESS = 0x08;
const LAST_ADDRESS = 0x77;
const HEX_DIGITS = "0123456789abcdef";
const NOTHING = new Uint8Array(0);

/** An I2C bus the device is the master of. Every call is one whole transaction; a device
 *  that does not answer is an Error naming the bus and the address, never a hang. */
export class I2cBus {
  constructor(readonly bus: number, readonly name: string) {}

  /** Reads `length` bytes from register `register` of the device at `address` (a write of
   *  the register number, a repeated start, the read). */
  readRegister(address: number, register: number, length: number): Uint8Array {
    const into = new Uint8Array(length);
    const pointer = new Uint8Array(1);
    pointer[0] = register;
    this.transfer(address, pointer, into);
    return into;
  }

  /** Writes `bytes` to register `register` of the device at `address`. */
  writeRegister(address: number, register: number, bytes: number[]): void {
    const out = new Uint8Array(bytes.length + 1);
    out[0] = register;
    for (let i = 0; i < bytes.length; i++) out[i + 1] = bytes[i];
    this.transfer(address, out, NOTHING);
  }

  /** Reads `length` bytes from the device at `address`. */
  read(address: number, length: number): Uint8Array {
    const into = new Uint8Array(length);
    this.transfer(address, NOTHING, into);
    return into;
  }

  /** Writes `bytes` to the device at `address`. */
  write(address: number, bytes: number[]): void {
    const out = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
    this.transfer(address, out, NOTHING);
  }

  /** The addresses (0x08–0x77) at which a device acknowledges a one-byte read. */
  scan(): number[] {
    const found: number[] = [];
    const into = new Uint8Array(1);
    for (let address = FIRST_ADDRESS; address <= LAST_ADDRESS; address++) {
      if (i2cTransfer(this.bus, address, NOTHING, 0, into, 1) === I2C_OK) found.push(address);
    }
    return found;
  }

  /** Writes all of `write`, then reads all of `read`. */
  private transfer(address: number, write: Uint8Array, read: Uint8Array): void {
    if (!(address >= 0 && address <= 0x7f && address === (address | 0))) {
      throw new RangeError(`${this.name}: ${address} is not a 7-bit I2C address (0x00-0x7f)`);
    }
    const status = i2cTransfer(this.bus, address, write, write.length, read, read.length);
    if (status === I2C_OK) return;
    const at = `${this.name}: the device at ${hexAddress(address)}`;
    if (status === I2C_ADDRESS_NACK) throw new Error(`${this.name}: no device acknowledged address ${hexAddress(address)}`);
    if (status === I2C_DATA_NACK) throw new Error(`${at} did not acknowledge a byte written to it`);
    throw new Error(`${at} did not finish the transfer in time (a device holding the bus?)`);
  }
}

/** 0x48: without toString(16), which would link number formatting. */
function hexAddress(address: number): string {
  return `0x${HEX_DIGITS[address >> 4]}${HEX_DIGITS[address & 15]}`;
}
