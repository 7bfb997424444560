// The compiler's front door: app.ts + sdk/lib + the board + the port become an image.
//
//   front end (typescript) → lowering + subset check (IR) → passes → the port's code generator
//   → linker → ELF (symbols, DWARF) · .bin · .hex · .uf2 · .map · size report
//
// See sdk/compiler/ARCHITECTURE.md for why each phase is the way it is.

import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { Board } from "../../boards/types.ts";
import { defaultStackSize } from "../../boards/stack.ts";
import { createFrontEnd, consoleDriverFile, boardDriverFiles, REPO_ROOT, type DeviceIdentity } from "./frontend/program.ts";
import { CompileError, formatMoteDiagnostic, formatTsDiagnostic, Codes } from "./diagnostics.ts";
import { regexpSyntaxError } from "./regexp/diagnostic.ts";
import { Lowerer } from "./lower/lower.ts";
import { cleanup } from "./passes/cleanup.ts";
import { analyzeRanges } from "./passes/ranges.ts";
import { markStackChecks } from "./passes/stack-checks.ts";
import { hoistLoopInvariants } from "./passes/loop-invariants.ts";
import { unboxDoubles } from "./passes/unboxed-doubles.ts";
import { methodUses } from "./passes/method-uses.ts";
import { smallIntegerText } from "./passes/number-text.ts";
import { onlyErrorsThrown } from "./passes/thrown-values.ts";
import { bareAllocations, throwStatementTest } from "./passes/bare-profile.ts";
import { constantLengthArrays } from "./passes/array-lengths.ts";
import { countingVariables, saturateCounters } from "./passes/saturating-counters.ts";
import { allocatesBoundedly, staticHeapSymbols, useStaticHeap } from "./passes/static-heap.ts";
import { numberModel, usedDriverCode } from "./lower/doubles.ts";
import { portFor } from "./ports.ts";
import { link } from "./link/link.ts";
import { keepReachable, onlyFaultsCrash } from "./link/reachable.ts";
import { callSitesPlaceholder, withCallSites } from "./emit/call-sites.ts";
import { withoutStackCaptures } from "./passes/stack-captures.ts";
import { whyLinked } from "./link/why.ts";
import { ImageTooLargeError, type Chunk, type LinkedImage } from "./link/types.ts";
import { writeElf } from "./emit/elf.ts";
import { writeBin } from "./emit/bin.ts";
import { writeHex } from "./emit/hex.ts";
import { writeUf2 } from "./emit/uf2.ts";
import { writeMap } from "./emit/map.ts";
import { sizeReport } from "./emit/size-report.ts";
import { elementBytes } from "./lower/types.ts";
import { DESCRIPTOR_CLOSURE, DESCRIPTOR_CELL, KIND_CLOSURE, KIND_CELL, DESCRIPTOR_PLAIN, KIND_PLAIN, DESCRIPTOR_MATCH, DESCRIPTOR_PLAIN_NULL, DESCRIPTOR_PLAIN_FROZEN, DESCRIPTOR_ARRAY_FROZEN, DESCRIPTOR_ACCESSOR, KIND_ACCESSOR, DESCRIPTOR_PLAIN_ACCESSORS, CLOSURE_DESCRIPTOR_SIZE, DESCRIPTOR_BOUND, CLOSURE_DESCRIPTOR_FLAGS, CLOSURE_BOUND } from "./values.ts";
import { DESCRIPTOR_TYPED_PREFIX, KIND_TYPED_ARRAY, TYPED_DESCRIPTOR_ELEMENT, TYPED_ELEMENTS, DESCRIPTOR_ARRAY, DESCRIPTOR_NUMBER, DESCRIPTOR_STRING16, DESCRIPTOR_STRING8, KIND_ARRAY, KIND_NUMBER, KIND_STRING16, KIND_STRING8 } from "./values.ts";
import type { IrProgram } from "./ir/ir.ts";
import { slotLinkRegion } from "../../flash-tool/image/board-image.ts";

export interface BuildOptions {
  entry: string;
  board: Board;
  /** Where the image files go; nothing is written when undefined. */
  outDir?: string;
  /** Base name of the files (default: the entry's name without .ts). */
  outName?: string;
  /** Build for a simulator: the program's end is reported through semihosting / BKPT. */
  forSimulator: boolean;
  /** A crash resets the device (keeping its report for the next boot) instead of ending the
   *  run; the default for hardware builds, chosen by tests of what happens after a reset. */
  crashResets?: boolean;
  /** The device id and app version the image carries (`device.id`, `device.version`). */
  identity?: DeviceIdentity;
  /** Stack bytes at the top of RAM, instead of the board's (a multiple of 8, at least 1 KB). */
  stackSize?: number;
  /** Link the app to run from the primary image slot behind mote-boot (boards with a flash
   *  layout): after the MCUboot header, vector table first, no boot2 (mote-boot owns the
   *  flash's start). `mote build --sign` builds so. */
  imageSlot?: boolean;
  /** "bare" (mote-boot): numbers are int32 (no doubles linked), the program may not allocate
   *  once it runs (passes/bare-profile.ts: a compile error at each allocation), so the heap is
   *  a bump allocator for start-up and no collector is linked. */
  profile?: "bare";
  /** mote-boot on a core without VTOR (Cortex-M0): forward exceptions to the booted app's table
   *  (PortRuntimeOptions.forwardVectors). */
  forwardVectors?: { bootEnd: number; appVectors: number };
  /** Explain why the linker kept a symbol or a module's code (BuildResult.why). */
  why?: string;
}

/** The stack an image gets: the app's choice, else the board's, else what its RAM allows. */
export function stackSizeFor(board: Board, requested?: number): number {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1024 || requested % 8 !== 0) {
      throw new RangeError(`a stack size is a whole number of bytes, a multiple of 8, at least 1024; got ${requested}`);
    }
    return requested;
  }
  return board.stackSize ?? defaultStackSize(board.chip.ram.length);
}

export interface BuildFiles { elf: string; bin: string; hex: string; map: string; uf2?: string }

export type BuildResult =
  | {
    ok: true; image: LinkedImage; elf: Uint8Array; files?: BuildFiles; sizeReport: string; program: IrProgram;
    /** Every source file the program was made from (for build caches). */
    sources: string[];
    /** The chains of references that keep BuildOptions.why linked. */
    why?: string;
  }
  | { ok: false; diagnostics: string };

/** Device-side runtime modules every image is checked with (sdk/lib/rt). */
export function runtimeFiles(board: Board): string[] {
  const dir = path.join(REPO_ROOT, "sdk/lib/rt");
  return [...fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, f)), ...boardDriverFiles(board)];
}

/** Files of the SDK itself (sdk/lib, boards/), not the app's. */
function isSdkSource(file: string): boolean {
  const relative = path.relative(REPO_ROOT, file);
  return !relative.startsWith("..") && (relative.startsWith(`sdk${path.sep}lib${path.sep}`) || relative.startsWith(`boards${path.sep}`));
}

/** The app's own source files in a program (not the SDK's). */
function appSourceFiles(program: ts.Program): readonly ts.SourceFile[] {
  return program.getSourceFiles().filter((sf) => !isSdkSource(sf.fileName));
}

/** The app's syntax and type errors, formatted as tsc prints them, or undefined. Also what
 *  the host port checks an app with before bundling it (ports/host/bundle.ts). */
export function appTypeErrors(program: ts.Program): string | undefined {
  const syntactic = program.getSyntacticDiagnostics();
  // The SDK's own sources (runtime, drivers) are type-checked by `npm run typecheck`, not on
  // every build: checking them all would cost most of a small app's build time.
  const diagnostics = syntactic.length > 0 ? syntactic
    : [...program.getGlobalDiagnostics(), ...appSourceFiles(program).flatMap((sf) => program.getSemanticDiagnostics(sf))];
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  // Several of TypeScript's errors in one regular expression literal are one of V8's.
  return errors.length > 0 ? [...new Set(errors.map((d) => regexpSyntaxError(d) ?? formatTsDiagnostic(d)))].join("\n") : undefined;
}

/** Sensor and actuator drivers (`mote/drivers/…`): SDK files whose arithmetic counts as the
 *  app's where the app uses it (lower/doubles.ts, usedDriverCode). */
function isDriverSource(file: string): boolean {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith(`sdk${path.sep}lib${path.sep}drivers${path.sep}`);
}

export function build(options: BuildOptions): BuildResult {
  const { board } = options;
  const entry = path.resolve(options.entry);
  if (!fs.existsSync(entry)) return { ok: false, diagnostics: `error MOTE3003: cannot find '${options.entry}'` };
  if (board.chip.port === "host") {
    return { ok: false, diagnostics: `error MOTE${Codes.UnknownBoard}: board '${board.id}' runs the app on Node, it has no image to build; run it with: mote run ${options.entry} --board ${board.id}` };
  }
  const fe = createFrontEnd(entry, board, runtimeFiles(board), { forSimulator: options.forSimulator, crashResets: options.crashResets, identity: options.identity });
  const program = fe.program;
  const appFiles = appSourceFiles(program);
  const errors = appTypeErrors(program);
  if (errors) return { ok: false, diagnostics: errors };

  let ir: IrProgram;
  const lowerer = new Lowerer(program, fe.checker);
  const counters = options.profile === "bare" ? [] : countingVariables(appFiles, fe.checker);
  try {
    const bare = options.profile === "bare";
    const model = bare ? "int32" : numberModel([...appFiles, ...usedDriverCode(appFiles, fe.checker, isDriverSource)], new Set(counters.flatMap((c) => c.steps)));
    ir = lowerer.lowerProgram(entry, { consoleDriver: consoleDriverFile(board), doubles: model !== "int32", fractions: model === "doubles", bare });
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, diagnostics: e.diagnostics.map(formatMoteDiagnostic).join("\n") };
    throw e;
  }
  // Symbols the back end and the port runtime call: lowered now, so the passes see them.
  const arraySet = lowerer.runtimeSymbol("arraySet");
  const arrayGet = ir.doubles ? lowerer.runtimeSymbol("arrayGet") : undefined;
  const consoleWrite = lowerer.consoleWriteSymbol(consoleDriverFile(board));
  const exit = lowerer.runtimeSymbol("exit");
  const alloc = lowerer.runtimeSymbol("alloc");
  const collect = lowerer.runtimeSymbol("collectFrom");
  const uncaughtText = lowerer.runtimeSymbol("uncaughtText");
  const staticAlloc = options.profile === "bare" ? undefined : lowerer.runtimeSymbol("staticAlloc");
  const staticAllocSized = options.profile === "bare" ? undefined : lowerer.runtimeSymbol("staticAllocSized");
  // Every function is lowered now; these are looked at only where something uses them.
  const smallIntegers = new Map<string, string>();
  const numberText = lowerer.loweredRuntimeSymbol("numberText");
  if (numberText) smallIntegers.set(numberText, lowerer.runtimeSymbol("smallIntText"));
  const printValue = lowerer.loweredRuntimeSymbol("printValue");
  if (printValue) smallIntegers.set(printValue, lowerer.runtimeSymbol("printSmallInt"));
  const typedArrayNew = lowerer.loweredRuntimeSymbol("typedArrayNew");
  if (typedArrayNew) smallIntegers.set(typedArrayNew, lowerer.runtimeSymbol("typedArrayNewOfInt"));
  if (!lowerer.loweredRuntimeSymbol("errorStack") && !lowerer.printsErrors) {
    withoutStackCaptures(ir, {
      captured: lowerer.loweredRuntimeSymbol("stackCaptured"), framesText: lowerer.loweredRuntimeSymbol("stackFramesText"),
      noFramesText: () => lowerer.runtimeSymbol("noStackFramesText"),
    });
  }
  const thrownValueText = lowerer.loweredRuntimeSymbol("thrownValueText");
  if (thrownValueText && !lowerer.throwsOtherValues) onlyErrorsThrown(ir, thrownValueText, lowerer.runtimeSymbol("primitiveText"));
  const lookups = new Map<string, string>();
  for (const [name, prefix] of [["objGet", "get "], ["objSet", "set "], ["objMethodCode", ""]] as const) {
    const symbol = lowerer.loweredRuntimeSymbol(name);
    if (symbol) lookups.set(symbol, prefix);
  }
  // Before cleanup, while each name a runtime lookup gets is still the constant it was lowered from.
  const strings = lowerer.stringTexts();
  const uses = new Map(ir.functions.map((fn) => [fn, methodUses(fn, strings, lookups)]));
  const arrayNew = lowerer.loweredRuntimeSymbol("arrayNew");
  if (arrayNew) constantLengthArrays(ir, arrayNew, lowerer.runtimeSymbol("arrayWithLength"));
  cleanup(ir);
  analyzeRanges(ir);
  saturateCounters(ir, new Map(counters.flatMap((c) => {
    const symbol = lowerer.globalSymbols.get(c.symbol);
    return symbol ? [[symbol, c.direction] as const] : [];
  })));
  smallIntegerText(ir, smallIntegers);
  // After number-text: a number printed or converted that is proven small allocates nothing.
  if (staticAlloc && staticAllocSized) {
    const heap = staticHeapSymbols(ir, alloc, [collect, exit, consoleWrite], [uncaughtText], arraySet, arrayGet, uses, throwStatementTest(program.getSourceFiles()), lowerer.usesPromises);
    if (allocatesBoundedly(ir, heap)) useStaticHeap(ir, heap, staticAlloc, staticAllocSized);
  }
  if (options.profile === "bare") {
    const entryModule = lowerer.moduleName(program.getSourceFile(entry)!);
    const allocations = bareAllocations(ir, alloc, entryModule, throwStatementTest(program.getSourceFiles()));
    if (allocations.length > 0) return { ok: false, diagnostics: allocations.map(formatMoteDiagnostic).join("\n") };
  }
  unboxDoubles(ir);
  hoistLoopInvariants(ir);
  markStackChecks(ir);

  const target = portFor(board);
  const chunks: Chunk[] = [];
  for (const fn of ir.functions) {
    const chunk = target.generateFunction(fn, { arraySet, arrayGet, doubles: ir.doubles, countsArguments: ir.countsArguments });
    const used = uses.get(fn);
    chunks.push({ ...chunk, methodNames: used?.names, methodPrefixes: used?.prefixes ?? new Set([""]) });
  }
  for (const g of ir.globals) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, g.initial >>> 0, true);
    chunks.push({
      name: g.symbol, section: ".data", bytes, size: 4, align: 4, kind: "object", module: g.module, displayName: g.name,
      relocs: g.initialSymbol ? [{ offset: 0, kind: "abs32", symbol: g.initialSymbol, addend: 0 }] : [],
    });
  }
  for (const d of ir.data) {
    chunks.push({
      name: d.symbol, section: ".rodata", bytes: d.bytes, size: d.bytes.length, align: d.align, kind: "object",
      module: d.module, relocs: d.relocs.map((r) => ({ ...r, kind: "abs32" as const })),
    });
  }
  for (const [symbol, kind] of [[DESCRIPTOR_STRING8, KIND_STRING8], [DESCRIPTOR_STRING16, KIND_STRING16], [DESCRIPTOR_ARRAY, KIND_ARRAY], [DESCRIPTOR_NUMBER, KIND_NUMBER],
    [DESCRIPTOR_CLOSURE, KIND_CLOSURE], [DESCRIPTOR_CELL, KIND_CELL], [DESCRIPTOR_PLAIN, KIND_PLAIN],
    [DESCRIPTOR_MATCH, KIND_ARRAY], [DESCRIPTOR_PLAIN_NULL, KIND_PLAIN],
    [DESCRIPTOR_PLAIN_FROZEN, KIND_PLAIN], [DESCRIPTOR_ARRAY_FROZEN, KIND_ARRAY], [DESCRIPTOR_ACCESSOR, KIND_ACCESSOR],
    [DESCRIPTOR_PLAIN_ACCESSORS, KIND_PLAIN], [DESCRIPTOR_BOUND, KIND_CLOSURE]] as const) {
    // A closure's descriptor has a name and flags too (none: an anonymous function).
    const bytes = new Uint8Array(symbol === DESCRIPTOR_CLOSURE || symbol === DESCRIPTOR_BOUND ? CLOSURE_DESCRIPTOR_SIZE : 4);
    new DataView(bytes.buffer).setUint32(0, kind, true);
    if (symbol === DESCRIPTOR_BOUND) new DataView(bytes.buffer).setUint32(CLOSURE_DESCRIPTOR_FLAGS, CLOSURE_BOUND, true);
    chunks.push({ name: symbol, section: ".rodata", bytes, size: bytes.length, align: 4, kind: "object", module: "rt:descriptors", relocs: [] });
  }
  // Typed array descriptors: the kind, the element size in bytes, the element type.
  for (const element of lowerer.typedDescriptors) {
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, KIND_TYPED_ARRAY, true);
    view.setUint32(4, elementBytes(element), true);
    view.setUint32(TYPED_DESCRIPTOR_ELEMENT, TYPED_ELEMENTS.split(" ").indexOf(element), true);
    chunks.push({ name: `${DESCRIPTOR_TYPED_PREFIX}${element}`, section: ".rodata", bytes, size: bytes.length, align: 4, kind: "object", module: "rt:descriptors", relocs: [] });
  }
  chunks.push(callSitesPlaceholder());
  const referenced = new Set(chunks.flatMap((c) => c.relocs.map((r) => r.symbol)));
  const port = (hasData: boolean, hasBss: boolean, onlyHardwareFaults: boolean) => target.runtime({
    hasData, hasBss, board, main: ir.entry, consoleWrite, exit, alloc, collect, uncaughtText, forSimulator: options.forSimulator,
    referenced, doubles: ir.doubles, forwardVectors: options.forwardVectors, onlyHardwareFaults, compactVectors: !options.imageSlot,
  });
  let linked = keepReachable([...chunks, ...port(true, true, false)], "__vectors");
  // Reset copies .data and clears .bss only if the linked image has any; the crash report
  // scans the stack only if something but a hardware fault can stop the program.
  const hasData = linked.some((c) => c.section === ".data");
  const hasBss = linked.some((c) => c.section === ".bss");
  const onlyHardwareFaults = onlyFaultsCrash(linked);
  if (!hasData || !hasBss || onlyHardwareFaults) linked = keepReachable([...chunks, ...port(hasData, hasBss, onlyHardwareFaults)], "__vectors");
  linked = withCallSites(linked);
  if (board.chip.secondStageBootloader && !options.imageSlot) {
    const bytes = board.chip.secondStageBootloader();
    linked.push({ name: "__boot2", section: ".boot2", bytes, size: bytes.length, align: 4, relocs: [], kind: "object", module: "boot2" });
  }

  let image: LinkedImage;
  try {
    if (options.imageSlot && !board.flashLayout) {
      return { ok: false, diagnostics: `error MOTE${Codes.UnknownBoard}: board '${board.id}' has no flash layout (mote-boot, image slots): build for it without a slot (no --sign), or for a board that takes updates` };
    }
    const flash = options.imageSlot ? slotLinkRegion(board) : board.chip.flash;
    image = link(linked, {
      flash, ram: board.chip.ram, vectorTableOffset: options.imageSlot ? 0 : board.chip.vectorTableOffset, stackSize: stackSizeFor(board, options.stackSize),
    }, { entry: target.resetSymbol });
  } catch (e) {
    if (e instanceof ImageTooLargeError) {
      return { ok: false, diagnostics: `error MOTE${Codes.ImageTooLarge}: the image does not fit board '${board.id}'\n${e.message}` };
    }
    throw e;
  }
  const elf = writeElf(image, { cpu: board.chip.cpu, compDir: process.cwd() });
  const report = sizeReport(image);
  let files: BuildFiles | undefined;
  if (options.outDir) {
    fs.mkdirSync(options.outDir, { recursive: true });
    const base = path.join(options.outDir, options.outName ?? path.basename(entry).replace(/\.ts$/, ""));
    files = { elf: `${base}.elf`, bin: `${base}.bin`, hex: `${base}.hex`, map: `${base}.map` };
    fs.writeFileSync(files.elf, elf);
    fs.writeFileSync(files.bin, writeBin(image));
    fs.writeFileSync(files.hex, writeHex(image));
    fs.writeFileSync(files.map, writeMap(image));
    if (board.uf2FamilyId !== undefined) {
      files.uf2 = `${base}.uf2`;
      fs.writeFileSync(files.uf2, writeUf2(image, board.uf2FamilyId));
    }
  }
  const sources = program.getSourceFiles().map((sf) => sf.fileName).filter((f) => !f.includes("/node_modules/typescript/"));
  const why = options.why === undefined ? undefined : whyLinked(linked, "__vectors", options.why);
  return { ok: true, image, elf, files, sizeReport: report, program: ir, sources, why };
}
