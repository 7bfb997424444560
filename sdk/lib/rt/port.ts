// The port's hand-written routines (ports/<arch>/rt), as device code sees them. The compiler
// links the port's implementation of each; nothing here has a body.

/** Semihosting SYS_EXIT_EXTENDED: QEMU exits with `code`. Simulator builds only. */
export declare function simulatorExitSemihosting(code: number): never;
/** BKPT #0 with the code in r0: rp2040js calls onBreak. Simulator builds only. */
export declare function simulatorExitBkpt(code: number): never;
/** Interrupts off, WFI forever. */
export declare function sleepForever(): never;
