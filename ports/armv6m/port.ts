// The ARMv6-M port (Cortex-M0/M0+, Thumb-1): the code generator and the hand-written runtime,
// as the compiler sees them (sdk/compiler/port.ts).

import type { Port } from "../../sdk/compiler/port.ts";
import { generateFunction } from "./codegen/codegen.ts";
import { PORT_SYMBOLS, portRuntime } from "./rt/runtime.ts";

export const armv6m: Port = {
  id: "armv6m",
  generateFunction,
  runtime: portRuntime,
  resetSymbol: PORT_SYMBOLS.reset,
};
