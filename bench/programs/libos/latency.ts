// Interrupt latency: from a pin edge to the first instruction of the app's callback
// (the probe is set at the callback's address).
import { pins } from "mote";

pins.BUTTON.mode("input-pullup");
pins.BUTTON.onChange("falling", () => {
  pins.LED.write(1);
});
