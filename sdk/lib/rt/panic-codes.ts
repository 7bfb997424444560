// Why a program stopped. The device prints the code in its crash report; the host turns it
// into the message (sdk/compiler/crash-messages.ts) with the TypeScript position.

export const PANIC_INT_OVERFLOW = 1;     // result outside the small-integer range
export const PANIC_NOT_INTEGER = 2;      // fraction, -0, NaN or Infinity: needs doubles
export const PANIC_NOT_A_NUMBER = 3;     // undefined (or another non-number) used as a number
export const PANIC_OUT_OF_MEMORY = 4;
export const PANIC_BAD_ARRAY_LENGTH = 5; // RangeError: Invalid array length
export const PANIC_STACK_OVERFLOW = 6;
export const PANIC_UNREACHABLE = 7;
export const PANIC_BAD_INDEX = 8;     // a negative index written (a property, not an element)
export const PANIC_UNINITIALIZED = 9;  // ReferenceError: a variable read or written before its declaration ran
export const PANIC_UNSUPPORTED = 10;   // an operation on a value this language step does not handle yet
export const PANIC_REDUCE_EMPTY = 11;  // TypeError: Reduce of empty array with no initial value
export const PANIC_INSPECT_UNSUPPORTED = 12; // console.log of a promise, a Map or Set iterator, or another value Node prints its own way
export const PANIC_FIXED_FIELDS = 13;  // a class instance read or written through a property it has no field for
// 14 was a JSON.parse reviver's undefined for an array element: it now leaves a hole, as in Node.
