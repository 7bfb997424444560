import type { Board } from "../types.ts";
import { board as mps2an385 } from "../mps2-an385/board.ts";
import { mps2an386 } from "../chips/mps2/chip.ts";

// The AN385 board with the Cortex-M4 image: the same console, FPGAIO LEDs and peripherals
// (only the console, the clock and the LEDs are tested on it so far).
export const board: Board = {
  ...mps2an385,
  id: "mps2-an386",
  name: "Arm MPS2 AN386 (Cortex-M4, QEMU mps2-an386)",
  chip: mps2an386,
  simulator: { kind: "qemu", machine: "mps2-an386", extraArgs: [] },
  supports: ["console", "uart-rx", "led", "timer"],
};
