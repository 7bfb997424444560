// The LED shows the button: on while it is held down. The button pulls its pin to ground
// when pressed (active low), so the pin reads 1 through the pull-up until then.
import { pins } from "mote";

pins.BUTTON.mode("input-pullup");
pins.BUTTON.onChange("both", (level) => {
  const pressed = level === 0;
  pins.LED.write(pressed);
  console.log(pressed ? "pressed" : "released");
}, { debounceMs: 20 });
