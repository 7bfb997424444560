import type { Board } from "./types.ts";
import { board as pico } from "./pico/board.ts";
import { board as microbit } from "./microbit/board.ts";
import { board as mps2an385 } from "./mps2-an385/board.ts";
import { board as lm3s6965evb } from "./lm3s6965evb/board.ts";
import { board as mps2an386 } from "./mps2-an386/board.ts";
import { board as netduinoplus2 } from "./netduinoplus2/board.ts";
import { board as stm32vldiscovery } from "./stm32vldiscovery/board.ts";

/** Every board mote knows, by id. The first is the default. */
export const boards: readonly Board[] = [pico, mps2an385, microbit, lm3s6965evb, mps2an386, netduinoplus2, stm32vldiscovery];

export function findBoard(id: string): Board {
  const found = boards.find((b) => b.id === id);
  if (!found) {
    throw new Error(`unknown board '${id}'; the boards are: ${boards.map((b) => b.id).join(", ")}`);
  }
  return found;
}
