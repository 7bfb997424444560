// Blinks the board's LED: on for half a second, off for half a second.
import { pins } from "mote";

const led = pins.LED;
setInterval(() => {
  led.toggle();
}, 500);
