// The port's hand-written routines (ports/<arch>/rt), as device code sees them. The compiler
// links the port's implementation of each; nothing here has a body.

/** Semihosting SYS_EXIT_EXTENDED: QEMU exits with `code`. Simulator builds only. */
export declare function simulatorExitSemihosting(code: number): never;
/** BKPT #0 with the code in r0: rp2040js calls onBreak. Simulator builds only. */
export declare function simulatorExitBkpt(code: number): never;
/** Interrupts off, WFI forever. */
export declare function sleepForever(): never;
/** Writes `value` (a JS value, unchanged) to `count` words from `address`. */
export declare function fillWords(address: number, count: number, value: unknown): void;
/** Copies `count` words from `from` to `to` (the areas do not overlap). */
export declare function copyWords(to: number, from: number, count: number): void;
/** Copies `count` bytes from `from` to `to` (the areas do not overlap). */
export declare function copyBytes(to: number, from: number, count: number): void;
/** Pushes the callee-saved registers (they may hold the only reference to an object) and
 *  calls heap.collectFrom with the stack pointer. */
export declare function collectGarbage(): void;
/** Writes `count` zero bytes from `address`. */
export declare function zeroBytes(address: number, count: number): void;
/** Masks interrupts (PRIMASK); returns what to hand interruptsRestore. */
export declare function interruptsOff(): number;
/** Unmasks interrupts again unless they were masked before the matching interruptsOff. */
export declare function interruptsRestore(state: number): void;
/** WFI: sleeps until an interrupt is pending. Called with interrupts masked, it still wakes
 *  for one, which then runs when the caller unmasks, so no wake-up is lost in between. */
export declare function waitForInterrupt(): void;
/** At boot: prints the crash report kept from before the last reset again (marked kept=1),
 *  clears it, and sets __rt_reset_reason (0 power-on, 1 reset, 2 crash, 3 watchdog). */
export declare function replayKeptCrash(): void;
/** Resets the chip (SCB AIRCR SYSRESETREQ). */
export declare function systemReset(): never;
/** Starts the image whose vector table is at `vectorTable` (a small integer address) as a
 *  reset would: interrupts quiet, VTOR there, MSP from its first word, its reset vector. */
export declare function startImage(vectorTable: number): never;
/** Throws `value` as from the call site in __rt_throw_site (the one a crash report names),
 *  which the caller has just set. */
export declare function rethrow(value: unknown): never;
/** out = a * b (mod 2^255 - 19) on field25519.ts's 20-limb form; the Uint16Arrays' data
 *  addresses. mote-boot's multiplication (ports/armv6m/rt/field-multiply.ts). */
export declare function fieldMultiply25519(out: number, a: number, b: number): void;
/** One SHA-256 block (64 bytes at `block`) into sha256.ts's state (16 halves, high first);
 *  both data addresses. mote-boot's compression (ports/armv6m/rt/sha256-compress.ts). */
export declare function sha256Compress(state: number, block: number): void;
/** One SHA-512 block (128 bytes at `block`) into sha512.ts's state (32 limbs, most
 *  significant first); both data addresses. mote-boot's (ports/armv6m/rt/sha512-compress.ts). */
export declare function sha512Compress(state: number, block: number): void;
