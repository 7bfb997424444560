// A thermostat: reads a TMP105 temperature sensor on the board's I2C bus every second and
// switches a heater's relay with hysteresis, on below 21.5 °C and off above 22.5 °C, so that
// readings wavering around the set point do not make it chatter. It logs every reading and
// every switch. On the Pico the relay is on GP15 (pins.RELAY); on mps2-an385, whose QEMU
// model has no free output, LED1 stands in for it.
//
// Each reading also goes out as telemetry (temperature in °C, heater 1 or 0), to the broker
// that `mote run --telemetry` starts, or any other through `mote bridge`.
//
// Temperatures are integers in hundredths of a degree (readCentiCelsius); only the telemetry
// divides by 100.

import { i2c, pins } from "mote";
import { Relay } from "mote/drivers/relay";
import { Tmp105 } from "mote/drivers/tmp105";
import { telemetry } from "mote/telemetry";

const SET_POINT = 2200;
const HYSTERESIS = 50;
const READ_EVERY_MS = 1000;

const sensor = new Tmp105(i2c.I2C0);
const heater = new Relay(pins.RELAY);

/** 2150 → "21.50", -50 → "-0.50". */
function degrees(centi: number): string {
  const magnitude = centi < 0 ? -centi : centi;
  const hundredths = magnitude % 100;
  return `${centi < 0 ? "-" : ""}${(magnitude / 100) | 0}.${hundredths < 10 ? "0" : ""}${hundredths}`;
}

function regulate(): void {
  let temperature = 0;
  try {
    temperature = sensor.readCentiCelsius();
  } catch (error) {
    // A loose wire: say so, and try again at the next reading.
    console.log(`no reading: ${(error as Error).message}`);
    return;
  }
  console.log(`${degrees(temperature)} C`);
  if (!heater.isOn && temperature < SET_POINT - HYSTERESIS) {
    heater.on();
    console.log("heater on");
  } else if (heater.isOn && temperature > SET_POINT + HYSTERESIS) {
    heater.off();
    console.log("heater off");
  }
  telemetry.publish("temperature", temperature / 100);
  telemetry.publish("heater", heater.isOn ? 1 : 0);
}

regulate();
setInterval(regulate, READ_EVERY_MS);
