import type { Board } from "./types.ts";
import { board as pico } from "./pico/board.ts";
import { board as microbit } from "./microbit/board.ts";
import { board as mps2an385 } from "./mps2-an385/board.ts";
import { board as lm3s6965evb } from "./lm3s6965evb/board.ts";
import { board as mps2an386 } from "./mps2-an386/board.ts";
import { board as netduinoplus2 } from "./netduinoplus2/board.ts";
import { board as stm32vldiscovery } from "./stm32vldiscovery/board.ts";
import { board as host } from "./host/board.ts";

/**
 * The native boards: every board an image is built for, by id. The first is the default.
 * Suites that build for each board (conformance, boards, unit) iterate this list.
 */
export const boards: readonly Board[] = [pico, mps2an385, microbit, lm3s6965evb, mps2an386, netduinoplus2, stm32vldiscovery];

/**
 * The host board (boards/host/board.ts) runs the app on Node instead of building an image,
 * so it is kept out of `boards`: no suite that builds images should meet it. `findBoard`,
 * `mote run --board host` and `mote boards` know it (`allBoards`).
 */
export const hostBoard: Board = host;

/** Every board `mote run` and `mote boards` accept: the native ones, then the host. */
export const allBoards: readonly Board[] = [...boards, hostBoard];

export function findBoard(id: string): Board {
  const found = allBoards.find((b) => b.id === id);
  if (!found) {
    throw new Error(`unknown board '${id}'; the boards are: ${allBoards.map((b) => b.id).join(", ")}`);
  }
  return found;
}
