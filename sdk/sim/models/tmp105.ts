// A TI TMP105 temperature sensor on a simulated I2C bus (TMP105 datasheet, SBOS311, §7.5):
// a pointer register chooses which register the next bytes read or write, 0 temperature,
// 1 configuration, 2 T_LOW, 3 T_HIGH. Temperatures are 16-bit two's complement in 1/256 °C,
// of which the part fills the top 9 to 12 bits as the configuration's resolution bits R1:R0
// say (9 bits, 0.5 °C steps, after power-up: what QEMU's tmp105 gives too).

import { SENSOR_RANGES } from "../sensors.ts";
import type { I2cDeviceModel } from "./i2c-device.ts";

const POINTER_TEMPERATURE = 0;
const POINTER_CONFIGURATION = 1;
const POINTER_MASK = 0b11;
const RESOLUTION_SHIFT = 5;
const RESOLUTION_MASK = 0b11;
const LOWEST_RESOLUTION_BITS = 9;
/** Power-up values of T_LOW and T_HIGH: 75 °C and 80 °C. */
const T_LOW_DEFAULT = 75 * 256;
const T_HIGH_DEFAULT = 80 * 256;
/** The range the register can hold. */
const { min: MIN_CELSIUS, max: MAX_CELSIUS } = SENSOR_RANGES.tmp105;

export class Tmp105Model implements I2cDeviceModel {
  /** The temperature register before rounding to the resolution, in 1/256 °C. */
  private temperature = 0;
  private pointer = POINTER_TEMPERATURE;
  private configuration = 0;
  private limits = [T_LOW_DEFAULT, T_HIGH_DEFAULT];
  /** Bytes since the device was addressed. */
  private index = 0;

  /** The temperature the part measures, in °C. */
  set celsius(value: number) {
    if (!(value >= MIN_CELSIUS && value <= MAX_CELSIUS)) {
      throw new RangeError(`tmp105: ${value} °C is outside the range it measures (${MIN_CELSIUS} to ${MAX_CELSIUS} °C)`);
    }
    this.temperature = Math.round(value * 256);
  }

  start(): void {
    this.index = 0;
  }

  writeByte(byte: number): boolean {
    const index = this.index++;
    if (index === 0) {
      this.pointer = byte & POINTER_MASK;
    } else if (this.pointer === POINTER_CONFIGURATION) {
      this.configuration = byte;
    } else if (this.pointer !== POINTER_TEMPERATURE && index <= 2) {
      const limit = this.pointer - 2;
      this.limits[limit] = index === 1 ? (byte << 8) | (this.limits[limit] & 0xff) : (this.limits[limit] & 0xff00) | (byte & 0xf0);
    }
    return true;
  }

  readByte(): number {
    const index = this.index++;
    if (this.pointer === POINTER_CONFIGURATION) return this.configuration;
    const value = this.pointer === POINTER_TEMPERATURE ? this.register() : this.limits[this.pointer - 2];
    return index % 2 === 0 ? (value >> 8) & 0xff : value & 0xff;
  }

  /** The temperature register as read: the top 9–12 bits, the rest zero. */
  private register(): number {
    const bits = LOWEST_RESOLUTION_BITS + ((this.configuration >> RESOLUTION_SHIFT) & RESOLUTION_MASK);
    const mask = (0xffff << (16 - bits)) & 0xffff;
    return (this.temperature & 0xffff) & mask;
  }
}
