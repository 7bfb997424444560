// The event loop's time: milliseconds since the board's clock started, modulo 2^29, so that
// every time the loop and the clock compute with is a small integer and the loop never boxes a
// number however long the device runs (a program that allocates only at start-up then needs no
// collector, passes/static-heap.ts). Two loop times are compared by their difference, which is
// exact while they are less than 2^28 ms (three days) apart: a timer waits at most
// LONGEST_WAIT_MS at a time (timers.ts splits longer delays), and a wake-up is never later.

export const LOOP_MS_MASK = 0x1fffffff;
const HALF = 0x10000000;
/** The longest a timer waits in one step: longer delays are several steps. */
export const LONGEST_WAIT_MS = 0x8000000;

/** later - earlier in ms, for two loop times less than 2^28 ms apart (negative when `later`
 *  comes first). */
export function loopMsBetween(later: number, earlier: number): number {
  return (((later & LOOP_MS_MASK) - (earlier & LOOP_MS_MASK) + HALF) & LOOP_MS_MASK) - HALF;
}

/** The loop time `ms` after `time`, for 0 <= ms < 2^28. */
export function loopMsAfter(time: number, ms: number): number {
  return ((time & LOOP_MS_MASK) + (ms & (HALF - 1))) & LOOP_MS_MASK;
}
