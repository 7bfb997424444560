// The contract of a chip's I2C driver, `mote/i2c` (boards/chips/<family>/…, named by the
// board's `drivers.i2c`). Bus numbers are the driver's (Board.i2c maps names to them);
// sdk/lib/i2c-bus.ts is its only user. Status codes: sdk/lib/i2c-status.ts.

/**
 * One transaction as the bus master, every wait in it bounded: a start, the 7-bit `address`
 * for writing and the first `writeLength` bytes of `write` (if any), then (if `readLength` >
 * 0) a repeated start, the address for reading and `readLength` bytes into `read`, the last
 * one not acknowledged; then a stop. With no bytes either way, the address alone (for
 * writing). Returns I2C_OK or why it stopped.
 */
export declare function i2cTransfer(bus: number, address: number, write: Uint8Array, writeLength: number, read: Uint8Array, readLength: number): number;
