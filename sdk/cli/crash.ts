// Crash reports, host side. The device prints one line on its console when it stops on a
// panic or a fault (format: sdk/sim/types.ts, CRASH_MARKER; printer: ports/armv6m/rt/runtime.ts):
//
//   \n!mote-crash kind=panic code=0x00000001 pc=0x… lr=0x… sp=0x… frames=0x…,0x…\n
//
// Three parts here: a streaming filter that takes such lines out of the console stream (so
// stdout stays exactly what the program printed), a parser, and the symbolizer/formatter that
// turns the words into a TypeScript stack trace for stderr.

import path from "node:path";
import type { LinkedImage, LinkedSymbol } from "../compiler/link/types.ts";
import { symbolize } from "../compiler/link/symbolize.ts";
import { hardFaultMessage, panicMessage } from "../compiler/crash-messages.ts";
import { CRASH_MARKER } from "../sim/types.ts";

// ---------------------------------------------------------------------------------------
// The filter

/** What starts a crash line on the wire: the device prints a newline before the marker so the
 *  report begins on a line of its own even after a partial line of program output. */
const WIRE_MARKER = Buffer.from(`\n${CRASH_MARKER}`, "latin1");
const NEWLINE = 0x0a;
/** A crash line is a few hundred bytes (32 frames at most); past this it is not one. */
const MAX_CRASH_LINE = 4096;

export interface CrashLineFilterSink {
  /** Console bytes that are program output. */
  output(bytes: Uint8Array): void;
  /** A crash line (without the marker's newline and the final newline). */
  crash(line: string, truncated: boolean): void;
}

/**
 * Passes console bytes through, except crash lines. Bytes that could be the start of a crash
 * marker are held back until the next chunk tells (the marker may arrive split across
 * chunks, down to one byte each); only the newline that is part of the marker is removed, so
 * a program's own last newline before a crash still reaches the output.
 */
export class CrashLineFilter {
  /** Bytes held back: a proper prefix of WIRE_MARKER at the end of the input so far. */
  private held: Buffer = Buffer.alloc(0);
  /** Inside a crash line: its bytes after the marker, so far. */
  private crashLine: Buffer[] | undefined;
  private crashLineLength = 0;

  constructor(private readonly sink: CrashLineFilterSink) {}

  write(chunk: Uint8Array): void {
    let data: Buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (data.length > 0) {
      if (this.crashLine) {
        const end = data.indexOf(NEWLINE);
        const part = end < 0 ? data : data.subarray(0, end);
        this.crashLine.push(Buffer.from(part));
        this.crashLineLength += part.length;
        if (end >= 0) {
          const line = Buffer.concat(this.crashLine).toString("latin1");
          this.crashLine = undefined;
          this.sink.crash(`${CRASH_MARKER}${line}`, false);
          data = data.subarray(end + 1);
        } else {
          if (this.crashLineLength > MAX_CRASH_LINE) this.abandonCrashLine();
          return;
        }
        continue;
      }
      const buffer = this.held.length > 0 ? Buffer.concat([this.held, data]) : data;
      this.held = Buffer.alloc(0);
      const at = buffer.indexOf(WIRE_MARKER);
      if (at >= 0) {
        if (at > 0) this.sink.output(buffer.subarray(0, at));
        this.crashLine = [];
        this.crashLineLength = 0;
        data = buffer.subarray(at + WIRE_MARKER.length);
        continue;
      }
      const keep = markerPrefixAtEnd(buffer);
      if (buffer.length > keep) this.sink.output(buffer.subarray(0, buffer.length - keep));
      this.held = Buffer.from(buffer.subarray(buffer.length - keep));
      return;
    }
  }

  /** Whether bytes are held back waiting for more input. */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /**
   * Let held-back bytes go without waiting for more input: for a live console that has been
   * quiet for a while (a trailing newline should not wait for the next line forever).
   */
  release(): void {
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = Buffer.alloc(0);
    this.sink.output(held);
  }

  /** The stream ended: release what was held; a crash line cut short is still reported. */
  end(): void {
    this.release();
    if (this.crashLine) {
      const line = Buffer.concat(this.crashLine).toString("latin1");
      this.crashLine = undefined;
      this.sink.crash(`${CRASH_MARKER}${line}`, true);
    }
  }

  /** Not a crash line after all (no newline within MAX_CRASH_LINE): it was program output. */
  private abandonCrashLine(): void {
    const bytes = Buffer.concat([WIRE_MARKER, ...(this.crashLine ?? [])]);
    this.crashLine = undefined;
    this.sink.output(bytes);
  }
}

/** Length of the longest suffix of `buffer` that is a proper prefix of WIRE_MARKER. */
function markerPrefixAtEnd(buffer: Buffer): number {
  for (let k = Math.min(buffer.length, WIRE_MARKER.length - 1); k > 0; k--) {
    if (buffer.subarray(buffer.length - k).equals(WIRE_MARKER.subarray(0, k))) return k;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Parsing

export interface CrashLine {
  kind: "panic" | "hardfault" | string;
  code: number;
  pc: number;
  lr: number;
  sp: number;
  /** Candidate return addresses from the stack, innermost first (not yet checked). */
  frames: number[];
  /** Every key=value field, as printed (r0…, xpsr when a port prints them). */
  fields: Record<string, string>;
  /** The line was cut short (the console ended inside it). */
  truncated: boolean;
  /** An uncaught exception's text (from the kind=text line the device prints before). */
  text?: string;
}

/** The text field of a kind=text crash line: UTF-8 bytes as hex digits. */
export function decodeCrashText(hex: string | undefined): string {
  if (!hex || !/^([0-9a-f]{2})*$/i.test(hex)) return "";
  return Buffer.from(hex, "hex").toString("utf8");
}

/** Parses a crash line (starting with CRASH_MARKER). Missing numbers read as NaN. */
export function parseCrashLine(line: string, truncated = false): CrashLine {
  const body = line.startsWith(CRASH_MARKER) ? line.slice(CRASH_MARKER.length) : line;
  const fields: Record<string, string> = {};
  for (const token of body.trim().split(/\s+/)) {
    const eq = token.indexOf("=");
    if (eq > 0) fields[token.slice(0, eq)] = token.slice(eq + 1);
  }
  const word = (text: string | undefined): number => (text && /^(0x)?[0-9a-f]+$/i.test(text) ? parseInt(text, text.startsWith("0x") ? 16 : 10) >>> 0 : NaN);
  const frames = (fields.frames ?? "").split(",").filter((f) => f.length > 0).map(word).filter((w) => !Number.isNaN(w));
  return {
    kind: fields.kind ?? "unknown",
    code: word(fields.code),
    pc: word(fields.pc),
    lr: word(fields.lr),
    sp: word(fields.sp),
    frames,
    fields,
    truncated,
  };
}

// ---------------------------------------------------------------------------------------
// Symbolizing

export interface CrashFrame {
  /** The address symbolized: the faulting pc, or the call instruction a return address follows. */
  address: number;
  function: string;
  file?: string;
  line?: number;
  column?: number;
  /** The function's linker symbol and module, when the address is inside one. */
  symbol?: string;
  module?: string;
}

/** The program entry the port's reset handler calls; it only runs the module initialisers. */
const MAIN_SYMBOL = "__mote_main";
/** Module initialisers (a module's top-level code) are named `<module>.<init>`. */
const MODULE_INIT_SUFFIX = ".<init>";

/**
 * The TypeScript stack of a crash: the pc first, then each word from the stack that is a
 * genuine return address, innermost first, up to the module's top-level code.
 *
 * The device prints every odd word into flash it finds on the stack, which includes stale
 * return addresses and data that happen to look like code addresses. A word is kept when
 * the instruction before it is a call (BL, or BLX through a register), and, while the chain
 * holds, only when that BL calls the function of the previous frame. If the chain breaks
 * before reaching the top level (a call the chain cannot follow), the rest is taken on the
 * call-instruction check alone.
 */
export function crashFrames(image: LinkedImage, crash: CrashLine): CrashFrame[] {
  const functions = functionIndex(image);
  if (Number.isNaN(crash.pc)) return [];
  const frames: CrashFrame[] = [frameAt(image, functions, crash.pc)];
  if (isTopLevel(frames[0])) return frames;
  // A fault in a function that has not saved lr yet: lr is the only trace of its caller.
  const candidates = crash.kind === "panic" || Number.isNaN(crash.lr) ? crash.frames : [crash.lr, ...crash.frames];
  let current = functionContaining(functions, crash.pc);
  let strict = true;
  // A panic's pc is the BL into the panic entry or a runtime helper; a return address from
  // that same BL is the helper's saved lr, not another frame. (A recursion repeats its call
  // site legitimately, so only the pc's site is dropped.)
  const pcSite = (crash.pc & ~1) >>> 0;
  for (let i = 0; i < candidates.length; i++) {
    const call = callBefore(image, candidates[i]);
    if (!call || call.site === pcSite) continue;
    if (strict && call.target !== undefined) {
      const callee = functionContaining(functions, call.target);
      if (!current || !callee || callee.address !== current.address) {
        // Not a call into the frame above: a stale word, unless the chain never resumes.
        if (!chainResumes(image, functions, candidates, i + 1, current)) strict = false;
        else continue;
      }
    }
    // symbolize.ts: a return address minus one halfword lands inside the call itself.
    const frame = frameAt(image, functions, candidates[i] - 2);
    if (frame.symbol === MAIN_SYMBOL) break;
    frames.push(frame);
    if (isTopLevel(frame)) break;
    current = functionContaining(functions, call.site);
  }
  return frames;
}

/** Whether some later candidate calls `current`: the strict chain can still continue. */
function chainResumes(image: LinkedImage, functions: LinkedSymbol[], candidates: number[], from: number, current: LinkedSymbol | undefined): boolean {
  if (!current) return false;
  for (let j = from; j < candidates.length; j++) {
    const call = callBefore(image, candidates[j]);
    if (!call) continue;
    if (call.target === undefined) return true;
    if (functionContaining(functions, call.target)?.address === current.address) return true;
  }
  return false;
}

function isTopLevel(frame: CrashFrame): boolean {
  return frame.symbol === MAIN_SYMBOL || (frame.symbol?.endsWith(MODULE_INIT_SUFFIX) ?? false);
}

function frameAt(image: LinkedImage, functions: LinkedSymbol[], address: number): CrashFrame {
  const at = (address & ~1) >>> 0;
  const fn = functionContaining(functions, at);
  const location = symbolize(image, at);
  return {
    address: at,
    function: location?.function ?? fn?.displayName ?? "?",
    file: location?.file,
    line: location?.line,
    column: location?.column,
    symbol: fn?.name,
    module: fn?.module,
  };
}

const functionIndexes = new WeakMap<LinkedImage, LinkedSymbol[]>();

function functionIndex(image: LinkedImage): LinkedSymbol[] {
  let index = functionIndexes.get(image);
  if (!index) {
    index = image.symbols.filter((s) => s.kind === "func").sort((a, b) => a.address - b.address);
    functionIndexes.set(image, index);
  }
  return index;
}

function functionContaining(functions: LinkedSymbol[], address: number): LinkedSymbol | undefined {
  const at = (address & ~1) >>> 0;
  let lo = 0;
  let hi = functions.length - 1;
  let found: LinkedSymbol | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (functions[mid].address <= at) {
      found = functions[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found && at < found.address + found.size ? found : undefined;
}

/** The halfword at `address` in the image's flash, or undefined outside it. */
function halfwordAt(image: LinkedImage, address: number): number | undefined {
  const offset = address - image.layout.flash.origin;
  if (offset < 0 || offset + 2 > image.flashBytes.length) return undefined;
  return image.flashBytes[offset] | (image.flashBytes[offset + 1] << 8);
}

/**
 * The call a return address comes back from: a 32-bit BL four bytes before it (with its
 * target), or a 16-bit BLX Rm two bytes before it (target unknown). Undefined when the word
 * is not a Thumb return address (bit 0 clear) or no call precedes it.
 */
export function callBefore(image: LinkedImage, returnAddress: number): { site: number; target?: number } | undefined {
  if ((returnAddress & 1) === 0) return undefined;
  const back = (returnAddress & ~1) >>> 0;
  // BL (ARMv6-M ARM §A6.7.13, encoding T1): 11110 S imm10 | 11 J1 1 J2 imm11.
  const first = halfwordAt(image, back - 4);
  const second = halfwordAt(image, back - 2);
  if (first !== undefined && second !== undefined && (first & 0xf800) === 0xf000 && (second & 0xd000) === 0xd000) {
    const s = (first >> 10) & 1;
    const i1 = ~((second >> 13) & 1 ^ s) & 1;
    const i2 = ~((second >> 11) & 1 ^ s) & 1;
    let offset = (s << 24) | (i1 << 23) | (i2 << 22) | ((first & 0x3ff) << 12) | ((second & 0x7ff) << 1);
    if (s) offset -= 1 << 25;
    return { site: back - 4, target: (back + offset) >>> 0 };
  }
  // BLX Rm (§A6.7.14): 0100 0111 1 Rm 000.
  if (second !== undefined && (second & 0xff87) === 0x4780) return { site: back - 2 };
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Formatting

export interface FormatOptions {
  /** Paths are shown relative to this directory when inside it (default: process.cwd()). */
  cwd?: string;
  /** Also show the frames inside mote's runtime above the first frame of the program. */
  runtimeFrames?: boolean;
}

/** The most frame words the device prints (ports/armv6m/rt/runtime.ts, crashChunk). */
const DEVICE_MAX_FRAME_WORDS = 32;

/** Modules that are mote's own device code rather than the program's. */
function isRuntimeModule(module: string | undefined): boolean {
  return module !== undefined && (module.startsWith("rt:") || module.startsWith("sdk/lib/") || module.startsWith("ports/"));
}

/** The first line of the report: the error as Node would name it. */
export function crashMessage(crash: CrashLine): string {
  if (crash.kind === "panic") return panicMessage(crash.code);
  if (crash.kind === "hardfault") return hardFaultMessage(Number.isNaN(crash.code) ? 0 : crash.code);
  if (crash.kind === "throw") return crash.text ?? (crash.fields.kept === "1" ? "Error: an exception nobody caught (its message is not kept across the reset)" : "Error: an exception nobody caught");
  if (crash.kind === "watchdog") return "Error: the watchdog reset the device: the app did not return to the event loop within the watchdog's timeout";
  return `Error: the device stopped with a crash report of kind '${crash.kind}'`;
}

/**
 * The report as printed on stderr:
 *
 *   RangeError: integer overflow: …
 *       at fib (examples/fib.ts:3:20)
 *       at examples/fib.ts:9:1
 *   mote: crash report (panic code 1) pc=0x… lr=0x… sp=0x…
 *
 * Frames follow Node's shape; top-level code has no function name, as in Node. Without an
 * image (nothing to symbolize with) the raw words are shown.
 */
export function formatCrashReport(crash: CrashLine, image: LinkedImage | undefined, options: FormatOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const lines = crash.fields.kept === "1" ? ["mote: the device reset after this crash; its report was kept and printed again at boot:"] : [];
  lines.push(crashMessage(crash));
  if (image) {
    let frames = crashFrames(image, crash);
    if (!options.runtimeFrames) {
      const firstOwn = frames.findIndex((f) => !isRuntimeModule(f.module));
      if (firstOwn > 0) frames = frames.slice(firstOwn);
    }
    for (const frame of frames) lines.push(`    at ${formatFrame(frame, cwd)}`);
    const last = frames.at(-1);
    if (last && !isTopLevel(last) && crash.frames.length >= DEVICE_MAX_FRAME_WORDS) {
      lines.push(`    ... (the device records ${DEVICE_MAX_FRAME_WORDS} stack words; older frames are not shown)`);
    }
  }
  const what = crash.kind === "panic" ? `panic code ${crash.code}` : crash.kind === "hardfault" ? `hardfault, code ${crash.code}` : crash.kind === "throw" ? "uncaught exception" : crash.kind;
  const registers = ["pc", "lr", "sp"].map((r) => `${r}=${crash.fields[r] ?? "?"}`).join(" ");
  const extra = Object.keys(crash.fields).filter((k) => /^(r\d+|r12|xpsr|psr|cfsr|hfsr)$/.test(k)).map((k) => `${k}=${crash.fields[k]}`);
  lines.push(`mote: crash report (${what}) ${[registers, ...extra].join(" ")}`);
  if (!image && crash.frames.length > 0) lines.push(`mote: stack words: ${crash.fields.frames}`);
  if (crash.truncated) lines.push("mote: the crash report was cut short (the console ended inside it)");
  return lines.join("\n");
}

function formatFrame(frame: CrashFrame, cwd: string): string {
  const where = frame.file !== undefined
    ? `${displayPath(frame.file, cwd)}:${frame.line}:${frame.column}`
    : `${hex(frame.address)}${frame.module ? ` in ${frame.module}` : ""}`;
  if (frame.symbol?.endsWith(MODULE_INIT_SUFFIX)) return where;
  return `${frame.function} (${where})`;
}

function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}
