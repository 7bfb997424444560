// What a chip's I2C driver (`mote/i2c`, contract sdk/lib/i2c.d.ts) says of a transfer.

export const I2C_OK = 0;
/** No device acknowledged the address. */
export const I2C_ADDRESS_NACK = 1;
/** The device acknowledged its address but not a byte written to it. */
export const I2C_DATA_NACK = 2;
/** The bus did not finish in time (a device holding SCL or SDA low, a controller stuck). */
export const I2C_TIMEOUT = 3;
