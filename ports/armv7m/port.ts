// The ARMv7-M port (Cortex-M3/M4, Thumb-2): its code generator, and the ARMv6-M runtime with
// the routines Thumb-2 does better replaced (sdk/compiler/port.ts).

import type { Port } from "../../sdk/compiler/port.ts";
import { generateFunction } from "./codegen/codegen.ts";
import { armv7mRuntime } from "./rt/runtime.ts";
import { PORT_SYMBOLS } from "../armv6m/rt/runtime.ts";

export const armv7m: Port = {
  id: "armv7m",
  generateFunction,
  runtime: armv7mRuntime,
  resetSymbol: PORT_SYMBOLS.reset,
};
