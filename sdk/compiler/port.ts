// What the compiler needs from a port: the one contract between sdk/compiler and ports/<arch>.
//
// A port turns IR functions into machine code and supplies the hand-written runtime that
// compiled code calls (vectors, reset, crash reports, integer and double arithmetic). The
// compiler reaches a port only through `Port`, found for a board by sdk/compiler/ports.ts
// (the registry, by the board's cpu), so adding a port is one folder plus one registry line.
//
// The symbol names below are part of the contract: the lowering emits calls to them, every
// port implements them with the semantics written here.

import type { Board } from "../../boards/types.ts";
import type { IrFunction } from "./ir/ir.ts";
import type { Chunk } from "./link/types.ts";

/** What a function's code generator is told about the program. */
export interface CodegenRuntime {
  /** Symbol of the slow path of a[i] = v past the end (sdk/lib/rt/arrays.ts arraySet). */
  arraySet: string;
  /** With doubles, the slow path of a[i] outside the array or with a boxed index (-0 is
   *  index 0: sdk/lib/rt/arrays.ts arrayGet); without, such a read is undefined. */
  arrayGet?: string;
  /** The program has doubles (IrProgram.doubles): a number compare can be unordered (NaN),
   *  and a boxed number can be falsy (-0, NaN). */
  doubles: boolean;
  /** Value calls pass their argument count (IrProgram.countsArguments). */
  countsArguments?: boolean;
}

/** What the port's runtime is told about the image it goes into. */
export interface PortRuntimeOptions {
  board: Board;
  /** Symbol of the compiled program entry (__mote_main). */
  main: string;
  /** Symbol of the console driver's consoleWrite(byte) (tagged argument). */
  consoleWrite: string;
  /** Symbol of the runtime's exit(code) (tagged argument). */
  exit: string;
  /** Symbol of the heap's alloc(bytes) (tagged argument, returns a tagged address). */
  alloc: string;
  /** Symbol of errors.uncaughtText(value): the text of an uncaught exception, as UTF-8 bytes. */
  uncaughtText: string;
  /** Symbols the compiled program references: the SysTick clock's handler is linked when
   *  the program uses `__rt_clock` (boards/chips/cortex-m/systick-clock.ts), and the external
   *  interrupts enter `__rt_irq` when it uses the interrupt queue (`__rt_irq_queue`). */
  referenced?: ReadonlySet<string>;
  /** Whether the image has .data to copy and .bss to clear at reset. */
  hasData: boolean;
  hasBss: boolean;
  /** Symbol of heap.collectFrom(stackPointer) (tagged argument). */
  collect: string;
  /** Simulator build: the exits below may use BKPT / semihosting. */
  forSimulator: boolean;
  /** The program has doubles: number operations beyond the small-integer fast paths work on
   *  IEEE doubles instead of stopping outside int32. */
  doubles?: boolean;
  /** mote-boot on a core without VTOR: its table forwards every exception but reset to the
   *  app's table when the interrupted code is not mote-boot's (ports/armv6m/rt/forward-vectors.ts). */
  forwardVectors?: { bootEnd: number; appVectors: number };
  /** Nothing the program runs can stop it with a report (no panic, throw or watchdog report
   *  is linked): only a hardware fault can, and its handler prints a short report (the
   *  heading, the exception number and the pc) without the stack's frames. */
  onlyHardwareFaults?: boolean;
  /** The vector table may end after the last exception that has a handler of its own
   *  (at least HardFault): none past it can happen. Not behind mote-boot, whose table
   *  forwards any exception to the app's. */
  compactVectors?: boolean;
}

export interface Port {
  /** The folder under ports/. */
  readonly id: string;
  /** One IR function (after the passes) as one chunk of code. A code generator that cannot
   *  translate the function throws an Error starting "internal error" and naming it. */
  generateFunction(fn: IrFunction, rt: CodegenRuntime): Chunk;
  /** The port's hand-written runtime chunks; the linker keeps those reached. */
  runtime(options: PortRuntimeOptions): Chunk[];
  /** The image's entry point (the reset handler), a symbol of `runtime`. */
  readonly resetSymbol: string;
}

// ---------------------------------------------------------------------------------------
// Routines every port implements and the lowering calls by name.

/** Integer arithmetic on tagged values (r0 = x, r1 = y → r0): x * y, x / y, (x / y) | 0 and
 *  x % y, each exact or handing over to doubles as the program's number model requires. */
export const PORT_ARITHMETIC = { mul: "__rt_mul", div: "__rt_div", idiv: "__rt_idiv", mod: "__rt_mod" } as const;

/** Value-level Math functions the lowering calls: (x) -> the function of x, a tagged value. */
export const DOUBLE_MATH = {
  floor: "__rt_math_floor", ceil: "__rt_math_ceil", round: "__rt_math_round", trunc: "__rt_math_trunc", sqrt: "__rt_math_sqrt",
} as const;

/** Intrinsics on a double's encoding (sdk/lib/intrinsics.ts). */
export const F64_WORDS = { high: "__rt_f64_high", low: "__rt_f64_low", fromWords: "__rt_f64_from_words" } as const;

/** The double accumulator: load(x), then add(y), sub(y), … for each step, then result(). */
export const DOUBLE_ACCUMULATOR = {
  load: "__rt_dacc_load", add: "__rt_dacc_add", sub: "__rt_dacc_sub", mul: "__rt_dacc_mul", div: "__rt_dacc_div", mod: "__rt_dacc_mod",
  result: "__rt_dacc_result",
} as const;

/** err.stack (sdk/compiler/lower/error-stacks.ts): `routine`, called right after the program
 *  makes an error, walks the stack from its caller's frame with the call-site table the linker
 *  puts at `callSites` (sdk/compiler/emit/call-sites.ts) and leaves in `buffer` the count and up
 *  to `depth` return addresses (sdk/lib/rt/stack-trace.ts keeps them in the error): one more
 *  than the 10 frames V8 shows, so that the 10th one's caller is known. It follows
 *  the AAPCS (r0-r3 and r12 are the caller's scratch). */
export const STACK_CAPTURE = {
  routine: "__rt_capture_stack", buffer: "__rt_stack_capture_buffer", callSites: "__stack_call_sites", depth: 11,
} as const;
