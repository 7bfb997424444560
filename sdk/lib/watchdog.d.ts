// The contract of a board's watchdog driver, `mote/watchdog` (Board.drivers.watchdog).

/** Starts the hardware watchdog with its warning (the board's watchdogVector). */
export declare function watchdogStart(timeoutMs: number): void;
/** Starts its count again. */
export declare function watchdogFeed(timeoutMs: number): void;
