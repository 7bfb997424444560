import type { Board } from "../../types.ts";

/** What SysTick counts in a millisecond: the chip's reference clock if it has one, else the
 *  core clock (`mote/board` CYCLES_PER_MS; the port's SysTick handler uses it too). */
export function systickCountsPerMs(board: Board): number {
  return (board.chip.systickReferenceHz ?? board.chip.clockHz) / 1000;
}

/** The longest SysTick period in whole milliseconds: the reload value is 24 bits (ARMv6-M ARM
 *  B3.3, ARMv7-M ARM B3.3: the same timer on every Cortex-M). `mote/board` says it as
 *  SYSTICK_MAX_PERIOD_MS; the port's SysTick handler uses it too. */
export function systickMaxPeriodMs(board: Board): number {
  return Math.floor(2 ** 24 / systickCountsPerMs(board));
}
