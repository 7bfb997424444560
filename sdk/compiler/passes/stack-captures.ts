// err.stack's capture (lower/error-stacks.ts) costs a walk of the stack at every `new` of an
// error and a call-site table in flash. A program that never reads err.stack and never prints
// a value that may hold an error (console.log's static types, Lowerer.printsErrors) cannot
// show a frame: its captures are removed, and the runtime's frame printer (inspect.ts prints
// errors inside any object) becomes one that prints none, so neither the walk nor the table
// nor the printer is linked. Runs once every function is lowered.

import type { IrProgram } from "../ir/ir.ts";
import { STACK_CAPTURE } from "../port.ts";

export interface StackCaptureSymbols {
  /** sdk/lib/rt/stack-trace.ts's stackCaptured and stackFramesText, where lowered. */
  captured: string | undefined;
  framesText: string | undefined;
  /** noStackFramesText's symbol (lowered on demand). */
  noFramesText: () => string;
}

export function withoutStackCaptures(program: IrProgram, symbols: StackCaptureSymbols): void {
  const noFramesText = symbols.framesText === undefined ? undefined : symbols.noFramesText();
  for (const fn of program.functions) {
    for (const block of fn.blocks) {
      block.insts = block.insts.filter((inst) => inst.op !== "call" || (inst.callee !== STACK_CAPTURE.routine && inst.callee !== symbols.captured));
      for (const inst of block.insts) {
        if (inst.op === "call" && inst.callee === symbols.framesText) inst.callee = noFramesText!;
      }
    }
  }
}
