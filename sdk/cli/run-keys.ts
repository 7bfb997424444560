// `mote run` on a terminal: keys play the board's inputs while the app runs. 1, 2, … press and
// release its buttons; + and - move its simulated sensor (sensor-settings.ts). What they
// change shows on the status line (pin-view.ts).

import type { Board } from "../../boards/types.ts";
import type { TargetControl } from "../sim/types.ts";
import type { PinView } from "./pin-view.ts";
import type { SensorKeys } from "./sensor-settings.ts";

const CTRL_C = 3;

/**
 * Buttons are active low (their pull-ups hold them high until pressed); a terminal gives no
 * key-up, so each key toggles. They are released at start, keys or not.
 */
export function terminalKeys(board: Board, view: PinView, sensor: SensorKeys, stderr: (line: string) => void): { start(control: TargetControl): void; stop(): void } {
  const buttons = view.buttons;
  let listening = false;
  return {
    start(control) {
      for (const button of buttons) control.setPin(button, 1);
      if (!process.stdin.isTTY || (buttons.length === 0 && sensor.sensor === undefined)) return;
      if (sensor.label !== undefined) view.sensorChanged(sensor.label);
      const pressed = new Set<string>();
      process.stdin.setRawMode(true);
      process.stdin.resume();
      listening = true;
      process.stdin.on("data", (data: Buffer) => {
        for (const byte of data) {
          if (byte === CTRL_C) process.kill(process.pid, "SIGINT"); // Ctrl-C still stops the run
          if (sensor.press(String.fromCharCode(byte), control, (message) => stderr(`mote: ${message}`))) {
            view.sensorChanged(sensor.label!);
            continue;
          }
          const button = buttons[byte - 0x31];
          if (button === undefined) {
            if (byte >= 0x31 && byte <= 0x39) stderr(`mote: key ${String.fromCharCode(byte)}: ${noSuchButton(board, buttons)}`);
            continue;
          }
          if (pressed.has(button)) pressed.delete(button);
          else pressed.add(button);
          control.setPin(button, pressed.has(button) ? 0 : 1);
        }
      });
    },
    stop() {
      if (!listening) return;
      process.stdin.setRawMode(false);
      process.stdin.pause();
    },
  };
}

/** What a digit key beyond the board's buttons gets. */
export function noSuchButton(board: Board, buttons: string[]): string {
  if (buttons.length === 0) return `${board.id} has no buttons`;
  return `${board.id} has ${buttons.length} button${buttons.length === 1 ? "" : "s"} (${buttons.map((b, i) => `${i + 1}: ${b}`).join(", ")})`;
}
