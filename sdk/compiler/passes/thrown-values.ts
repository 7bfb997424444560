// What an uncaught exception prints is its value as text (errors.ts, uncaughtText): an Error's
// "Name: message", a string itself, anything else through String(value), which links the
// conversions of numbers (the double printer, 8 to 17 KB) and of objects. A program whose
// throw statements and promise rejections all give instances of Error classes or strings
// (Lowerer.throwsOtherValues, judged by static types in lower/thrown-values.ts) can throw
// nothing else: then the calls of thrownValueText become calls of primitiveText, and those
// conversions are not linked for it. Runs once every function is lowered.

import type { IrProgram } from "../ir/ir.ts";

export function onlyErrorsThrown(program: IrProgram, thrownValueText: string, primitiveText: string): void {
  for (const fn of program.functions) {
    for (const block of fn.blocks) {
      for (const inst of block.insts) {
        if (inst.op === "call" && inst.callee === thrownValueText) inst.callee = primitiveText;
      }
    }
  }
}
