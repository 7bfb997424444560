// The contract of a board's clock, `mote/clock` (the port contract's monotonic time and
// tickless wake-up; boards/chips/cortex-m/systick-clock.ts, boards/chips/rp2040/timer-clock.ts).
// The event loop asks in loop time (sdk/lib/rt/loop-time.ts: ms modulo 2^29, always a small
// integer, compared by differences), so that it never boxes a number.

export declare function clockStart(): void;
/** Milliseconds since clockStart (millis(), Date.now()). */
export declare function clockMillis(): number;
/** The loop time now: milliseconds since clockStart modulo 2^29. */
export declare function clockNow(): number;
/** Where now is against loop time `due` (what the event loop asks at every wake-up, so one
 *  look at the counter and no division): 0 before it, 1 within its millisecond, 2 later. */
export declare function clockPassed(due: number): number;
/** Microseconds since clockStart, wrapping to 0 every 2^20 ms (about 17.5 minutes). */
export declare function clockMicros(): number;
/** With interrupts masked: an interrupt comes at loop time `due` at the latest. False when
 *  `due` has already come. */
export declare function clockWakeAt(due: number): boolean;
