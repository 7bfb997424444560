// The blinky of the C baseline: ten LED toggles 10 ms apart, then the program ends.
import { pins } from "mote";

let toggles = 0;
const timer = setInterval(() => {
  pins.LED.toggle();
  if (++toggles === 10) clearInterval(timer);
}, 10);
