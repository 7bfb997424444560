// The contract of a board's clock, `mote/clock` (the port contract's monotonic time and
// tickless wake-up; boards/chips/cortex-m/systick-clock.ts, boards/chips/rp2040/timer-clock.ts).

export declare function clockStart(): void;
/** Milliseconds since clockStart. */
export declare function clockMillis(): number;
/** Whether millisecond `due` has come (what the event loop asks at every wake-up). */
export declare function clockReached(due: number): boolean;
/** Microseconds since clockStart, wrapping to 0 every 2^20 ms (about 17.5 minutes). */
export declare function clockMicros(): number;
/** With interrupts masked: an interrupt comes at millisecond `due` at the latest. False when
 *  `due` has already come. */
export declare function clockWakeAt(due: number): boolean;
