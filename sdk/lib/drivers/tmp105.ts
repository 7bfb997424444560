// TI TMP105 (and TMP75, TMP275, LM75-compatible) digital temperature sensor on I2C: a driver
// written against the bus API only, to copy as a template for other register-based sensors.
//
//   import { i2c } from "mote";
//   import { Tmp105 } from "mote/drivers/tmp105";
//   const sensor = new Tmp105(i2c.I2C0);         // address 0x48: A0, A1 tied low
//   console.log(sensor.readCentiCelsius());      // 2150 for 21.5 °C: integers only
//   console.log(sensor.readCelsius());           // 21.5: links the doubles runtime
//
// TMP105 datasheet (SBOS311), §7.5: the pointer register selects 0 temperature, 1
// configuration, 2 T_LOW, 3 T_HIGH. The temperature register is 16-bit two's complement in
// 1/256 °C, of which the top 9 to 12 bits are filled, as the resolution in the configuration
// (bits R1:R0) says: 0.5 °C steps after power-up, 0.0625 °C at 12 bits (a conversion then
// takes up to 220 ms instead of 27.5).

import type { I2cBus } from "mote";

const TEMPERATURE = 0;
const CONFIGURATION = 1;
const RESOLUTION_SHIFT = 5;
const DEFAULT_ADDRESS = 0x48;
/** A 16-bit register in 1/256 °C to hundredths: × 100 / 256 = × 25 / 64. */
const CENTI_NUMERATOR = 25;
const CENTI_DENOMINATOR = 64;

export class Tmp105 {
  constructor(readonly bus: I2cBus, readonly address: number = DEFAULT_ADDRESS) {}

  /** The temperature register as a signed number of 1/256 °C. */
  readRaw(): number {
    const bytes = this.bus.readRegister(this.address, TEMPERATURE, 2);
    const value = (bytes[0] << 8) | bytes[1];
    return value >= 0x8000 ? value - 0x10000 : value;
  }

  /** The temperature in hundredths of a degree Celsius, rounded toward zero (2150 for
   *  21.5 °C): integer arithmetic only, so no floating-point code is linked for it. */
  readCentiCelsius(): number {
    const raw = this.readRaw();
    const centi = ((raw < 0 ? -raw : raw) * CENTI_NUMERATOR / CENTI_DENOMINATOR) | 0;
    return raw < 0 ? -centi : centi;
  }

  /** The temperature in degrees Celsius (21.5). A fraction: the program links the doubles
   *  runtime (README, "Numbers"); readCentiCelsius does not. */
  readCelsius(): number {
    return this.readRaw() / 256;
  }

  /** Bits per reading, 9 (0.5 °C, the power-up setting) to 12 (0.0625 °C). */
  setResolution(bits: 9 | 10 | 11 | 12): void {
    const config = this.bus.readRegister(this.address, CONFIGURATION, 1)[0];
    const resolution = (bits - 9) << RESOLUTION_SHIFT;
    this.bus.writeRegister(this.address, CONFIGURATION, [(config & ~(3 << RESOLUTION_SHIFT)) | resolution]);
  }
}
