// A crash carried by a device's status (the report the device kept across its reset and
// published at the next boot) turned into the same TypeScript stack trace `mote run` prints,
// by reusing sdk/cli/crash.ts: symbolized into file.ts:line frames with the image the device
// runs (read from its ELF), or the raw words without one.

import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import { crashFrames, formatCrashReport, type CrashFrame, type CrashLine } from "../../sdk/cli/crash.ts";
import type { StatusCrash } from "./payload.ts";

/** The crash in the shape sdk/cli/crash.ts reads from a console crash line. */
export function crashLineOf(crash: StatusCrash): CrashLine {
  const hex = (n: number) => (Number.isNaN(n) ? "?" : `0x${(n >>> 0).toString(16).padStart(8, "0")}`);
  const fields: Record<string, string> = {
    kind: crash.kind, code: hex(crash.code), pc: hex(crash.pc), lr: hex(crash.lr), sp: hex(crash.sp),
    frames: crash.frames.map(hex).join(","),
  };
  const line: CrashLine = { kind: crash.kind, code: crash.code, pc: crash.pc, lr: crash.lr, sp: crash.sp, frames: crash.frames, fields, truncated: false };
  // The device keeps the words of an uncaught exception across the reset, not its message.
  if (crash.kind === "throw") line.text = "Error: an exception nobody caught (its message is not kept across the reset)";
  return line;
}

/** The report as lines: the error, `at …` frames (with an image), and the registers. */
export function formatStatusCrash(crash: StatusCrash, image?: LinkedImage): string[] {
  return formatCrashReport(crashLineOf(crash), image).split("\n");
}

/** The symbolized frames, innermost first (for --json). */
export function statusCrashFrames(crash: StatusCrash, image: LinkedImage): CrashFrame[] {
  return crashFrames(image, crashLineOf(crash));
}
