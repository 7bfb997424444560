// What a crash report says, host side: the device prints only a panic code (it has no room
// for messages in flash, and the codes are stable across builds); the host turns the code
// into the error a Node user would recognise. The codes are defined once, in
// sdk/lib/rt/panic-codes.ts, and shared with the device runtime.
//
// Messages start with the JavaScript error class Node would throw for the same situation
// where there is one, so a crash reads like Node's uncaught-exception output.

import * as Panic from "../lib/rt/panic-codes.ts";

/** Every panic code the runtime defines: a code added there without a message here fails `tsc`. */
export type PanicCode = (typeof Panic)[keyof typeof Panic];

export const PANIC_MESSAGES: Readonly<Record<PanicCode, string>> = {
  [Panic.PANIC_INT_OVERFLOW]:
    "RangeError: integer overflow: the result is outside int32, the numbers this program was compiled with (sdk/compiler/lower/doubles.ts missed a way to leave int32: a mote bug; please report it with the program)",
  [Panic.PANIC_NOT_INTEGER]:
    "RangeError: the result needs a double (a fraction, -0, NaN or Infinity), and this program was compiled with int32 numbers (a mote bug; please report it with the program)",
  [Panic.PANIC_NOT_A_NUMBER]:
    "TypeError: undefined (or another value that is not a number) used as a number: devices do not turn it into NaN yet",
  [Panic.PANIC_OUT_OF_MEMORY]: "RangeError: out of memory (heap exhausted)",
  [Panic.PANIC_BAD_ARRAY_LENGTH]: "RangeError: Invalid array length",
  [Panic.PANIC_STACK_OVERFLOW]: "RangeError: Maximum call stack size exceeded",
  [Panic.PANIC_UNREACHABLE]:
    "Error: internal error: the program reached code the compiler marked unreachable (a mote bug; please report it with the program)",
  [Panic.PANIC_BAD_INDEX]:
    "RangeError: an array element written at an index that is not one (negative, a fraction, or 2^30 and more): it would become a property, which devices do not support",
  [Panic.PANIC_UNSUPPORTED]:
    "Error: this operation on this value is not supported on devices yet (for example, changing the case of text outside Latin-1)",
  [Panic.PANIC_INSPECT_UNSUPPORTED]:
    "Error: console.log of this value (an ArrayBuffer, a DataView, or an object holding one) is not supported on devices yet",
  [Panic.PANIC_FIXED_FIELDS]:
    "TypeError: class instances on devices have a fixed set of fields: adding a property at run time, or reading a method without calling it, is not supported",
  [Panic.PANIC_REDUCE_EMPTY]: "TypeError: Reduce of empty array with no initial value",
  [Panic.PANIC_UNINITIALIZED]:
    "ReferenceError: Cannot access a variable before initialization (its declaration has not run yet)",
};

/** The message for a panic code; unknown codes (a newer device runtime) still say something useful. */
export function panicMessage(code: number): string {
  return (PANIC_MESSAGES as Readonly<Record<number, string | undefined>>)[code] ?? `Error: the program stopped with panic code ${code}, which this version of mote does not know`;
}

/**
 * The message for a hardware fault. The port reports the exception number (IPSR) as the code:
 * 3 for HardFault, 2 for NMI, 16 + n for interrupt n fired with no handler installed
 * (ports/armv6m/rt/runtime.ts). Older images reported 0 for HardFault.
 */
export function hardFaultMessage(code: number): string {
  if (code === 0 || code === HARDFAULT_EXCEPTION) return "HardFault: the processor faulted (a bad memory access or an invalid instruction)";
  if (code === NMI_EXCEPTION) return "NMI: a non-maskable interrupt arrived, and no handler is installed for it";
  const irq = code - 16;
  const which = irq >= 0 ? `interrupt ${irq} (exception ${code})` : `exception ${code}`;
  return `HardFault: ${which} fired, but no handler is installed for it`;
}

/** ARMv6-M ARM B1.5.2, exception numbers. */
const NMI_EXCEPTION = 2;
const HARDFAULT_EXCEPTION = 3;
