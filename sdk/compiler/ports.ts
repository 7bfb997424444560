// The port registry: which port compiles for a board, chosen by its cpu. The only place in
// sdk/compiler that names a port's folder; everything else goes through `Port` (port.ts).

import type { Board, Chip } from "../../boards/types.ts";
import type { Port } from "./port.ts";
import { armv6m } from "../../ports/armv6m/port.ts";
import { armv7m } from "../../ports/armv7m/port.ts";

/** Cortex-M0 and M0+ implement ARMv6-M (Thumb-1 and a few 32-bit instructions); M3 and M4
 *  ARMv7-M (Thumb-2: hardware divide, wide immediates, IT blocks). The M4's DSP and
 *  floating-point extensions are not used. */
const PORT_BY_CPU: Partial<Record<Chip["cpu"], Port>> = {
  "cortex-m0": armv6m,
  "cortex-m0plus": armv6m,
  "cortex-m3": armv7m,
  "cortex-m4": armv7m,
};

/** The port that compiles for `board`; an Error for a board no image is built for (host). */
export function portFor(board: Board): Port {
  const port = PORT_BY_CPU[board.chip.cpu];
  if (!port) throw new Error(`board '${board.id}' (cpu ${board.chip.cpu}) has no code generator`);
  return port;
}
