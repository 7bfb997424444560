// Lowering: the type-checked TypeScript program becomes IR, one function at a time, starting
// from the entry and following calls (whole-program reachability: a function nobody calls is
// never lowered, so never linked). The subset check is part of lowering: a construct this
// file does not handle is reported with a MOTE code at its position, never compiled wrongly.

import ts from "typescript";
import path from "node:path";
import type { SourcePos } from "../asm/types.ts";
import {
  type Block, type CmpOp, type Inst, type IrData, type IrFunction, type IrGlobal, type IrProgram,
  type NumOp, type Truthiness, type VReg, newBlock, newVReg,
} from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  ARRAY_ELEMENTS, ARRAY_LENGTH, DESCRIPTOR_STRING16, DESCRIPTOR_STRING8, FALSE, NULL, STRING_LENGTH, TRUE,
  UNDEFINED, isSmallIntValue, tagInt, SMALL_INT_MAX, TYPED_LENGTH, DESCRIPTOR_TYPED_PREFIX, CELL_VALUE, CLOSURE_CELLS,
  CLOSURE_CODE, DESCRIPTOR_CLOSURE, KIND_OBJECT, CLASS_PARENT, CLASS_SIZE, CLASS_METHODS, CLASS_FIELD_NAMES, CLASS_METHOD_NAMES, CLASS_NAME, CLASS_PRINT, CLASS_PRINT_FIELDS, CLASS_PRINT_MAP, CLASS_PRINT_SET, CLASS_PRINT_UNSUPPORTED,
  ARRAY_CAPACITY, ARRAY_SIZE, DESCRIPTOR_ARRAY, isInt32Value, NUMBER_SIZE, NUMBER_LOW, DESCRIPTOR_NUMBER,
} from "../values.ts";
import { type TypedElement, type ValueKind, TYPED_ARRAYS, elementBytes, typedArrayElement, valueKind } from "./types.ts";
import { REPO_ROOT, isBoardModuleFile } from "../frontend/program.ts";
import { buildFlags, constantNumber, constantValue } from "./constants.ts";
import { checkUnsupported } from "./subset.ts";
import { DOUBLE_ACCUMULATOR, DOUBLE_MATH, F64_WORDS } from "../../../ports/armv6m/rt/num-ops.ts";
import { capturedSymbols, freeSymbols } from "./captures.ts";
import { type AsyncState, finishAsyncFunction } from "./async.ts";
import { FRAME_PROMISE, FRAME_SLOTS } from "../values.ts";

const RT_DIR = path.join(REPO_ROOT, "sdk/lib/rt");
const INTRINSICS_FILE = path.join(REPO_ROOT, "sdk/lib/intrinsics.ts");

/** Runtime functions the lowering calls, by file (under sdk/lib/rt) and export name. */
export const RT = {
  start: ["start.ts", "start"],
  alloc: ["heap.ts", "alloc"],
  collectFrom: ["heap.ts", "collectFrom"],
  exit: ["start.ts", "exit"],
  concat: ["strings.ts", "concat"],
  toString: ["strings.ts", "toString"],
  stringEquals: ["strings.ts", "stringEquals"],
  strictEquals: ["strings.ts", "strictEquals"],
  truthy: ["print.ts", "truthy"],
  printValue: ["print.ts", "printValue"],
  printByte: ["print.ts", "printByte"],
  printString: ["print.ts", "printString"],
  printLatin1: ["print.ts", "printLatin1"],
  printAscii: ["print.ts", "printAscii"],
  arrayNew: ["arrays.ts", "arrayNew"],
  arraySet: ["arrays.ts", "arraySet"],
  arrayPush: ["arrays.ts", "arrayPush"],
  arrayIndexOf: ["arrays.ts", "arrayIndexOf"],
  arrayLastIndexOf: ["arrays.ts", "arrayLastIndexOf"],
  arrayIncludes: ["arrays.ts", "arrayIncludes"],
  arrayJoin: ["arrays.ts", "arrayJoin"],
  arraySlice: ["arrays.ts", "arraySlice"],
  arraySplice: ["arrays.ts", "arraySplice"],
  arrayOfLength: ["arrays.ts", "arrayOfLength"],
  typedToArray: ["arrays.ts", "typedToArray"],
  arrayConcat: ["arrays.ts", "arrayConcat"],
  arrayFill: ["arrays.ts", "arrayFill"],
  arrayReverse: ["arrays.ts", "arrayReverse"],
  arrayAt: ["arrays.ts", "arrayAt"],
  arrayPop: ["arrays.ts", "arrayPop"],
  arrayAppend: ["arrays.ts", "arrayAppend"],
  arrayAppendString: ["arrays.ts", "arrayAppendString"],
  arrayForEach: ["arrays.ts", "arrayForEach"],
  arrayMap: ["arrays.ts", "arrayMap"],
  arrayFilter: ["arrays.ts", "arrayFilter"],
  arrayFind: ["arrays.ts", "arrayFind"],
  arrayFindIndex: ["arrays.ts", "arrayFindIndex"],
  arraySome: ["arrays.ts", "arraySome"],
  arrayEvery: ["arrays.ts", "arrayEvery"],
  arrayReduce: ["arrays.ts", "arrayReduce"],
  arrayReduceRight: ["arrays.ts", "arrayReduceRight"],
  arrayConcatItems: ["arrays.ts", "arrayConcatItems"],
  arrayPushAll: ["arrays.ts", "arrayPushAll"],
  arrayIterated: ["arrays.ts", "arrayIterated"],
  mathMinMaxOf: ["numbers.ts", "minMaxOf"],
  stringFromCodes: ["string-methods.ts", "fromCodes"],
  arrayFlat: ["arrays.ts", "arrayFlat"],
  arrayFlatMap: ["arrays.ts", "arrayFlatMap"],
  strCodePointNumber: ["string-methods.ts", "codePointAt"],
  strUnitAt: ["strings.ts", "unitAt"],
  arraySort: ["arrays.ts", "arraySort"],
  strSlice: ["string-methods.ts", "slice"],
  strCodePointAt: ["string-methods.ts", "codePointString"],
  strLength: ["string-methods.ts", "lengthOf"],
  strSubstring: ["string-methods.ts", "substring"],
  strCharAt: ["string-methods.ts", "charAt"],
  strCharCodeAt: ["string-methods.ts", "charCodeAt"],
  strAt: ["string-methods.ts", "charAtOrUndefined"],
  strIndexOf: ["string-methods.ts", "indexOf"],
  strLastIndexOf: ["string-methods.ts", "lastIndexOf"],
  strIncludes: ["string-methods.ts", "includes"],
  strStartsWith: ["string-methods.ts", "startsWith"],
  strEndsWith: ["string-methods.ts", "endsWith"],
  strTrim: ["string-methods.ts", "trim"],
  strRepeat: ["string-methods.ts", "repeat"],
  strPad: ["string-methods.ts", "pad"],
  strChangeCase: ["string-methods.ts", "changeCase"],
  strSplit: ["string-methods.ts", "split"],
  strReplace: ["string-methods.ts", "replace"],
  mathAbs: ["math.ts", "abs"],
  mathSign: ["math.ts", "sign"],
  mathClz32: ["math.ts", "clz32"],
  mathFround: ["dataview.ts", "fround"],
  numToString: ["numconv.ts", "numberToString"],
  numToFixed: ["numconv.ts", "numberToFixed"],
  numToPrecision: ["numconv.ts", "numberToPrecision"],
  numToExponential: ["numconv.ts", "numberToExponential"],
  numToStringRadix: ["numconv.ts", "numberToStringRadix"],
  parseNumber: ["numconv.ts", "parseNumber"],
  parseFloat: ["numconv.ts", "parseFloatPrefix"],
  parseInt: ["numconv.ts", "parseIntRadix"],
  mathSin: ["math-double.ts", "sin"],
  mathCos: ["math-double.ts", "cos"],
  mathTan: ["math-double.ts", "tan"],
  mathAsin: ["math-double.ts", "asin"],
  mathAcos: ["math-double.ts", "acos"],
  mathAtan: ["math-double.ts", "atan"],
  mathExp: ["math-double.ts", "exp"],
  mathExpm1: ["math-double.ts", "expm1"],
  mathLog: ["math-double.ts", "log"],
  mathLog1p: ["math-double.ts", "log1p"],
  mathLog2: ["math-double.ts", "log2"],
  mathLog10: ["math-double.ts", "log10"],
  mathSinh: ["math-double.ts", "sinh"],
  mathCosh: ["math-double.ts", "cosh"],
  mathTanh: ["math-double.ts", "tanh"],
  mathAsinh: ["math-double.ts", "asinh"],
  mathAcosh: ["math-double.ts", "acosh"],
  mathAtanh: ["math-double.ts", "atanh"],
  mathCbrt: ["math-double.ts", "cbrt"],
  mathAtan2: ["math-double.ts", "atan2"],
  mathHypot: ["math-double.ts", "hypot"],
  mathPowDouble: ["math-double.ts", "pow"],
  mathHypotOf: ["math-double.ts", "hypotOf"],
  typedGetFloat: ["dataview.ts", "typedGetFloat"],
  typedSetFloat: ["dataview.ts", "typedSetFloat"],
  mathMin: ["numbers.ts", "min"],
  mathMax: ["numbers.ts", "max"],
  mathRandom: ["numbers.ts", "random"],
  numIsInteger: ["numbers.ts", "isInteger"],
  numIsSafeInteger: ["numbers.ts", "isSafeInteger"],
  numIsFinite: ["numbers.ts", "isFiniteNumber"],
  numIsNaN: ["numbers.ts", "isNaNNumber"],
  typedArrayNew: ["arrays.ts", "typedArrayNew"],
  closureNew: ["functions.ts", "closureNew"],
  objectNew: ["functions.ts", "objectNew"],
  setTimeout: ["timers.ts", "setTimeout"],
  setInterval: ["timers.ts", "setInterval"],
  clearTimer: ["timers.ts", "clearTimer"],
  runEventLoop: ["timers.ts", "runEventLoop"],
  objNew: ["objects.ts", "objNew"],
  objGet: ["objects.ts", "objGet"],
  objMethodCode: ["objects.ts", "objMethodCode"],
  strCompare: ["strings.ts", "strCompare"],
  printInspected: ["inspect.ts", "printInspected"],
  printFormatted: ["inspect.ts", "printFormatted"],
  printAny: ["inspect.ts", "printArgument"],
  typeOf: ["strings.ts", "typeOf"],
  arrayGet: ["arrays.ts", "arrayGet"],
  isArray: ["strings.ts", "isArray"],
  objSet: ["objects.ts", "objSet"],
  objAssign: ["objects.ts", "objAssign"],
  objFromEntries: ["objects.ts", "objFromEntries"],
  objKeys: ["objects.ts", "objKeys"],
  objValues: ["objects.ts", "objValues"],
  objEntries: ["objects.ts", "objEntries"],
  objHas: ["objects.ts", "objHas"],
  jsonStringify: ["objects.ts", "jsonStringify"],
  errorToString: ["errors.ts", "errorToString"],
  uncaughtText: ["errors.ts", "uncaughtText"],
  instanceOf: ["functions.ts", "instanceOf"],
  cellNew: ["functions.ts", "cellNew"],
  runMicrotasks: ["promise.ts", "runMicrotasks"],
  resolvePromise: ["promise.ts", "resolvePromise"],
  promiseResolve: ["promise.ts", "promiseResolve"],
  promiseReject: ["promise.ts", "promiseReject"],
  promiseAll: ["promise.ts", "promiseAll"],
  promiseAllSettled: ["promise.ts", "promiseAllSettled"],
  promiseRace: ["promise.ts", "promiseRace"],
  asyncFrame: ["promise.ts", "asyncFrame"],
  asyncAwait: ["promise.ts", "asyncAwait"],
  asyncThrew: ["promise.ts", "asyncThrew"],
  queueMicrotask: ["promise.ts", "queueMicrotask"],
  topLevelAwaitEnded: ["promise.ts", "topLevelAwaitEnded"],
} as const satisfies Record<string, readonly [string, string]>;
export type RtName = keyof typeof RT;

/** Math functions of programs with doubles that the runtime implements: Math member -> the
 *  runtime function and its number of arguments. */
const DOUBLE_MATH_RT: Partial<Record<string, readonly [RtName, number]>> = {
  fround: ["mathFround", 1], sin: ["mathSin", 1], cos: ["mathCos", 1], tan: ["mathTan", 1], asin: ["mathAsin", 1], acos: ["mathAcos", 1], atan: ["mathAtan", 1], exp: ["mathExp", 1], expm1: ["mathExpm1", 1], log: ["mathLog", 1], log1p: ["mathLog1p", 1], log2: ["mathLog2", 1], log10: ["mathLog10", 1], sinh: ["mathSinh", 1], cosh: ["mathCosh", 1], tanh: ["mathTanh", 1], asinh: ["mathAsinh", 1], acosh: ["mathAcosh", 1], atanh: ["mathAtanh", 1], cbrt: ["mathCbrt", 1], atan2: ["mathAtan2", 2], pow: ["mathPowDouble", 2],
};

/** Operators a chain on the double accumulator applies (Lowerer.doubleChain). */
const DOUBLE_CHAIN_OPS: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PlusToken]: DOUBLE_ACCUMULATOR.add, [ts.SyntaxKind.MinusToken]: DOUBLE_ACCUMULATOR.sub,
  [ts.SyntaxKind.AsteriskToken]: DOUBLE_ACCUMULATOR.mul, [ts.SyntaxKind.SlashToken]: DOUBLE_ACCUMULATOR.div,
  [ts.SyntaxKind.PercentToken]: DOUBLE_ACCUMULATOR.mod,
};

/** Global functions on numbers (programs with doubles): parseInt(…), Number(…), isNaN(…), … */
const NUMBER_GLOBALS = new Set(["parseInt", "parseFloat", "Number", "isNaN", "isFinite"]);

/** Arithmetic the port implements by hand (ports/<arch>/rt): tagged in, tagged out. */
const PORT_ARITHMETIC = { mul: "__rt_mul", div: "__rt_div", idiv: "__rt_idiv", mod: "__rt_mod" } as const;

/** Functions declared in sdk/lib/rt/port.ts are the port's hand-written routines. */
const PORT_DECLARATIONS = path.join(RT_DIR, "port.ts");

/** The port's throw: the value in r0; never returns. */
const THROW = "__rt_throw";
/** The same, for an exception passing on from a finally block: its origin stays the same. */
const RETHROW = "__rt_rethrow";
const BUILTIN_ERRORS = ["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError"];
const GLOBALS_FILE = path.join(REPO_ROOT, "sdk/lib/globals.d.ts");
/** The timer globals (sdk/lib/globals.d.ts): runtime function and parameter count. */
const TIMER_FUNCTIONS: Record<string, [RtName, number]> = {
  setTimeout: ["setTimeout", 2], setInterval: ["setInterval", 2], clearTimeout: ["clearTimer", 1], clearInterval: ["clearTimer", 1],
  queueMicrotask: ["queueMicrotask", 1],
};
/** Global classes the runtime implements in device TypeScript, and where. */
const BUILTIN_CLASSES: Record<string, string> = {
  Error: "errors.ts", TypeError: "errors.ts", RangeError: "errors.ts", ReferenceError: "errors.ts",
  SyntaxError: "errors.ts", EvalError: "errors.ts", URIError: "errors.ts",
  Map: "collections.ts", Set: "collections.ts",
  Promise: "promise.ts",
  ArrayBuffer: "dataview.ts", DataView: "dataview.ts",
};

/** Function values are called with the closure in r0 and their parameters in r1-r3. */
const MAX_CLOSURE_PARAMETERS = 3;

interface LoopTargets { breakTo: Block; continueTo?: Block; label?: string; tryDepth?: number }

/** An enclosing try block: its handler record and the finally block leaving it must run. */
interface TryContext { record: number; finallyBlock?: ts.Block }

interface ModuleInfo {
  sf: ts.SourceFile;
  stem: string;
  initSymbol: string;
  hasInit: boolean;
  /** Module variables a function might read before their declaration has run (declared after
   *  top-level code that calls functions): reads and writes from functions are checked. */
  temporalDeadZone: Set<ts.VariableDeclaration>;
}

export interface LowerOptions {
  /** Source files of the console driver for the board (boards/chips/<family>/uart.ts). */
  consoleDriver: string;
  /** The program's numbers are doubles: its model (doubles.ts) is "integral" or "doubles". */
  doubles: boolean;
  /** They may be fractions: its model is "doubles". */
  fractions: boolean;
}

export class Lowerer {
  readonly functions: IrFunction[] = [];
  readonly globals: IrGlobal[] = [];
  readonly data: IrData[] = [];
  private readonly funcSymbols = new Map<ts.Declaration, string>();
  /** Expressions already evaluated, known not to be null or undefined (a?.method(…)). */
  private readonly bound = new Map<ts.Expression, VReg>();
  private readonly pending: Array<{ decl: ts.FunctionDeclaration; symbol: string }> = [];
  private readonly globalSymbols = new Map<ts.Symbol, string>();
  private readonly strings = new Map<string, string>();
  private readonly modules = new Map<ts.SourceFile, ModuleInfo>();
  private readonly usedSymbolNames = new Set<string>();
  private readonly deadZoneGlobals = new Set<string>();
  /** Typed array element types used: their descriptors go into the image. */
  readonly typedDescriptors = new Set<TypedElement>();
  /** Set when the program starts timers: main runs the event loop after the modules. */
  usesTimers = false;
  /** Set when the program makes promises (or async functions): main drains the microtask
   *  queue after the modules, and the event loop after every timer. */
  usesPromises = false;
  /** Set when the program can make an array shorter (pop): lengths are no longer lower bounds. */
  arraysShrink = false;
  /** Numbers may be doubles (LowerOptions.doubles). */
  doubles = false;

  // Per-function state.
  private fn!: IrFunction;
  private block!: Block;
  private locals = new Map<ts.Symbol, VReg>();
  /** Captured variables of the current function: the register holding each one's cell. */
  private cells = new Map<ts.Symbol, VReg>();
  private loops: LoopTargets[] = [];
  private tries: TryContext[] = [];
  private closureCount = 0;
  private readonly classes = new Map<ts.ClassDeclaration, ClassInfo>();
  private readonly staticFields = new Map<ts.Symbol, { symbol: string; initializer?: ts.Expression }>();
  /** `this` of the method or constructor being lowered. */
  private thisVReg: VReg | undefined;
  /** In an arrow function that uses `this`: the cell holding the `this` it was created with. */
  private thisCell: VReg | undefined;
  private currentClass: ClassInfo | undefined;
  /** In a derived constructor: field initialisers, run right after super(…). */
  private afterSuper: (() => void) | undefined;
  /** In the resume code of an async function: its frame and its awaits (async.ts). */
  private asyncState: AsyncState | undefined;
  /** The program's main file, and the init of its module when it has top-level await. */
  private entryFile: ts.SourceFile | undefined;
  private asyncInit: string | undefined;
  /** Static closures for top-level functions used as values, by declaration. */
  private readonly functionValues = new Map<ts.FunctionDeclaration, string>();

  constructor(private readonly program: ts.Program, private readonly checker: ts.TypeChecker) {}

  lowerProgram(entryFile: string, options: LowerOptions): IrProgram {
    const entrySf = this.sourceFile(entryFile);
    this.entryFile = entrySf;
    this.doubles = options.doubles;
    buildFlags.DOUBLES = options.doubles;
    buildFlags.FRACTIONS = options.fractions;
    // Module initialisation order: imports before importers (as ES modules evaluate).
    const order: ts.SourceFile[] = [];
    const seen = new Set<ts.SourceFile>();
    const visit = (sf: ts.SourceFile) => {
      if (seen.has(sf)) return;
      seen.add(sf);
      for (const stmt of sf.statements) {
        if (ts.isImportDeclaration(stmt) || (ts.isExportDeclaration(stmt) && stmt.moduleSpecifier)) {
          const target = this.importedFile(stmt.moduleSpecifier as ts.StringLiteral);
          if (target) visit(target);
        }
      }
      order.push(sf);
    };
    visit(this.sourceFile(options.consoleDriver));
    // Every runtime module, since generated code may call into any of them.
    for (const file of new Set(Object.values(RT).map(([f]) => f))) visit(this.sourceFile(path.join(RT_DIR, file)));
    const runtimeModules = new Set(order);
    visit(entrySf);

    // The program's own modules always run; a runtime module only when something of it is
    // used (its top-level code, such as a timer list, costs nothing otherwise). What the
    // port's hand-written code calls is requested first.
    const declared = new Set<ts.SourceFile>();
    const declare = (sf: ts.SourceFile) => { declared.add(sf); this.lowerModuleDeclarations(sf); };
    for (const sf of order) if (!runtimeModules.has(sf)) declare(sf);
    for (const name of ["start", "exit", "arraySet", "alloc", "collectFrom", "uncaughtText"] as const) this.runtime(name);
    this.consoleWriteSymbol(options.consoleDriver);
    this.drain();
    for (let changed = true; changed;) {
      changed = false;
      for (const sf of order) {
        if (declared.has(sf) || ![...this.funcSymbols.keys()].some((d) => d.getSourceFile() === sf)) continue;
        declare(sf);
        changed = true;
      }
      this.drain();
    }

    const main = this.beginFunction("__mote_main", "main", entrySf, entrySf);
    let topLevel: VReg | undefined;
    this.emit({ op: "call", dst: undefined, callee: this.runtime("start"), args: [], pos: this.pos(entrySf) });
    for (const sf of order) {
      // Modules never declared are not looked at (their analysis costs type-checker time).
      if (!declared.has(sf)) continue;
      const info = this.moduleInfo(sf);
      if (!info.hasInit) continue;
      if (info.initSymbol === this.asyncInit) topLevel = this.call(info.initSymbol, [], entrySf);
      else this.emit({ op: "call", dst: undefined, callee: info.initSymbol, args: [], pos: this.pos(entrySf) });
    }
    // Node's order: the top-level code, its microtasks, then the timers, each followed by its
    // microtasks (the event loop is handed the queue's runner only when there are promises).
    if (this.usesPromises) this.emit({ op: "call", dst: undefined, callee: this.runtime("runMicrotasks"), args: [], pos: this.pos(entrySf) });
    if (this.usesTimers) {
      const afterEach = this.usesPromises ? this.functionValue(this.runtimeDeclaration("runMicrotasks"), entrySf) : this.constant(UNDEFINED);
      this.emit({ op: "call", dst: undefined, callee: this.runtime("runEventLoop"), args: [afterEach], pos: this.pos(entrySf) });
    }
    if (topLevel !== undefined) this.call(this.runtime("topLevelAwaitEnded"), [topLevel], entrySf, false);
    this.emit({ op: "call", dst: undefined, callee: this.runtime("exit"), args: [this.constant(tagInt(0))], pos: this.pos(entrySf) });
    this.block.term = { op: "return", value: undefined };
    this.functions.push(main);
    this.drain();
    this.checkUncalledFunctions(order);
    return { functions: this.functions, globals: this.globals, data: this.data, entry: "__mote_main", arraysShrink: this.arraysShrink, doubles: this.doubles };
  }

  /** Functions of the app nobody calls are not linked, but they are still compiled, so that
   *  what the device language does not support is reported wherever it is written. */
  private checkUncalledFunctions(modules: ts.SourceFile[]): void {
    const reached = this.functions.length;
    for (const sf of modules) {
      if (!this.isAppModule(sf)) continue;
      for (const stmt of sf.statements) {
        if (ts.isFunctionDeclaration(stmt) && stmt.body && !this.funcSymbols.has(stmt)) this.functionSymbol(stmt);
      }
    }
    this.drain();
    this.functions.length = reached;
  }

  private isAppModule(sf: ts.SourceFile): boolean {
    if (sf.isDeclarationFile || isBoardModuleFile(sf.fileName)) return false;
    const rel = path.relative(REPO_ROOT, sf.fileName);
    return rel.startsWith("..") || !(rel.startsWith("sdk/") || rel.startsWith("boards/") || rel.startsWith("ports/"));
  }

  // ---------------------------------------------------------------- modules

  private sourceFile(file: string): ts.SourceFile {
    const sf = this.program.getSourceFile(file) ?? this.program.getSourceFiles().find((s) => path.resolve(s.fileName) === path.resolve(file));
    if (!sf) throw new Error(`internal: ${file} is not part of the program`);
    return sf;
  }

  private importedFile(spec: ts.StringLiteral): ts.SourceFile | undefined {
    const symbol = this.checker.getSymbolAtLocation(spec);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (decl && ts.isSourceFile(decl)) return decl;
    return undefined;
  }

  private moduleInfo(sf: ts.SourceFile): ModuleInfo {
    let info = this.modules.get(sf);
    if (!info) {
      const stem = this.uniqueName(moduleStem(sf.fileName));
      info = { sf, stem, initSymbol: `${stem}.<init>`, hasInit: false, temporalDeadZone: new Set() };
      this.modules.set(sf, info);
      if (!sf.isDeclarationFile && !isIntrinsics(sf)) {
        const firstCall = sf.statements.findIndex((st) => !ts.isFunctionDeclaration(st) && mayCallUserCode(st));
        if (firstCall >= 0) {
          const usedByFunctions = symbolsUsedInFunctions(sf, this.checker);
          sf.statements.forEach((st, i) => {
            if (i <= firstCall || !ts.isVariableStatement(st)) return;
            for (const d of st.declarationList.declarations) {
              if (ts.isIdentifier(d.name) && usedByFunctions.has(this.symbolOf(d.name))) info!.temporalDeadZone.add(d);
            }
          });
        }
        const deadZone = info.temporalDeadZone;
        info.hasInit = sf.statements.some((st) => needsInit(st, (d) => this.isFoldableConst(d) || this.globalConstant(d) !== undefined, (d) => deadZone.has(d)));
      }
    }
    return info;
  }

  private uniqueName(base: string): string {
    let name = base;
    for (let i = 2; this.usedSymbolNames.has(name); i++) name = `${base}${i}`;
    this.usedSymbolNames.add(name);
    return name;
  }

  /** Globals and the init function of one module; functions are lowered when called. */
  private lowerModuleDeclarations(sf: ts.SourceFile): void {
    if (sf.isDeclarationFile || isIntrinsics(sf)) return;
    checkUnsupported(sf, this.checker);
    const info = this.moduleInfo(sf);
    // A module variable that no function reads or writes and no other module imports lives
    // only while the module's top-level code runs: a local of the init function, in a
    // register, not a global in RAM.
    const usedByFunctions = symbolsUsedInFunctions(sf, this.checker);
    const promoted = new Set<ts.VariableDeclaration>();
    for (const stmt of sf.statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      const exported = stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      for (const d of stmt.declarationList.declarations) {
        const names = ts.isIdentifier(d.name) ? [d.name]
          : isBindingPattern(d.name) ? (d.name.elements as ts.NodeArray<ts.ArrayBindingElement>).flatMap((e) => (ts.isBindingElement(e) && ts.isIdentifier(e.name) ? [e.name] : [])) : [];
        if (info.hasInit && !exported && names.length > 0 && names.every((n) => !usedByFunctions.has(this.symbolOf(n)))) promoted.add(d);
        else this.declareGlobal(d, info);
      }
    }
    if (!info.hasInit) return;
    // Top-level await makes the module's code an async function (its init returns a promise).
    const topLevelAwait = firstTopLevelAwait(sf);
    if (topLevelAwait && sf !== this.entryFile) {
      fail(topLevelAwait, Codes.UnsupportedSyntax, "top-level await is supported on devices only in the program's main file", "await in an async function the module exports");
    }
    if (topLevelAwait) this.asyncInit = info.initSymbol;
    const saved = this.saveState();
    this.functionCode(info.initSymbol, `<module ${path.basename(sf.fileName)}>`, sf, sf, () => this.moduleCode(sf, promoted), topLevelAwait !== undefined);
    this.restoreState(saved);
  }

  /** The statements of a module's top-level code (into its init function). */
  private moduleCode(sf: ts.SourceFile, promoted: Set<ts.VariableDeclaration>): void {
    for (const stmt of sf.statements) {
      if (ts.isFunctionDeclaration(stmt) || ts.isImportDeclaration(stmt) || ts.isInterfaceDeclaration(stmt)
        || ts.isTypeAliasDeclaration(stmt) || ts.isExportDeclaration(stmt)) continue;
      if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          if (promoted.has(d)) {
            if (!this.isFoldableConst(d)) this.localDeclaration(d);
            continue;
          }
          const symbol = this.globalSymbols.get(this.symbolOf(d.name));
          if (symbol && (d.initializer || this.inDeadZone(d)) && this.globalConstant(d) === undefined) {
            const value = d.initializer ? this.expr(d.initializer) : this.constant(UNDEFINED);
            const addr = this.symbolAddress(symbol);
            this.emit({ op: "store", base: addr, offset: 0, src: value, width: 32, pos: this.pos(d) });
          }
        }
        continue;
      }
      this.statement(stmt);
    }
  }

  private declareGlobal(d: ts.VariableDeclaration, info: ModuleInfo): void {
    if (!ts.isIdentifier(d.name)) fail(d.name, Codes.UnsupportedSyntax, "destructuring at module level into variables that functions use is not supported on devices yet");
    const sym = this.symbolOf(d.name);
    if (this.isFoldableConst(d) || this.globalSymbols.has(sym)) return;
    const symbol = `${info.stem}.${d.name.text}`;
    const constant = this.globalConstant(d);
    const global: IrGlobal = { symbol, initial: UNDEFINED, module: this.moduleName(info.sf), name: d.name.text };
    if (this.inDeadZone(d)) {
      // Word 0 is no JavaScript value: it marks "not yet initialised" until the declaration runs.
      global.initial = 0;
      this.deadZoneGlobals.add(symbol);
    } else if (constant !== undefined) {
      if (typeof constant === "string") global.initialSymbol = this.stringSymbol(constant);
      else global.initial = constant;
    }
    this.globals.push(global);
    this.globalSymbols.set(sym, symbol);
  }

  /** A `const` whose value is known at compile time needs no storage: uses are folded. */
  private isFoldableConst(d: ts.VariableDeclaration): boolean {
    if ((ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) === 0 || d.initializer === undefined || this.inDeadZone(d)) return false;
    if (constantValue(d.initializer, this.checker) !== undefined) return true;
    // Numbers outside the small-integer range fold only when a device can hold them (int32);
    // anything else (-0, a fraction) is computed at run time, where it stops with its error.
    const n = constantNumber(d.initializer, this.checker);
    return n !== undefined && (isInt32Value(n) || isRegisterAddress(n) || this.doubles);
  }

  /** A number constant that is a boxed object in flash: not a small integer, and a value the
   *  program can hold (an int32, or any double when it has doubles). */
  private numberConstant(n: number, node: ts.Node): VReg {
    if (!this.isBoxedConstant(n)) return this.constant(this.wordForConstant(n, node), true);
    const dst = this.temp();
    this.emit({ op: "symbol", dst, symbol: this.boxedNumberSymbol(n), addend: 0 });
    return dst;
  }

  private isBoxedConstant(n: number): boolean {
    return !isSmallIntValue(n) && (isInt32Value(n) || this.doubles);
  }

  /** The initial word of a global, when its initializer is a constant. */
  private inDeadZone(d: ts.VariableDeclaration): boolean {
    return this.moduleInfo(d.getSourceFile()).temporalDeadZone.has(d);
  }

  private globalConstant(d: ts.VariableDeclaration): number | string | undefined {
    if (this.inDeadZone(d)) return undefined;
    if (!d.initializer) return UNDEFINED;
    const c = constantValue(d.initializer, this.checker);
    if (c === undefined) return undefined;
    if (typeof c === "string") return c;
    if (typeof c === "number" && this.isBoxedConstant(c)) return undefined; // boxed: set by module code
    return this.wordForConstant(c, d.initializer);
  }

  private moduleName(sf: ts.SourceFile): string {
    if (isBoardModuleFile(sf.fileName)) return "mote/board";
    const rel = path.relative(REPO_ROOT, sf.fileName);
    return rel.startsWith("..") ? path.relative(process.cwd(), sf.fileName) : rel;
  }

  // ---------------------------------------------------------------- functions

  /** The symbol of a runtime function (lowering it if nothing has yet). */
  runtimeSymbol(name: RtName): string {
    const symbol = this.runtime(name);
    this.drain();
    return symbol;
  }

  /** The symbol of the console driver's consoleWrite. */
  consoleWriteSymbol(driverFile: string): string {
    const sf = this.sourceFile(driverFile);
    const decl = sf.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === "consoleWrite");
    if (!decl) throw new Error(`internal: ${driverFile} has no consoleWrite`);
    const symbol = this.functionSymbol(decl);
    this.drain();
    return symbol;
  }

  private runtime(name: RtName): string {
    return this.functionSymbol(this.runtimeDeclaration(name));
  }

  private runtimeDeclaration(name: RtName): ts.FunctionDeclaration {
    const [file, exportName] = RT[name];
    const sf = this.sourceFile(path.join(RT_DIR, file));
    const moduleSymbol = this.checker.getSymbolAtLocation(sf);
    const exp = moduleSymbol && this.checker.getExportsOfModule(moduleSymbol).find((s) => s.name === exportName);
    const decl = exp?.declarations?.find(ts.isFunctionDeclaration);
    if (!decl) throw new Error(`internal: runtime function ${exportName} missing from ${file}`);
    return decl;
  }

  private functionSymbol(decl: ts.FunctionDeclaration): string {
    let symbol = this.funcSymbols.get(decl);
    if (!symbol) {
      const sf = decl.getSourceFile();
      const info = this.moduleInfo(sf);
      if (!decl.name) fail(decl, Codes.UnsupportedSyntax, "anonymous default-exported functions are not supported on devices");
      symbol = this.uniqueName(`${info.stem}.${decl.name.text}`);
      this.funcSymbols.set(decl, symbol);
      if (!decl.body) fail(decl, Codes.UnsupportedSyntax, `function '${decl.name.text}' has no body`);
      this.pending.push({ decl, symbol });
    }
    return symbol;
  }

  private drain(): void {
    while (this.pending.length > 0) {
      const { decl, symbol } = this.pending.shift()!;
      this.lowerFunction(decl, symbol);
    }
  }

  private lowerFunction(decl: ts.FunctionDeclaration, symbol: string): void {
    const sf = decl.getSourceFile();
    if (decl.asteriskToken) fail(decl, Codes.Generator, "generators are not supported on devices yet", "use a loop or a callback");
    this.functionCode(symbol, decl.name!.text, sf, decl, (fn) => {
      this.parameters(decl);
      if (fn.params.length > 32) fail(decl.parameters[32], Codes.UnsupportedSyntax, "functions take at most 32 parameters on devices");
      this.body(decl.body!.statements);
    });
  }

  /**
   * The code of a function under `symbol`: `lower` declares the parameters (fn.params) and
   * lowers the body. An async function becomes two functions (async.ts): `symbol` starts it
   * (a frame, the promise, the body up to its first await) and returns the promise;
   * `symbol<resume>` is the body, resumed after each await by a promise reaction.
   */
  private functionCode(symbol: string, displayName: string, sf: ts.SourceFile, node: ts.Node, lower: (fn: IrFunction) => void, async = isAsync(node)): void {
    if (!async) {
      const fn = this.beginFunction(symbol, displayName, sf, node);
      lower(fn);
      this.finishFunction(fn);
      return;
    }
    this.usesPromises = true;
    const resumeSymbol = this.uniqueName(`${symbol}<resume>`);
    const fn = this.beginFunction(resumeSymbol, displayName, sf, node);
    const dispatch = this.block;
    const start = newBlock(fn), body = newBlock(fn), handler = newBlock(fn);
    const state: AsyncState = {
      frame: newVReg(fn, { name: "<frame>" }), value: newVReg(fn, { name: "<outcome>" }), rejected: newVReg(fn, { name: "<rejected>" }),
      outerRecord: (fn.tryRecords = (fn.tryRecords ?? 0) + 1) - 1, awaits: [],
    };
    start.term = { op: "try", record: state.outerRecord, body, handler, pos: this.pos(node) };
    this.startBlock(body);
    this.asyncState = state;
    lower(fn);
    // Falling off the end of the body (an expression body has returned already).
    if (this.block.term.op === "unreachable") this.asyncReturn(this.constant(UNDEFINED), node);
    // Whatever the body throws and does not catch rejects the promise.
    this.startBlock(handler);
    const error = this.temp();
    this.emit({ op: "catch-value", dst: error });
    this.call(this.runtime("asyncThrew"), [this.framePromise(), error], node, false);
    this.setTerm({ op: "return", value: undefined });
    const bodyParams = fn.params;
    const slots = finishAsyncFunction({ ...state, fn, dispatch, start, throwSymbol: THROW });
    this.finishFunction(fn);

    const starter = this.beginFunction(symbol, displayName, sf, node);
    const params = bodyParams.map((p) => {
      const v = newVReg(starter, { name: fn.vregs[p].name });
      starter.params.push(v);
      return v;
    });
    const code = this.temp({ raw: true });
    this.emit({ op: "symbol", dst: code, symbol: resumeSymbol, addend: 1 });
    const codeNumber = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: codeNumber, src: code });
    const frame = this.call(this.runtime("asyncFrame"), [codeNumber, this.constant(tagInt(slots), true)], node);
    params.forEach((p, i) => this.emit({ op: "store", base: frame, offset: FRAME_SLOTS + 4 * i, src: p, width: 32 }));
    this.emit({ op: "call", dst: undefined, callee: resumeSymbol, args: [frame, this.constant(UNDEFINED), this.constant(FALSE)], pos: this.pos(node) });
    const promise = this.temp();
    this.emit({ op: "load", dst: promise, base: frame, offset: FRAME_PROMISE, width: 32 });
    this.setTerm({ op: "return", value: promise });
    this.finishFunction(starter);
  }

  /** The promise of the async function being lowered. */
  private framePromise(): VReg {
    const promise = this.temp();
    this.emit({ op: "load", dst: promise, base: this.asyncState!.frame, offset: FRAME_PROMISE, width: 32 });
    return promise;
  }

  /** return from an async function (its finally blocks have run): the promise resolves. */
  private asyncReturn(value: VReg, node: ts.Node): void {
    this.emit({ op: "try-exit", record: this.asyncState!.outerRecord });
    this.call(this.runtime("resolvePromise"), [this.framePromise(), value], node, false);
    this.setTerm({ op: "return", value: undefined, pos: this.pos(node) });
  }

  /**
   * await: the value goes to asyncAwait (the frame resumes once it has settled), the try
   * blocks around are left and the function returns; it continues in a new block with the
   * outcome. async.ts adds the way back in and what is saved over the await.
   */
  private awaitExpression(node: ts.AwaitExpression): VReg {
    const state = this.asyncState;
    if (!state) fail(node, Codes.UnsupportedSyntax, "'await' outside an async function is not supported on devices yet", "put the code in an async function and call it");
    const value = this.expr(node.expression);
    const saveAt = this.block.insts.length;
    const suspend = this.block;
    this.call(this.runtime("asyncAwait"), [state.frame, value], node, false);
    for (let i = this.tries.length - 1; i >= 0; i--) this.emit({ op: "try-exit", record: this.tries[i].record });
    this.emit({ op: "try-exit", record: state.outerRecord });
    this.setTerm({ op: "return", value: undefined, pos: this.pos(node) });
    const resume = newBlock(this.fn);
    const result = this.temp();
    state.awaits.push({ suspend, saveAt, resume, result, records: [state.outerRecord, ...this.tries.map((t) => t.record)], pos: this.pos(node) });
    this.startBlock(resume);
    return result;
  }

  /** Declares a function's parameters (a captured one moves into a cell). */
  private parameters(decl: ts.SignatureDeclaration): void {
    const incoming: Array<[ts.Symbol | undefined, VReg, ts.ParameterDeclaration]> = [];
    decl.parameters.forEach((p, i) => {
      if (isBindingPattern(p.name) && !p.dotDotDotToken) {
        const v = newVReg(this.fn, { name: `<parameter ${i}>` });
        this.fn.params.push(v);
        incoming.push([undefined, v, p]);
        return;
      }
      if (!ts.isIdentifier(p.name)) fail(p, Codes.UnsupportedSyntax, "destructuring a rest parameter is not supported on devices yet");
      if (p.dotDotDotToken && (i !== decl.parameters.length - 1 || !ts.isFunctionDeclaration(decl) || !ts.isSourceFile(decl.parent))) {
        fail(p, Codes.UnsupportedSyntax, "rest parameters are supported on devices only in top-level functions");
      }
      const v = newVReg(this.fn, { name: p.name.text });
      this.fn.params.push(v);
      // A parameter property names two symbols: the parameter (what the body reads) first.
      const sym = ts.isConstructorDeclaration(decl) && ts.isParameterPropertyDeclaration(p, decl)
        ? this.checker.getSymbolsOfParameterPropertyDeclaration(p, p.name.text)[0]
        : this.symbolOf(p.name);
      incoming.push([sym, v, p]);
    });
    for (const [sym, v, p] of incoming) {
      if (p.initializer) {
        // A default applies when the argument is undefined (missing or passed as undefined).
        const given = newBlock(this.fn), missing = newBlock(this.fn), join = newBlock(this.fn);
        this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: v, b: this.constant(UNDEFINED), then: missing, else: given, pos: this.pos(p) });
        this.startBlock(missing);
        this.emit({ op: "move", dst: v, src: this.expr(p.initializer) });
        this.jumpTo(join);
        this.startBlock(given);
        this.jumpTo(join);
        this.startBlock(join);
      }
      if (sym) this.bindLocal(sym, v, decl);
      else this.destructure(p.name as ts.BindingPattern, v, p);
    }
  }

  /** A variable gets its value: in a register, or in a new cell when a closure captures it. */
  private bindLocal(sym: ts.Symbol, value: VReg, node: ts.Node): void {
    const existing = this.cells.get(sym);
    if (existing !== undefined && this.fn.vregs[existing].name === `${sym.name}<cell>` && !this.fn.params.includes(existing)) {
      this.emit({ op: "store", base: existing, offset: CELL_VALUE, src: value, width: 32, pos: this.pos(node) });
      return;
    }
    if (this.isCaptured(sym, node)) {
      const cell = newVReg(this.fn, { name: `${sym.name}<cell>` });
      this.emit({ op: "move", dst: cell, src: this.call(this.runtime("cellNew"), [value], node) });
      this.cells.set(sym, cell);
      return;
    }
    const v = this.locals.get(sym) ?? newVReg(this.fn, { name: sym.name });
    this.locals.set(sym, v);
    this.emit({ op: "move", dst: v, src: value });
  }

  private isCaptured(sym: ts.Symbol, node: ts.Node): boolean {
    return capturedSymbols(node.getSourceFile(), this.checker).has(sym);
  }

  /** Statements of a function body or block; nested function declarations are hoisted (created
   *  first, so calls before them work, as in JavaScript). */
  private body(statements: readonly ts.Statement[]): void {
    // Captured let/const of this block get their cells first, so that functions hoisted above
    // their declarations capture them too.
    for (const stmt of statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const sym = this.symbolOf(d.name);
        if (this.isCaptured(sym, d) && !this.cells.has(sym) && !ts.isSourceFile(stmt.parent)) {
          const cell = newVReg(this.fn, { name: `${sym.name}<cell>` });
          this.emit({ op: "move", dst: cell, src: this.call(this.runtime("cellNew"), [this.constant(UNDEFINED)], d) });
          this.cells.set(sym, cell);
        }
      }
    }
    for (const stmt of statements) {
      if (ts.isFunctionDeclaration(stmt) && stmt.body && stmt.name) {
        this.bindLocal(this.symbolOf(stmt.name), this.closure(stmt), stmt);
      }
    }
    for (const stmt of statements) this.statement(stmt);
  }

  private beginFunction(symbol: string, displayName: string, sf: ts.SourceFile, node: ts.Node): IrFunction {
    const fn: IrFunction = {
      symbol, displayName, module: this.moduleName(sf), params: [], blocks: [], vregs: [],
      pos: this.pos(node), returnsSmallInt: false,
    };
    this.fn = fn;
    this.block = newBlock(fn);
    this.locals = new Map();
    this.cells = new Map();
    this.loops = [];
    this.tries = [];
    this.thisVReg = undefined;
    this.thisCell = undefined;
    this.currentClass = undefined;
    this.afterSuper = undefined;
    this.asyncState = undefined;
    return fn;
  }

  private finishFunction(fn: IrFunction): void {
    if (this.block.term.op === "unreachable") this.block.term = { op: "return", value: undefined };
    this.functions.push(fn);
  }

  private saveState() {
    return {
      fn: this.fn, block: this.block, locals: this.locals, loops: this.loops, cells: this.cells, label: this.pendingLabel, tries: this.tries,
      thisVReg: this.thisVReg, thisCell: this.thisCell, currentClass: this.currentClass, afterSuper: this.afterSuper,
      asyncState: this.asyncState,
    };
  }

  private restoreState(s: ReturnType<Lowerer["saveState"]>): void {
    this.fn = s.fn; this.block = s.block; this.locals = s.locals; this.loops = s.loops; this.cells = s.cells;
    this.pendingLabel = s.label;
    this.tries = s.tries;
    this.thisVReg = s.thisVReg; this.thisCell = s.thisCell; this.currentClass = s.currentClass; this.afterSuper = s.afterSuper;
    this.asyncState = s.asyncState;
  }

  // ---------------------------------------------------------------- helpers

  private pos(node: ts.Node): SourcePos {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { file: sf.fileName, line: line + 1, column: character + 1 };
  }

  private emit(inst: Inst): void {
    // Code after a return/break is unreachable; it still gets lowered into a fresh block
    // that no one jumps to (and the back end drops).
    this.block.insts.push(inst);
  }

  private temp(info: { smallInt?: boolean; raw?: boolean } = {}): VReg {
    return newVReg(this.fn, info);
  }

  private constant(word: number, smallInt = false): VReg {
    const dst = this.temp({ smallInt });
    this.emit({ op: "const", dst, word: word >>> 0 });
    return dst;
  }

  private symbolAddress(symbol: string): VReg {
    const dst = this.temp({ raw: true });
    this.emit({ op: "symbol", dst, symbol, addend: 0 });
    return dst;
  }

  private call(callee: string, args: VReg[], node: ts.Node, hasResult = true, smallInt = false): VReg {
    const dst = hasResult ? this.temp({ smallInt }) : undefined;
    this.emit({ op: "call", dst, callee, args, pos: this.pos(node) });
    return dst ?? this.constant(UNDEFINED);
  }

  private setTerm(term: Block["term"]): void {
    if (this.block.term.op === "unreachable") this.block.term = term;
  }

  private startBlock(block: Block): void {
    this.block = block;
  }

  private jumpTo(target: Block): void {
    this.setTerm({ op: "jump", target });
  }

  private symbolOf(node: ts.Node): ts.Symbol {
    const s = this.checker.getSymbolAtLocation(node);
    if (!s) fail(node, Codes.UnsupportedSyntax, `cannot resolve '${node.getText()}'`);
    return s;
  }

  private kindOf(node: ts.Expression): ValueKind {
    return valueKind(this.checker, this.typeAt(node));
  }

  /** The type of an expression; without null and undefined once a?.… has tested it. */
  private typeAt(node: ts.Expression): ts.Type {
    const type = this.checker.getTypeAtLocation(node);
    return this.bound.has(node) ? this.checker.getNonNullableType(type) : type;
  }

  /** A type that includes null or undefined, and something else. */
  private isNullable(node: ts.Expression): boolean {
    const type = this.checker.getTypeAtLocation(node);
    return type !== this.checker.getNonNullableType(type) && !(this.checker.getNonNullableType(type).flags & ts.TypeFlags.Never);
  }

  private wordForConstant(c: number | boolean | null | undefined, node: ts.Node): number {
    if (typeof c === "boolean") return c ? TRUE : FALSE;
    if (c === null) return NULL;
    if (c === undefined) return UNDEFINED;
    if (!isSmallIntValue(c)) {
      fail(node, Codes.NumberOutOfRange, `the number ${Object.is(c, -0) ? "-0" : String(c)} is not supported on devices yet`,
        "numbers are integers in the int32 range until doubles arrive");
    }
    return tagInt(c);
  }

  /** An array object in flash whose elements are these symbols' addresses (read-only: the
   *  runtime never writes it; its capacity equals its length). */
  private constantArray(symbols: string[]): string {
    const symbol = `__array${this.data.length}`;
    const elements = `${symbol}<elements>`;
    const bytes = new Uint8Array(ARRAY_SIZE);
    const view = new DataView(bytes.buffer);
    view.setUint32(ARRAY_LENGTH, symbols.length, true);
    view.setUint32(ARRAY_CAPACITY, symbols.length, true);
    this.data.push({
      symbol, bytes, align: 4, module: "constants",
      relocs: [{ offset: 0, symbol: DESCRIPTOR_ARRAY, addend: 0 }, { offset: ARRAY_ELEMENTS, symbol: elements, addend: 0 }],
    });
    this.data.push({
      symbol: elements, bytes: new Uint8Array(Math.max(4, 4 * symbols.length)), align: 4, module: "constants",
      relocs: symbols.map((target, i) => ({ offset: 4 * i, symbol: target, addend: 0 })),
    });
    return symbol;
  }

  /** A number outside the small-integer range, boxed in flash (an IEEE double). */
  private boxedNumberSymbol(n: number): string {
    const key = `#${Object.is(n, -0) ? "-0" : n}`;
    let symbol = this.strings.get(key);
    if (symbol) return symbol;
    symbol = `__num${this.data.length}`;
    this.strings.set(key, symbol);
    const bytes = new Uint8Array(NUMBER_SIZE);
    const view = new DataView(bytes.buffer);
    view.setFloat64(NUMBER_LOW, n, true);
    this.data.push({ symbol, bytes, align: 4, module: "numbers", relocs: [{ offset: 0, symbol: DESCRIPTOR_NUMBER, addend: 0 }] });
    return symbol;
  }

  private stringSymbol(text: string): string {
    let symbol = this.strings.get(text);
    if (symbol) return symbol;
    symbol = `__str${this.strings.size}`;
    this.strings.set(text, symbol);
    const wide = [...text].some((ch) => ch.charCodeAt(0) > 0xff) || /[\ud800-\udfff]/.test(text);
    const unit = wide ? 2 : 1;
    const bytes = new Uint8Array(8 + text.length * unit);
    const view = new DataView(bytes.buffer);
    view.setUint32(STRING_LENGTH, text.length, true);
    for (let i = 0; i < text.length; i++) {
      if (wide) view.setUint16(8 + 2 * i, text.charCodeAt(i), true);
      else bytes[8 + i] = text.charCodeAt(i);
    }
    this.data.push({
      symbol, bytes, align: 4, module: "strings",
      relocs: [{ offset: 0, symbol: wide ? DESCRIPTOR_STRING16 : DESCRIPTOR_STRING8, addend: 0 }],
    });
    return symbol;
  }

  // ---------------------------------------------------------------- statements

  private statement(node: ts.Statement): void {
    switch (node.kind) {
      case ts.SyntaxKind.Block:
        this.body((node as ts.Block).statements);
        return;
      case ts.SyntaxKind.EmptyStatement:
      case ts.SyntaxKind.ClassDeclaration: {
        if (!ts.isSourceFile(node.parent)) fail(node, Codes.UnsupportedSyntax, "classes declared inside functions or blocks are not supported on devices yet");
        // Static fields get their values where the class declaration runs.
        const info = this.classInfo(node as ts.ClassDeclaration);
        for (const m of info.decl.members) {
          if (!ts.isPropertyDeclaration(m) || !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
          const field = this.staticFields.get(this.symbolOf(m.name))!;
          const value = m.initializer ? this.expr(m.initializer) : this.constant(UNDEFINED);
          this.emit({ op: "store", base: this.symbolAddress(field.symbol), offset: 0, src: value, width: 32, pos: this.pos(m) });
        }
        return;
      }
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return;
      case ts.SyntaxKind.VariableStatement:
        for (const d of (node as ts.VariableStatement).declarationList.declarations) this.localDeclaration(d);
        return;
      case ts.SyntaxKind.ExpressionStatement:
        this.expr((node as ts.ExpressionStatement).expression, true);
        return;
      case ts.SyntaxKind.IfStatement: return this.ifStatement(node as ts.IfStatement);
      case ts.SyntaxKind.WhileStatement: return this.whileStatement(node as ts.WhileStatement);
      case ts.SyntaxKind.DoStatement: return this.doStatement(node as ts.DoStatement);
      case ts.SyntaxKind.ForStatement: return this.forStatement(node as ts.ForStatement);
      case ts.SyntaxKind.LabeledStatement: return this.labeled(node as ts.LabeledStatement);
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        return this.breakContinue(node as ts.BreakOrContinueStatement);
      case ts.SyntaxKind.ReturnStatement: {
        const r = node as ts.ReturnStatement;
        let value = r.expression ? this.expr(r.expression) : undefined;
        if (value !== undefined && this.tries.some((t) => t.finallyBlock)) {
          // The value is kept while finally blocks run (they may change the variable).
          const kept = this.temp();
          this.emit({ op: "move", dst: kept, src: value });
          value = kept;
        }
        this.leaveTries(0);
        if (this.asyncState) this.asyncReturn(value ?? this.constant(UNDEFINED), r);
        else this.setTerm({ op: "return", value, pos: this.pos(r) });
        this.startBlock(newBlock(this.fn));
        return;
      }
      case ts.SyntaxKind.SwitchStatement: return this.switchStatement(node as ts.SwitchStatement);
      case ts.SyntaxKind.ThrowStatement: {
        const value = this.expr((node as ts.ThrowStatement).expression);
        this.emit({ op: "call", dst: undefined, callee: THROW, args: [value], pos: this.pos(node) });
        this.setTerm({ op: "unreachable" });
        this.startBlock(newBlock(this.fn));
        return;
      }
      case ts.SyntaxKind.TryStatement: return this.tryStatement(node as ts.TryStatement);
      case ts.SyntaxKind.ForOfStatement: return this.forOfStatement(node as ts.ForOfStatement);
      case ts.SyntaxKind.ForInStatement: return this.forInStatement(node as ts.ForInStatement);
      case ts.SyntaxKind.EnumDeclaration: return; // members are folded where they are used
      case ts.SyntaxKind.FunctionDeclaration:
        // Top-level ones are lowered when called; nested ones were created by body().
        return;
      default:
        fail(node, Codes.UnsupportedSyntax, `${syntaxName(node)} is not supported on devices yet`);
    }
  }

  private localDeclaration(d: ts.VariableDeclaration): void {
    if (isBindingPattern(d.name) && d.initializer) return this.destructuring(d.name, d.initializer, d);
    if (!ts.isIdentifier(d.name)) fail(d.name, Codes.UnsupportedSyntax, "destructuring needs an initializer");
    const sym = this.symbolOf(d.name);
    if (this.isCaptured(sym, d)) {
      const value = d.initializer ? this.expr(d.initializer) : this.constant(UNDEFINED);
      this.bindLocal(sym, value, d);
      return;
    }
    const v = newVReg(this.fn, { name: d.name.text });
    this.locals.set(sym, v);
    const value = d.initializer ? this.expr(d.initializer) : this.constant(UNDEFINED);
    this.emit({ op: "move", dst: v, src: value, pos: this.pos(d) });
  }

  /** const [a, b = 1, ...rest] = array; const { a, b: c, d = 1 } = object. */
  private destructuring(pattern: ts.BindingPattern, initializer: ts.Expression, node: ts.Node): void {
    const source = this.temp();
    this.emit({ op: "move", dst: source, src: this.expr(initializer) });
    this.destructure(pattern, source, node);
  }

  /** What for…of and spread iterate for a Map or a Set (entries, values) or their keys(),
   *  values() and entries(): the runtime gives arrays. Undefined for anything else. */
  private iterableArray(node: ts.Expression): (() => VReg) | undefined {
    const inner = skipParens(node);
    if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression)
      && ["keys", "values", "entries"].includes(inner.expression.name.text)) {
      const cls = this.instanceClass(inner.expression.expression);
      if (cls && ["Map", "Set"].includes(cls.name?.text ?? "") && cls.getSourceFile().fileName.startsWith(RT_DIR)) return () => this.expr(inner);
      // array.keys(), .values(), .entries(): the indices, the elements, [index, element] pairs.
      if (this.kindOf(inner.expression.expression) === "array" && inner.arguments.length === 0) {
        const which = inner.expression.name.text;
        const array = inner.expression.expression;
        return () => this.call(this.runtime("arrayIterated"), [this.expr(array), this.constant(tagInt(which === "keys" ? 0 : which === "values" ? 1 : 2), true)], inner);
      }
    }
    const cls = this.instanceClass(inner);
    if (cls && ["Map", "Set"].includes(cls.name?.text ?? "") && cls.getSourceFile().fileName.startsWith(RT_DIR)) {
      const info = this.classInfo(cls);
      const method = info.name === "Map" ? "entries" : "values";
      return () => this.methodCall(this.expr(inner), info.slots.get(method)!, [], node);
    }
    return undefined;
  }

  /**
   * The elements of an array, or the properties of a plain object, (in `source`) into the
   * pattern's variables: a missing element or property is undefined, and a default applies
   * when the value is undefined.
   */
  private destructure(pattern: ts.BindingPattern, source: VReg, node: ts.Node): void {
    const kind = valueKind(this.checker, this.checker.getTypeAtLocation(pattern));
    const wanted = ts.isArrayBindingPattern(pattern) ? "array" : "object";
    if (kind !== wanted) {
      fail(pattern, Codes.UnsupportedSyntax, `destructuring a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(pattern))}' is not supported on devices yet`);
    }
    pattern.elements.forEach((element, i) => {
      if (ts.isOmittedExpression(element)) return;
      if (!ts.isIdentifier(element.name)) fail(element, Codes.UnsupportedSyntax, "nested destructuring is not supported on devices yet");
      let value: VReg;
      if (element.dotDotDotToken) {
        if (ts.isObjectBindingPattern(pattern)) fail(element, Codes.UnsupportedSyntax, "a rest property in object destructuring is not supported on devices yet");
        value = this.call(this.runtime("arraySlice"), [source, this.constant(tagInt(i), true), this.constant(UNDEFINED)], element);
      } else {
        if (ts.isArrayBindingPattern(pattern)) {
          value = this.temp();
          this.emit({ op: "elem-get", dst: value, array: source, index: this.constant(tagInt(i), true), pos: this.pos(element) });
        } else {
          const key = element.propertyName ?? element.name;
          if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) fail(key, Codes.UnsupportedSyntax, "computed and numeric keys in object destructuring are not supported on devices yet");
          value = this.call(this.runtime("objGet"), [source, this.stringLiteral(key.text)], element);
        }
        if (element.initializer) value = this.defaultWhenUndefined(value, element.initializer, element);
      }
      this.bindLocal(this.symbolOf(element.name), value, node);
    });
  }

  /** `value`, or `fallback` evaluated when value is undefined. */
  private defaultWhenUndefined(value: VReg, fallback: ts.Expression, node: ts.Node): VReg {
    return this.choose(
      (missing, given) => this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: value, b: this.constant(UNDEFINED), then: missing, else: given, pos: this.pos(node) }),
      () => this.expr(fallback), () => value);
  }

  private ifStatement(node: ts.IfStatement): void {
    // A constant condition (a board fact, a build flavour) keeps only the branch it takes:
    // the other is never lowered, so nothing it calls is linked.
    const c = constantValue(node.expression, this.checker);
    if (typeof c === "boolean") {
      const taken = c ? node.thenStatement : node.elseStatement;
      if (taken) this.statement(taken);
      return;
    }
    const thenB = newBlock(this.fn), elseB = newBlock(this.fn), join = newBlock(this.fn);
    this.condition(node.expression, thenB, node.elseStatement ? elseB : join);
    this.startBlock(thenB);
    this.statement(node.thenStatement);
    this.jumpTo(join);
    if (node.elseStatement) {
      this.startBlock(elseB);
      this.statement(node.elseStatement);
      this.jumpTo(join);
    } else {
      elseB.term = { op: "jump", target: join };
    }
    this.startBlock(join);
  }

  /**
   * try/catch/finally. The try block runs under a handler record; leaving it normally takes
   * the record off and runs finally. A throw lands in the handler with the value: catch runs
   * (itself under a record when there is a finally, so that a throw from catch still runs
   * finally and goes on), then finally. return, break and continue out of a try leave through
   * every finally on the way (leaveTries).
   */
  private tryStatement(node: ts.TryStatement): void {
    const after = newBlock(this.fn);
    const finallyBlock = node.finallyBlock;
    const guarded = (statements: () => void, onThrow: (value: VReg) => void) => {
      const record = this.fn.tryRecords = (this.fn.tryRecords ?? 0) + 1;
      const body = newBlock(this.fn), handler = newBlock(this.fn);
      this.setTerm({ op: "try", record: record - 1, body, handler, pos: this.pos(node) });
      this.startBlock(body);
      this.tries.push({ record: record - 1, finallyBlock });
      statements();
      this.tries.pop();
      this.emit({ op: "try-exit", record: record - 1 });
      if (finallyBlock) this.statement(finallyBlock);
      this.jumpTo(after);
      this.startBlock(handler);
      const value = this.temp();
      this.emit({ op: "catch-value", dst: value });
      onThrow(value);
    };
    const rethrow = (value: VReg) => {
      this.emit({ op: "call", dst: undefined, callee: RETHROW, args: [value], pos: this.pos(node) });
      this.setTerm({ op: "unreachable" });
    };
    guarded(() => this.statement(node.tryBlock), (value) => {
      const clause = node.catchClause;
      if (!clause) {
        this.statement(finallyBlock!);
        rethrow(value);
        return;
      }
      const bind = () => {
        const variable = clause.variableDeclaration;
        if (variable) {
          if (!ts.isIdentifier(variable.name)) fail(variable, Codes.UnsupportedSyntax, "destructuring a caught value is not supported on devices yet");
          this.bindLocal(this.symbolOf(variable.name), value, variable);
        }
        this.statement(clause.block);
      };
      if (!finallyBlock) {
        bind();
        this.jumpTo(after);
        return;
      }
      guarded(bind, (again) => {
        this.statement(finallyBlock);
        rethrow(again);
      });
    });
    this.startBlock(after);
  }

  /** Leaving try blocks down to `depth` (innermost first): each record comes off the chain
   *  and each finally block runs, outside its own try. */
  private leaveTries(depth: number): void {
    const saved = this.tries;
    for (let i = saved.length - 1; i >= depth; i--) {
      const t = saved[i];
      this.emit({ op: "try-exit", record: t.record });
      if (t.finallyBlock) {
        this.tries = saved.slice(0, i);
        this.statement(t.finallyBlock);
      }
    }
    this.tries = saved;
  }

  private pendingLabel: string | undefined;

  private takeLabel(): string | undefined {
    const l = this.pendingLabel;
    this.pendingLabel = undefined;
    return l;
  }

  // Loops are inverted: the condition is tested once before the loop and again at the
  // bottom, so each iteration ends in one conditional branch instead of a branch back to a
  // test at the top.
  private whileStatement(node: ts.WhileStatement): void {
    const label = this.takeLabel();
    const body = newBlock(this.fn), test = newBlock(this.fn), exit = newBlock(this.fn);
    this.condition(node.expression, body, exit);
    this.startBlock(body);
    this.loops.push({ breakTo: exit, continueTo: test, label, tryDepth: this.tries.length });
    this.statement(node.statement);
    this.loops.pop();
    this.jumpTo(test);
    this.startBlock(test);
    this.condition(node.expression, body, exit);
    this.startBlock(exit);
  }

  private doStatement(node: ts.DoStatement): void {
    const label = this.takeLabel();
    const body = newBlock(this.fn), test = newBlock(this.fn), exit = newBlock(this.fn);
    this.jumpTo(body);
    this.startBlock(body);
    this.loops.push({ breakTo: exit, continueTo: test, label, tryDepth: this.tries.length });
    this.statement(node.statement);
    this.loops.pop();
    this.jumpTo(test);
    this.startBlock(test);
    this.condition(node.expression, body, exit);
    this.startBlock(exit);
  }

  /** for (const x of xs) over an array, a typed array or a string (by code units where no
   *  surrogate pairs occur: a pair is one iteration in JavaScript, which is checked). Arrays
   *  are iterated by index against the current length, as the array iterator does. */
  private forOfStatement(node: ts.ForOfStatement): void {
    if (node.awaitModifier) fail(node, Codes.UnsupportedSyntax, "'for await' is not supported on devices yet");
    let kind = this.kindOf(node.expression);
    const iterated = this.iterableArray(node.expression);
    if (iterated) kind = "array";
    if (kind !== "array" && kind !== "typed" && kind !== "string") {
      fail(node.expression, Codes.UnsupportedSyntax, `iterating a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node.expression))}' is not supported on devices yet`);
    }
    this.loopOver(node, kind, iterated !== undefined, () => (iterated ? iterated() : this.expr(node.expression)));
  }

  /** for (const key in object): the keys Object.keys gives (a plain object's, an array's
   *  indices), in a loop like for…of over them. */
  private forInStatement(node: ts.ForInStatement): void {
    const kind = this.kindOf(node.expression);
    if ((kind !== "object" && kind !== "array") || this.instanceClass(node.expression) !== undefined) {
      fail(node.expression, Codes.UnsupportedSyntax, `for…in over a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node.expression))}' is not supported on devices yet`);
    }
    this.loopOver(node, "array", true, () => this.call(this.runtime("objKeys"), [this.expr(node.expression)], node.expression));
  }

  /** The loop of for…of and for…in over an array, typed array or string made by `collectionOf`
   *  (`fresh`: an array nothing else holds, read without the checks of a user's array). */
  private loopOver(node: ts.ForOfStatement | ts.ForInStatement, kind: ValueKind, fresh: boolean, collectionOf: () => VReg): void {
    const label = this.takeLabel();
    const init = node.initializer;
    if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1
      || !(ts.isIdentifier(init.declarations[0].name) || isBindingPattern(init.declarations[0].name))) {
      fail(init, Codes.UnsupportedSyntax, `${ts.isForInStatement(node) ? "for…in" : "for…of"} declares one variable or a destructuring pattern on devices`);
    }
    const declaration = init.declarations[0];
    const collection = this.temp();
    this.emit({ op: "move", dst: collection, src: collectionOf() });
    const index = newVReg(this.fn, { name: "<index>" });
    this.emit({ op: "move", dst: index, src: this.constant(tagInt(0), true) });
    const test = newBlock(this.fn), body = newBlock(this.fn), update = newBlock(this.fn), exit = newBlock(this.fn);
    this.jumpTo(test);
    this.startBlock(test);
    const lengthRaw = this.temp({ raw: true });
    const lengthOffset = kind === "array" ? ARRAY_LENGTH : kind === "typed" ? TYPED_LENGTH : STRING_LENGTH;
    this.emit({ op: "load", dst: lengthRaw, base: collection, offset: lengthOffset, width: 32 });
    const length = this.temp({ smallInt: true });
    this.emit({ op: "tag", dst: length, src: lengthRaw, max: SMALL_INT_MAX });
    this.setTerm({ op: "branch", kind: "cmp", cmp: "lt", numeric: true, a: index, b: length, then: body, else: exit, pos: this.pos(node) });
    this.startBlock(body);
    const element = this.temp();
    if (kind === "string") {
      this.emit({ op: "call", dst: element, callee: this.runtime("strCodePointAt"), args: [collection, index], pos: this.pos(node) });
    } else if (fresh) {
      this.emit({ op: "elem-get", dst: element, array: collection, index, pos: this.pos(node) });
    } else {
      this.elementGetInto(element, node.expression, collection, index, node);
    }
    if (isBindingPattern(declaration.name)) this.destructure(declaration.name, element, declaration);
    else this.bindLocal(this.symbolOf(declaration.name), element, declaration);
    this.loops.push({ breakTo: exit, continueTo: update, label, tryDepth: this.tries.length });
    this.statement(node.statement);
    this.loops.pop();
    this.jumpTo(update);
    this.startBlock(update);
    const step = kind === "string" ? this.call(this.runtime("strLength"), [element], node, true, true) : this.constant(tagInt(1), true);
    const next = this.temp({ smallInt: true });
    this.emit({ op: "num", kind: "add", dst: next, a: index, b: step, pos: this.pos(node) });
    this.emit({ op: "move", dst: index, src: next });
    this.jumpTo(test);
    this.startBlock(exit);
  }

  private forStatement(node: ts.ForStatement): void {
    const label = this.takeLabel();
    if (node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) {
        for (const d of node.initializer.declarations) this.localDeclaration(d);
      } else {
        this.expr(node.initializer, true);
      }
    }
    const body = newBlock(this.fn), update = newBlock(this.fn), exit = newBlock(this.fn);
    if (node.condition) this.condition(node.condition, body, exit);
    else this.jumpTo(body);
    this.startBlock(body);
    this.loops.push({ breakTo: exit, continueTo: update, label, tryDepth: this.tries.length });
    this.statement(node.statement);
    this.loops.pop();
    this.jumpTo(update);
    this.startBlock(update);
    // Each iteration has its own binding of the loop's let variables (§14.7.4.4,
    // CreatePerIterationEnvironment): a captured one moves to a fresh cell holding its value.
    if (node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const d of node.initializer.declarations) {
        const cell = ts.isIdentifier(d.name) ? this.cells.get(this.symbolOf(d.name)) : undefined;
        if (cell === undefined) continue;
        const value = this.temp();
        this.emit({ op: "load", dst: value, base: cell, offset: CELL_VALUE, width: 32 });
        this.emit({ op: "move", dst: cell, src: this.call(this.runtime("cellNew"), [value], d) });
      }
    }
    if (node.incrementor) this.expr(node.incrementor, true);
    if (node.condition) this.condition(node.condition, body, exit);
    else this.jumpTo(body);
    this.startBlock(exit);
  }

  private labeled(node: ts.LabeledStatement): void {
    const inner = node.statement;
    if (ts.isIterationStatement(inner, false)) {
      this.pendingLabel = node.label.text;
      this.statement(inner);
      return;
    }
    const exit = newBlock(this.fn);
    this.loops.push({ breakTo: exit, label: node.label.text, tryDepth: this.tries.length });
    this.statement(inner);
    this.loops.pop();
    this.jumpTo(exit);
    this.startBlock(exit);
  }

  private breakContinue(node: ts.BreakOrContinueStatement): void {
    const isBreak = node.kind === ts.SyntaxKind.BreakStatement;
    const label = node.label?.text;
    for (let i = this.loops.length - 1; i >= 0; i--) {
      const l = this.loops[i];
      if (label !== undefined ? l.label === label : (isBreak || l.continueTo)) {
        const target = isBreak ? l.breakTo : l.continueTo;
        if (!target) continue;
        this.leaveTries(l.tryDepth ?? 0);
        this.jumpTo(target);
        this.startBlock(newBlock(this.fn));
        return;
      }
    }
    fail(node, Codes.UnsupportedSyntax, `no enclosing target for '${node.getText()}'`);
  }

  private switchStatement(node: ts.SwitchStatement): void {
    const label = this.takeLabel();
    const value = this.expr(node.expression);
    const exit = newBlock(this.fn);
    const clauses = node.caseBlock.clauses;
    const bodies = clauses.map(() => newBlock(this.fn));
    let defaultBody: Block = exit;
    // Tests in source order, then the default; bodies fall through in source order.
    clauses.forEach((clause, i) => {
      if (ts.isDefaultClause(clause)) { defaultBody = bodies[i]; return; }
      const next = newBlock(this.fn);
      const caseValue = this.expr(clause.expression);
      this.equalityBranch(value, caseValue, node.expression, clause.expression, bodies[i], next, clause);
      this.startBlock(next);
    });
    this.jumpTo(defaultBody);
    this.loops.push({ breakTo: exit, label, tryDepth: this.tries.length });
    clauses.forEach((clause, i) => {
      this.startBlock(bodies[i]);
      for (const s of clause.statements) this.statement(s);
      this.jumpTo(i + 1 < bodies.length ? bodies[i + 1] : exit);
    });
    this.loops.pop();
    this.startBlock(exit);
  }

  // ---------------------------------------------------------------- conditions

  /** Lowers a condition straight into branches (no boolean is materialised). */
  private condition(node: ts.Expression, ifTrue: Block, ifFalse: Block): void {
    node = skipParens(node);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      return this.condition(node.operand, ifFalse, ifTrue);
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
        const mid = newBlock(this.fn);
        this.condition(node.left, mid, ifFalse);
        this.startBlock(mid);
        return this.condition(node.right, ifTrue, ifFalse);
      }
      if (op === ts.SyntaxKind.BarBarToken) {
        const mid = newBlock(this.fn);
        this.condition(node.left, ifTrue, mid);
        this.startBlock(mid);
        return this.condition(node.right, ifTrue, ifFalse);
      }
      const cmp = comparisonOp(op);
      if (cmp) {
        const [a, b] = this.exprList([node.left, node.right]);
        if (cmp.equality) {
          const [t, f] = cmp.op === "eq" ? [ifTrue, ifFalse] : [ifFalse, ifTrue];
          return this.equalityBranch(a, b, node.left, node.right, t, f, node, cmp.loose);
        }
        if (this.kindOf(node.left) === "string" && this.kindOf(node.right) === "string") {
          // Strings order by UTF-16 code units: compare the -1/0/1 of strCompare with 0.
          const order = this.call(this.runtime("strCompare"), [a, b], node, true, true);
          this.setTerm({ op: "branch", kind: "cmp", cmp: cmp.op, numeric: true, a: order, b: this.constant(tagInt(0), true), then: ifTrue, else: ifFalse, pos: this.pos(node) });
          return;
        }
        this.numberOperands(node, node.left, node.right);
        this.setTerm({ op: "branch", kind: "cmp", cmp: cmp.op, numeric: true, a, b, then: ifTrue, else: ifFalse, pos: this.pos(node) });
        return;
      }
    }
    const value = this.expr(node);
    this.truthyBranch(value, this.truthiness(node), ifTrue, ifFalse, node);
  }

  private truthyBranch(value: VReg, test: Truthiness, ifTrue: Block, ifFalse: Block, node: ts.Node): void {
    if (test === "any") {
      const b = this.call(this.runtime("truthy"), [value], node);
      this.setTerm({ op: "branch", kind: "truthy", test: "boolean", value: b, then: ifTrue, else: ifFalse, pos: this.pos(node) });
      return;
    }
    this.setTerm({ op: "branch", kind: "truthy", test, value, then: ifTrue, else: ifFalse, pos: this.pos(node) });
  }

  private truthiness(node: ts.Expression): Truthiness {
    const kind = this.kindOf(node);
    switch (kind) {
      case "boolean": return "boolean";
      case "number": return this.isMaybeHole(node) ? "any" : "number";
      case "string": return "string";
      case "nullish": case "void": return "nullish";
      case "array": case "typed": case "object": return "object";
      default: return "any";
    }
  }

  /** Array element reads can be holes (undefined) whatever the element type says. */
  private isMaybeHole(node: ts.Expression): boolean {
    return ts.isElementAccessExpression(skipParens(node));
  }

  private equalityBranch(a: VReg, b: VReg, left: ts.Expression, right: ts.Expression, ifEqual: Block, ifNot: Block, node: ts.Node, loose = false): void {
    const ka = this.kindOf(left), kb = this.kindOf(right);
    const pos = this.pos(node);
    if (loose && (ka === "nullish" || kb === "nullish")) {
      // x == null: true for undefined and null alike.
      const other = ka === "nullish" ? a : b;
      const second = newBlock(this.fn);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: other, b: this.constant(UNDEFINED), then: ifEqual, else: second, pos });
      this.startBlock(second);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: other, b: this.constant(NULL), then: ifEqual, else: ifNot, pos });
      return;
    }
    if (loose && ka !== kb) fail(node, Codes.UnsupportedOperator, "'==' between values of different types is not supported on devices", "use '===' or convert explicitly");
    if (ka === "number" && kb === "number") {
      // Equal numbers can be different words (a boxed number is not shared), except that a
      // small integer is never boxed: against one, comparing words is exact.
      // With doubles, 0 is the exception: -0 (boxed) === 0.
      const small = (e: ts.Expression) => { const c = constantValue(e, this.checker); return typeof c === "number" && isSmallIntValue(c) && !(this.doubles && c === 0); };
      const numeric = !(small(left) || small(right));
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric, a, b, then: ifEqual, else: ifNot, pos });
      return;
    }
    if (this.needsDeepEquality(ka, kb, left, right)) {
      const r = this.call(this.runtime("strictEquals"), [a, b], node);
      this.setTerm({ op: "branch", kind: "truthy", test: "boolean", value: r, then: ifEqual, else: ifNot, pos });
      return;
    }
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a, b, then: ifEqual, else: ifNot, pos });
  }

  /** Strings compare by content; everything else in this language step by identity (numbers
   *  are small integers, so equal numbers are equal words). */
  private needsDeepEquality(ka: ValueKind, kb: ValueKind, left: ts.Expression, right: ts.Expression): boolean {
    if (ka === "string" || kb === "string" || ka === "any" || kb === "any") {
      // A literal that is not a string is compared by identity with anything.
      const literal = (e: ts.Expression) => {
        const c = constantValue(e, this.checker);
        return isNullishLiteral(e) || (c !== undefined && typeof c !== "string");
      };
      return !(literal(left) || literal(right));
    }
    return false;
  }

  /** Operators that need numbers get numbers: JavaScript would convert a string or a boolean
   *  (NaN, 1, …), which this language step does not do, so such a use is an error here. The
   *  back end checks the representation (small or boxed) where ranges do not prove it. */
  private numberOperands(node: ts.Node, ...operands: ts.Expression[]): void {
    for (const operand of operands) {
      const kind = this.kindOf(operand);
      if (kind === "number") continue;
      const type = this.checker.typeToString(this.checker.getTypeAtLocation(operand));
      const what = ts.isBinaryExpression(node) ? `operator '${ts.tokenToString(node.operatorToken.kind)}'`
        : ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node) ? `operator '${ts.tokenToString(node.operator)}'` : "an index";
      fail(operand, Codes.UnsupportedOperator, `${what} on a value of type '${type}' is not supported on devices yet`,
        "devices compute only with numbers here; convert explicitly");
    }
  }

  /** Operands of intrinsics (addresses, raw words) must be small integers. */
  private requireSmall(node: ts.Node, ...values: VReg[]): void {
    for (const v of values) this.emit({ op: "check-int", src: v, pos: this.pos(node) });
  }

  // ---------------------------------------------------------------- expressions

  /** Lowers an expression to a register holding its value. `discard`: the value is unused. */
  expr(node: ts.Expression, discard = false): VReg {
    const bound = this.bound.get(node);
    if (bound !== undefined) return bound;
    const c = constantValue(node, this.checker);
    if (c !== undefined) {
      if (typeof c === "string") return this.stringLiteral(c);
      if (typeof c === "number" && this.isBoxedConstant(c)) {
        const dst = this.temp();
        this.emit({ op: "symbol", dst, symbol: this.boxedNumberSymbol(c), addend: 0 });
        return dst;
      }
      return this.constant(this.wordForConstant(c, node), typeof c === "number");
    }
    switch (node.kind) {
      case ts.SyntaxKind.ParenthesizedExpression: return this.expr((node as ts.ParenthesizedExpression).expression, discard);
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
        return this.expr((node as ts.AsExpression).expression, discard);
      case ts.SyntaxKind.Identifier: return this.identifier(node as ts.Identifier);
      case ts.SyntaxKind.BinaryExpression: return this.binary(node as ts.BinaryExpression, discard);
      case ts.SyntaxKind.PrefixUnaryExpression: return this.prefix(node as ts.PrefixUnaryExpression, discard);
      case ts.SyntaxKind.PostfixUnaryExpression: return this.postfix(node as ts.PostfixUnaryExpression, discard);
      case ts.SyntaxKind.ConditionalExpression: return this.conditional(node as ts.ConditionalExpression);
      case ts.SyntaxKind.CallExpression: return this.callExpression(node as ts.CallExpression, discard);
      case ts.SyntaxKind.NewExpression: return this.newExpression(node as ts.NewExpression);
      case ts.SyntaxKind.ThisKeyword: return this.thisValue(node);
      case ts.SyntaxKind.ArrayLiteralExpression: return this.arrayLiteral(node as ts.ArrayLiteralExpression);
      case ts.SyntaxKind.ObjectLiteralExpression: return this.objectLiteral(node as ts.ObjectLiteralExpression);
      case ts.SyntaxKind.ElementAccessExpression: return this.elementGet(node as ts.ElementAccessExpression);
      case ts.SyntaxKind.PropertyAccessExpression: return this.propertyGet(node as ts.PropertyAccessExpression);
      case ts.SyntaxKind.TemplateExpression: return this.template(node as ts.TemplateExpression);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return this.closure(node as ts.ArrowFunction | ts.FunctionExpression);
      case ts.SyntaxKind.VoidExpression:
        this.expr((node as ts.VoidExpression).expression, true);
        return this.constant(UNDEFINED);
      case ts.SyntaxKind.AwaitExpression: return this.awaitExpression(node as ts.AwaitExpression);
      case ts.SyntaxKind.TypeOfExpression: return this.typeOf(node as ts.TypeOfExpression);
      default:
        return fail(node, Codes.UnsupportedSyntax, `${syntaxName(node)} is not supported on devices yet`);
    }
  }

  /** `typeof x`: from the static type when that decides it, else asked of the value. */
  private typeOf(node: ts.TypeOfExpression): VReg {
    const kind = this.kindOf(node.expression);
    const known = kind === "number" || kind === "string" || kind === "boolean" ? kind
      : kind === "array" || kind === "typed" ? "object" : kind === "void" ? "undefined" : undefined;
    if (known !== undefined) {
      this.expr(node.expression, true);
      return this.stringLiteral(known);
    }
    return this.call(this.runtime("typeOf"), [this.expr(node.expression)], node);
  }

  /** Evaluates expressions left to right. A variable's value is copied when an expression
   *  after it may assign to it (`f(i, i++)` passes the old value first). */
  private exprList(nodes: readonly ts.Expression[], evaluatedAfter: readonly ts.Expression[] = []): VReg[] {
    return nodes.map((node, i) => {
      const v = this.expr(node);
      if (this.fn.vregs[v].name !== undefined && [...nodes.slice(i + 1), ...evaluatedAfter].some(mayAssign)) {
        const copy = this.temp();
        this.emit({ op: "move", dst: copy, src: v });
        return copy;
      }
      return v;
    });
  }

  private stringLiteral(text: string): VReg {
    const dst = this.temp();
    this.emit({ op: "symbol", dst, symbol: this.stringSymbol(text), addend: 0 });
    return dst;
  }

  private identifier(node: ts.Identifier, symbol?: ts.Symbol): VReg {
    if (!symbol && node.text === "undefined" && !this.locals.has(this.symbolOf(node))) return this.constant(UNDEFINED);
    const sym = this.resolveAlias(symbol ?? this.symbolOf(node));
    const local = this.locals.get(sym);
    if (local !== undefined) return local;
    const cell = this.cells.get(sym);
    if (cell !== undefined) {
      const dst = this.temp();
      this.emit({ op: "load", dst, base: cell, offset: CELL_VALUE, width: 32, pos: this.pos(node) });
      return dst;
    }
    const global = this.globalSymbols.get(sym);
    if (global) {
      const addr = this.symbolAddress(global);
      const dst = this.temp();
      this.emit({ op: "load", dst, base: addr, offset: 0, width: 32, pos: this.pos(node) });
      this.deadZoneCheck(global, dst, node);
      return dst;
    }
    const decl = sym.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && this.isFoldableConst(decl)) {
      // A folded constant reached without expr() (a shorthand property).
      return this.expr(decl.initializer);
    }
    if (decl?.getSourceFile().isDeclarationFile) {
      fail(node, Codes.UnsupportedSyntax, `the global '${node.text}' is not supported on devices yet`);
    }
    if (decl && ts.isVariableDeclaration(decl) && ts.isSourceFile(decl.parent.parent.parent)) {
      // A module-level variable of a module not declared yet (used before its module's
      // declarations were lowered): declare it now.
      this.declareGlobal(decl, this.moduleInfo(decl.getSourceFile()));
      if (this.globalSymbols.has(sym)) return this.identifier(node);
    }
    const big = constantNumber(node, this.checker);
    if (big !== undefined) {
      if (this.isBoxedConstant(big)) {
        const dst = this.temp();
        this.emit({ op: "symbol", dst, symbol: this.boxedNumberSymbol(big), addend: 0 });
        return dst;
      }
      this.wordForConstant(big, node);
    }
    if (decl && ts.isFunctionDeclaration(decl) && ts.isSourceFile(decl.parent)) return this.functionValue(decl, node);
    return fail(node, Codes.UnsupportedSyntax, `'${node.text}' is not supported on devices`);
  }

  /** ReferenceError when a function touches a module variable before its declaration ran. */
  private deadZoneCheck(global: string, value: VReg, node: ts.Node): void {
    if (!this.deadZoneGlobals.has(global) || this.fn.symbol.endsWith(".<init>")) return;
    this.emit({ op: "check-initialized", src: value, pos: this.pos(node) });
  }

  private resolveAlias(sym: ts.Symbol): ts.Symbol {
    return sym.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(sym) : sym;
  }

  /** Where an assignment to `target` goes. */
  private assign(target: ts.Expression, value: VReg, node: ts.Node): void {
    target = skipParens(target);
    if (ts.isIdentifier(target)) {
      const sym = this.resolveAlias(this.symbolOf(target));
      const local = this.locals.get(sym);
      if (local !== undefined) {
        this.emit({ op: "move", dst: local, src: value, pos: this.pos(node) });
        return;
      }
      const cell = this.cells.get(sym);
      if (cell !== undefined) {
        this.emit({ op: "store", base: cell, offset: CELL_VALUE, src: value, width: 32, pos: this.pos(node) });
        return;
      }
      if (!this.globalSymbols.has(sym)) this.identifier(target);
      const global = this.globalSymbols.get(sym);
      if (global) {
        const addr = this.symbolAddress(global);
        if (this.deadZoneGlobals.has(global) && !this.fn.symbol.endsWith(".<init>")) {
          const old = this.temp();
          this.emit({ op: "load", dst: old, base: addr, offset: 0, width: 32, pos: this.pos(node) });
          this.deadZoneCheck(global, old, target);
        }
        this.emit({ op: "store", base: addr, offset: 0, src: value, width: 32, pos: this.pos(node) });
        return;
      }
    }
    if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) !== "object") {
      const array = this.arrayOperand(target.expression);
      const index = this.expr(target.argumentExpression);
      this.numberOperands(target.argumentExpression, target.argumentExpression);
      this.elementSet(target.expression, array, index, value, node);
      return;
    }
    if (ts.isPropertyAccessExpression(target)) {
      const member = this.classMember(target);
      if (member?.kind === "field") {
        const object = this.expr(target.expression);
        this.emit({ op: "store", base: object, offset: this.fieldOffset(member.info, member.name), src: value, width: 32, pos: this.pos(node) });
        return;
      }
      if (member?.kind === "static-field") {
        this.emit({ op: "store", base: this.symbolAddress(member.symbol), offset: 0, src: value, width: 32, pos: this.pos(node) });
        return;
      }
      if (member?.kind === "accessor") {
        const slot = member.info.slots.get(`set ${member.name}`);
        if (slot === undefined) fail(target, Codes.UnsupportedSyntax, `'${member.name}' has no setter`);
        this.methodCall(this.expr(target.expression), slot, [value], node);
        return;
      }
      if (!member && this.kindOf(target.expression) === "object") {
        this.call(this.runtime("objSet"), [this.expr(target.expression), this.stringLiteral(target.name.text), value], node, false);
        return;
      }
    }
    if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) === "object") {
      const [object, key] = this.exprList([target.expression, target.argumentExpression]);
      this.call(this.runtime("objSet"), [object, key, value], node, false);
      return;
    }
    fail(target, Codes.UnsupportedSyntax, `assignment to ${syntaxName(target)} is not supported on devices yet`);
  }

  /** a ??= b, a ||= b, a &&= b: b is evaluated and assigned only when a is nullish, falsy,
   *  truthy. The target is a variable, or a property or element of one (read, then written
   *  through the same path: so nothing in it may have effects). */
  private logicalAssignment(node: ts.BinaryExpression, op: ts.SyntaxKind): VReg {
    const target = skipParens(node.left);
    const plain = (e: ts.Expression): boolean => ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword || ts.isLiteralExpression(e)
      || (ts.isPropertyAccessExpression(e) && plain(e.expression)) || (ts.isElementAccessExpression(e) && plain(e.expression) && plain(e.argumentExpression));
    if (!plain(target)) {
      fail(target, Codes.UnsupportedSyntax, `'${ts.tokenToString(op)}' on a target that calls or computes is not supported on devices yet`, "assign it to a variable first");
    }
    const kind = op === ts.SyntaxKind.QuestionQuestionEqualsToken ? "??" : op === ts.SyntaxKind.AmpersandAmpersandEqualsToken ? "&&" : "||";
    return this.shortCircuit(this.expr(target), target, kind, node, () => {
      const value = this.expr(node.right);
      if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) !== "object") {
        this.requireArray(target.expression);
        const [array, index] = this.exprList([target.expression, target.argumentExpression]);
        this.elementSet(target.expression, array, index, value, node);
      } else {
        this.assign(target, value, node);
      }
      return value;
    });
  }

  private binary(node: ts.BinaryExpression, discard: boolean): VReg {
    const op = node.operatorToken.kind;
    const isArrayElement = (e: ts.Expression) => ts.isElementAccessExpression(e) && this.kindOf(e.expression) !== "object";
    if (op === ts.SyntaxKind.EqualsToken) {
      if (isArrayElement(skipParens(node.left))) {
        // Evaluate the target's object and index before the value, as JS does.
        const target = skipParens(node.left) as ts.ElementAccessExpression;
        this.requireArray(target.expression);
        const [array, index, value] = this.exprList([target.expression, target.argumentExpression, node.right]);
        this.elementSet(target.expression, array, index, value, node);
        return value;
      }
      const value = this.expr(node.right);
      const pattern = skipParens(node.left);
      if (ts.isArrayLiteralExpression(pattern)) {
        // [a, b] = [b, a]: the right side first, then each target in order gets its element.
        if (this.kindOf(node.right) !== "array") fail(node.right, Codes.UnsupportedSyntax, "destructuring assignment from this value is not supported on devices yet");
        pattern.elements.forEach((element, i) => {
          if (ts.isOmittedExpression(element)) return;
          if (ts.isSpreadElement(element) || ts.isBinaryExpression(element) || ts.isArrayLiteralExpression(element) || ts.isObjectLiteralExpression(element)) {
            fail(element, Codes.UnsupportedSyntax, "defaults, rest and nesting in destructuring assignments are not supported on devices yet");
          }
          const item = this.temp();
          this.emit({ op: "elem-get", dst: item, array: value, index: this.constant(tagInt(i), true), pos: this.pos(element) });
          this.assign(element, item, element);
        });
        return value;
      }
      this.assign(node.left, value, node);
      return value;
    }
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken) {
      return this.logicalAssignment(node, op);
    }
    const compound = compoundOperator(op);
    if (compound !== undefined) {
      const left = skipParens(node.left);
      if (ts.isElementAccessExpression(left) && isArrayElement(left)) {
        this.requireArray(left.expression);
        const [array, index] = this.exprList([left.expression, left.argumentExpression], [node.right]);
        const old = this.temp();
        this.elementGetInto(old, left.expression, array, index, left);
        const right = this.expr(node.right);
        const result = this.arithmetic(compound, old, right, left, node.right, node);
        this.elementSet(left.expression, array, index, result, node);
        return result;
      }
      const old = this.expr(node.left);
      const right = this.expr(node.right);
      const result = this.arithmetic(compound, old, right, node.left, node.right, node);
      this.assign(node.left, result, node);
      return result;
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      return this.logicalValue(node, op);
    }
    if (op === ts.SyntaxKind.CommaToken) {
      this.expr(node.left, true);
      return this.expr(node.right, discard);
    }
    const cmp = comparisonOp(op);
    if (cmp) return this.materialize((t, f) => this.condition(node, t, f));
    if (op === ts.SyntaxKind.InKeyword && this.kindOf(node.right) === "object" && this.kindOf(node.left) === "string") {
      const [key, object] = this.exprList([node.left, node.right]);
      return this.call(this.runtime("objHas"), [object, key], node);
    }
    if (op === ts.SyntaxKind.InstanceOfKeyword) {
      const decl = this.classDeclarationOf(node.right);
      if (!decl) fail(node.right, Codes.UnsupportedOperator, "instanceof works on devices with classes of the program");
      const value = this.expr(node.left);
      const descriptor = this.symbolAddress(this.classInfo(decl).descriptor);
      const descriptorNumber = this.temp({ smallInt: true });
      this.emit({ op: "addr-of", dst: descriptorNumber, src: descriptor });
      return this.call(this.runtime("instanceOf"), [value, descriptorNumber], node);
    }
    const masked = this.maskedPeek(node);
    if (masked !== undefined) return masked;
    const division = truncatedDivision(node);
    if (division) {
      // (a / b) | 0 is integer division (asm.js style): no fraction is ever materialised.
      const [a, b] = this.exprList([division.left, division.right]);
      this.numberOperands(node, division.left, division.right);
      return this.call(PORT_ARITHMETIC.idiv, [a, b], node, true, true);
    }
    const chain = this.doubles ? this.doubleChain(node) : undefined;
    if (chain !== undefined) return chain;
    const [left, right] = this.exprList([node.left, node.right]);
    return this.arithmetic(op, left, right, node.left, node.right, node);
  }

  /**
   * `x * 0.0625 + offset`, `(f - 32) * 5 / 9`: a chain of two or more arithmetic operators on
   * numbers, each applied to a variable or a literal, that likely computes with fractions (it
   * has a fractional literal or a `/`), is evaluated on the port's double accumulator: one
   * conversion in, one result boxed out, none in between. Each step rounds as JavaScript does,
   * so the result is the same double; the operands (names and literals) cannot run code that
   * would use the accumulator meanwhile.
   */
  private doubleChain(node: ts.BinaryExpression): VReg | undefined {
    const steps: Array<{ op: string; operand: ts.Expression }> = [];
    let fractional = false;
    let head: ts.Expression = node;
    for (;;) {
      const e = skipParens(head);
      if (!ts.isBinaryExpression(e)) break;
      const op = DOUBLE_CHAIN_OPS[e.operatorToken.kind];
      if (op === undefined || truncatedDivision(e) || this.kindOf(e.left) !== "number" || this.kindOf(e.right) !== "number") break;
      const operand = skipParens(e.right);
      if (!ts.isIdentifier(operand) && !ts.isNumericLiteral(operand)) break;
      if (ts.isNumericLiteral(operand) && !Number.isInteger(Number(operand.text))) fractional = true;
      if (e.operatorToken.kind === ts.SyntaxKind.SlashToken) fractional = true;
      steps.unshift({ op, operand });
      head = e.left;
    }
    const first = skipParens(head);
    if (ts.isNumericLiteral(first) && !Number.isInteger(Number(first.text))) fractional = true;
    if (steps.length < 2 || !fractional) return undefined;
    const pos = this.pos(node);
    this.emit({ op: "call", dst: undefined, callee: DOUBLE_ACCUMULATOR.load, args: [this.expr(head)], pos });
    for (const step of steps) {
      const operand = this.expr(step.operand);
      this.emit({ op: "call", dst: undefined, callee: step.op, args: [operand], pos });
    }
    return this.call(DOUBLE_ACCUMULATOR.result, [], node);
  }

  /** A condition turned into a boolean value. */
  private materialize(branch: (ifTrue: Block, ifFalse: Block) => void): VReg {
    const result = this.temp();
    const t = newBlock(this.fn), f = newBlock(this.fn), join = newBlock(this.fn);
    branch(t, f);
    this.startBlock(t);
    this.emit({ op: "const", dst: result, word: TRUE });
    this.jumpTo(join);
    this.startBlock(f);
    this.emit({ op: "const", dst: result, word: FALSE });
    this.jumpTo(join);
    this.startBlock(join);
    return result;
  }

  private logicalValue(node: ts.BinaryExpression, op: ts.SyntaxKind): VReg {
    const kind = op === ts.SyntaxKind.QuestionQuestionToken ? "??" : op === ts.SyntaxKind.AmpersandAmpersandToken ? "&&" : "||";
    return this.shortCircuit(this.expr(node.left), node.left, kind, node, () => this.expr(node.right));
  }

  /** left ?? right, left || right, left && right, with `left` already evaluated: `right()`
   *  runs only when left is nullish, falsy, truthy; the value is left's or right's. */
  private shortCircuit(left: VReg, leftNode: ts.Expression, kind: "??" | "||" | "&&", node: ts.Node, right: () => VReg): VReg {
    const result = this.temp();
    this.emit({ op: "move", dst: result, src: left });
    const evalRight = newBlock(this.fn), join = newBlock(this.fn);
    const pos = this.pos(node);
    if (kind === "??") {
      const second = newBlock(this.fn);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: left, b: this.constant(UNDEFINED), then: evalRight, else: second, pos });
      this.startBlock(second);
      this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: left, b: this.constant(NULL), then: evalRight, else: join, pos });
    } else {
      const [t, f] = kind === "&&" ? [evalRight, join] : [join, evalRight];
      this.truthyBranch(left, this.truthiness(leftNode), t, f, leftNode);
    }
    this.startBlock(evalRight);
    this.emit({ op: "move", dst: result, src: right() });
    this.jumpTo(join);
    this.startBlock(join);
    return result;
  }

  private arithmetic(op: ts.SyntaxKind, a: VReg, b: VReg, left: ts.Expression, right: ts.Expression, node: ts.Node): VReg {
    if (op === ts.SyntaxKind.PlusToken) {
      const ka = this.kindOf(left), kb = this.kindOf(right);
      if (ka === "string" || kb === "string") return this.concat(a, b, ka, kb, node);
      if (ka !== "number" || kb !== "number") {
        fail(node, Codes.UnsupportedOperator, "'+' is supported on devices between numbers, or with a string operand");
      }
    }
    if (op === ts.SyntaxKind.AsteriskAsteriskToken && this.doubles) {
      this.numberOperands(node, left, right);
      return this.call(this.runtime("mathPowDouble"), [a, b], node);
    }
    const kind = numOp(op);
    if (!kind) fail(node, Codes.UnsupportedOperator, `operator '${ts.tokenToString(op)}' is not supported on devices yet`);
    this.numberOperands(node, left, right);
    const pos = this.pos(node);
    if (kind === "div" || kind === "mod") {
      return this.call(PORT_ARITHMETIC[kind], [a, b], node, true, true);
    }
    const dst = this.temp({ smallInt: true });
    this.emit({ op: "num", kind, dst, a, b, pos });
    return dst;
  }

  private concat(a: VReg, b: VReg, ka: ValueKind, kb: ValueKind, node: ts.Node): VReg {
    const operands = ts.isBinaryExpression(node) ? [node.left, node.right] : [];
    const isError = (e: ts.Expression | undefined) => e !== undefined && this.instanceClass(e) !== undefined
      && this.isErrorClass(this.instanceClass(e)!);
    if (ka !== "string" && isError(operands[0])) { a = this.call(this.runtime("errorToString"), [a], node); ka = "string"; }
    if (kb !== "string" && isError(operands[1])) { b = this.call(this.runtime("errorToString"), [b], node); kb = "string"; }
    for (const k of [ka, kb]) {
      if (k === "typed") fail(node, Codes.UnsupportedOperator, "joining a typed array to a string is not supported on devices yet", "convert it explicitly");
    }
    const sa = ka === "string" ? a : this.call(this.runtime("toString"), [a], node);
    const sb = kb === "string" ? b : this.call(this.runtime("toString"), [b], node);
    return this.call(this.runtime("concat"), [sa, sb], node);
  }

  private template(node: ts.TemplateExpression): VReg {
    let acc = this.stringLiteral(node.head.text);
    for (const span of node.templateSpans) {
      const v = this.expr(span.expression);
      const s = this.kindOf(span.expression) === "string" ? v : this.call(this.runtime("toString"), [v], span.expression);
      acc = this.call(this.runtime("concat"), [acc, s], span);
      if (span.literal.text.length > 0) acc = this.call(this.runtime("concat"), [acc, this.stringLiteral(span.literal.text)], span);
    }
    return acc;
  }

  private prefix(node: ts.PrefixUnaryExpression, discard: boolean): VReg {
    const pos = this.pos(node);
    switch (node.operator) {
      case ts.SyntaxKind.ExclamationToken:
        return this.materialize((t, f) => this.condition(node.operand, f, t));
      case ts.SyntaxKind.MinusToken: {
        const a = this.expr(node.operand);
        this.numberOperands(node, node.operand);
        const dst = this.temp({ smallInt: true });
        this.emit({ op: "neg", dst, a, pos });
        return dst;
      }
      case ts.SyntaxKind.PlusToken: {
        if (this.doubles) return this.toNumber(node.operand, node);
        if (this.kindOf(node.operand) !== "number") fail(node, Codes.UnsupportedOperator, "unary '+' is supported on devices only on numbers");
        const a = this.expr(node.operand);
        return a;
      }
      case ts.SyntaxKind.TildeToken: {
        const a = this.expr(node.operand);
        this.numberOperands(node, node.operand);
        const dst = this.temp({ smallInt: true });
        this.emit({ op: "bitnot", dst, a, pos });
        return dst;
      }
      case ts.SyntaxKind.PlusPlusToken:
      case ts.SyntaxKind.MinusMinusToken:
        return this.increment(node.operand, node.operator === ts.SyntaxKind.PlusPlusToken, true, node);
    }
    return fail(node, Codes.UnsupportedOperator, "this unary operator is not supported on devices");
  }

  private postfix(node: ts.PostfixUnaryExpression, discard: boolean): VReg {
    return this.increment(node.operand, node.operator === ts.SyntaxKind.PlusPlusToken, discard, node);
  }

  private increment(target: ts.Expression, up: boolean, returnNew: boolean, node: ts.Node): VReg {
    const pos = this.pos(node);
    const one = this.constant(tagInt(1), true);
    target = skipParens(target);
    if (ts.isElementAccessExpression(target) && this.kindOf(target.expression) !== "object") {
      const array = this.arrayOperand(target.expression);
      const index = this.expr(target.argumentExpression);
      this.numberOperands(target.argumentExpression, target.argumentExpression);
      const old = this.temp();
      this.elementGetInto(old, target.expression, array, index, node);
      const result = this.temp({ smallInt: true });
      this.emit({ op: "num", kind: up ? "add" : "sub", dst: result, a: old, b: one, pos });
      this.elementSet(target.expression, array, index, result, node);
      return returnNew ? result : old;
    }
    const current = this.expr(target);
    this.numberOperands(node, target);
    // The old value must survive the assignment when it is the expression's value.
    const old = returnNew ? current : this.temp({ smallInt: true });
    if (!returnNew) this.emit({ op: "move", dst: old, src: current });
    const result = this.temp({ smallInt: true });
    this.emit({ op: "num", kind: up ? "add" : "sub", dst: result, a: current, b: one, pos });
    this.assign(target, result, node);
    return returnNew ? result : old;
  }

  private conditional(node: ts.ConditionalExpression): VReg {
    return this.choose((t, f) => this.condition(node.condition, t, f), () => this.expr(node.whenTrue), () => this.expr(node.whenFalse));
  }

  /** One of two values: `branch` jumps to the first block or the second, each arm computes
   *  its value there, and the arms join in the result. */
  private choose(branch: (ifTrue: Block, ifFalse: Block) => void, whenTrue: () => VReg, whenFalse: () => VReg): VReg {
    const result = this.temp();
    const t = newBlock(this.fn), f = newBlock(this.fn), join = newBlock(this.fn);
    branch(t, f);
    this.startBlock(t);
    this.emit({ op: "move", dst: result, src: whenTrue() });
    this.jumpTo(join);
    this.startBlock(f);
    this.emit({ op: "move", dst: result, src: whenFalse() });
    this.jumpTo(join);
    this.startBlock(join);
    return result;
  }

  // ---------------------------------------------------------------- calls

  private callExpression(node: ts.CallExpression, discard: boolean): VReg {
    const callee = skipParens(node.expression);
    if (callee.kind === ts.SyntaxKind.SuperKeyword) return this.superCall(node);
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword) return this.superMethodCall(callee, node);
    // a?.method(…) on an array, string, Map, … that may be null or undefined: undefined then,
    // else the call, lowered for the receiver's type without null and undefined.
    if (ts.isPropertyAccessExpression(callee) && callee.questionDotToken && !this.bound.has(callee.expression) && this.isNullable(callee.expression)) {
      return this.optionalChain(callee, callee.expression, (object) => {
        this.bound.set(callee.expression, object);
        try {
          return this.callExpression(node, discard);
        } finally {
          this.bound.delete(callee.expression);
        }
      });
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const member = this.classMember(callee);
      if (member?.kind === "method") {
        const slot = member.info.slots.get(member.key)!;
        const [object, ...args] = this.exprList([callee.expression, ...node.arguments]);
        return this.methodCall(object, slot, args, node);
      }
      if (member?.kind === "static-method") {
        const args = this.exprList(node.arguments);
        while (args.length < member.decl.parameters.length) args.push(this.constant(UNDEFINED));
        args.length = member.decl.parameters.length;
        return this.call(this.staticMethodSymbol(member.decl), args, node);
      }
      // A field holding a function (a comparator, a callback): a call of its value.
      if (member?.kind === "field" || member?.kind === "static-field") return this.indirectCall(callee, node);
      const objText = callee.expression.getText();
      if (objText === "console" && callee.name.text === "log") return this.consoleLog(node);
      const objKind = this.kindOf(callee.expression);
      if (objText === "Math" && this.isGlobal(callee.expression)) return this.mathCall(callee.name.text, node);
      if (objText === "Promise" && this.isGlobal(callee.expression)) return this.promiseStatic(callee.name.text, node);
      if (objText === "Array" && callee.name.text === "from" && this.isGlobal(callee.expression)) return this.arrayFrom(node);
      if (objText === "Array" && callee.name.text === "isArray" && this.isGlobal(callee.expression) && node.arguments.length === 1) {
        const kind = this.kindOf(node.arguments[0]);
        if (kind === "array" || kind === "number" || kind === "string" || kind === "boolean" || kind === "nullish" || kind === "void" || kind === "typed") {
          this.expr(node.arguments[0], true);
          return this.constant(kind === "array" ? TRUE : FALSE);
        }
        return this.call(this.runtime("isArray"), [this.expr(node.arguments[0])], node);
      }
      if ((objText === "Object" || objText === "JSON") && this.isGlobal(callee.expression)) return this.objectCall(`${objText}.${callee.name.text}`, node);
      if (objText === "String" && this.isGlobal(callee.expression) && (callee.name.text === "fromCharCode" || callee.name.text === "fromCodePoint")) {
        for (const arg of node.arguments) {
          if (ts.isSpreadElement(arg) || this.kindOf(arg) !== "number") fail(arg, Codes.UnsupportedCall, `String.${callee.name.text} takes numbers on devices`);
        }
        const codes = this.arrayOf(this.exprList(node.arguments), node);
        return this.call(this.runtime("stringFromCodes"), [codes, this.constant(callee.name.text === "fromCodePoint" ? TRUE : FALSE)], node);
      }
      if (objKind === "string") return this.stringMethod(callee, node);
      if (objKind === "array") return this.arrayMethod(callee, node);
      if (objKind === "number" && callee.name.text === "toString" && node.arguments.length === 0) {
        return this.call(this.runtime("toString"), [this.expr(callee.expression)], node);
      }
      if (objKind === "number" && this.doubles) return this.numberMethod(callee, node);
      if (objText === "Number" && this.isGlobal(callee.expression) && this.doubles) return this.numberStatic(callee.name.text, node, false);
      // A method of an interface type: a class instance's method, or a function-valued
      // property of a plain object.
      if (objKind === "object" && !callee.questionDotToken && !ts.isOptionalChain(callee)) return this.interfaceMethodCall(callee, node);
      if (objKind === "object" || this.isObjectOrNullish(callee.expression)) return this.indirectCall(callee, node);
      fail(node, Codes.UnsupportedCall, `calling '${callee.getText()}' is not supported on devices yet`);
    }
    if (!ts.isIdentifier(callee)) return this.indirectCall(callee, node);
    if (callee.text === "Array" && this.isGlobal(callee)) return this.arrayOfLength(node.arguments, node);
    const sym = this.resolveAlias(this.symbolOf(callee));
    const decl = sym.declarations?.[0];
    if (decl?.getSourceFile().isDeclarationFile && TIMER_FUNCTIONS[callee.text] && path.resolve(decl.getSourceFile().fileName) === GLOBALS_FILE) {
      const [rt, parameters] = TIMER_FUNCTIONS[callee.text];
      if (node.arguments.length > parameters) fail(node.arguments[parameters], Codes.UnsupportedCall, `extra arguments to ${callee.text} are not supported on devices yet`, "capture them in the callback");
      if (rt === "queueMicrotask") this.usesPromises = true;
      else if (rt !== "clearTimer") this.usesTimers = true;
      const args = this.exprList(node.arguments);
      while (args.length < parameters) args.push(this.constant(UNDEFINED));
      return this.call(this.runtime(rt), args, node);
    }
    if (decl?.getSourceFile().isDeclarationFile && this.doubles && NUMBER_GLOBALS.has(callee.text)) return this.numberStatic(callee.text, node, true);
    if (decl?.getSourceFile().isDeclarationFile && (callee.text === "String" || callee.text === "Boolean")) {
      // String(x) and Boolean(x) as conversions.
      if (node.arguments.length !== 1) fail(node, Codes.UnsupportedCall, `${callee.text}() takes one argument on devices`);
      const arg = node.arguments[0];
      const value = this.expr(arg);
      if (callee.text === "Boolean") return this.materialize((t, f) => this.truthyBranch(value, this.truthiness(arg), t, f, arg));
      if (this.kindOf(arg) === "string") return value;
      const cls = this.instanceClass(arg);
      if (cls && this.isErrorClass(cls)) return this.call(this.runtime("errorToString"), [value], node);
      if (this.kindOf(arg) === "typed") fail(arg, Codes.UnsupportedCall, "String() of a typed array is not supported on devices yet");
      return this.call(this.runtime("toString"), [value], node);
    }
    if (!decl || !ts.isFunctionDeclaration(decl) || !ts.isSourceFile(decl.parent)) {
      if (decl && decl.getSourceFile().fileName !== INTRINSICS_FILE && !(ts.isFunctionDeclaration(decl) && !decl.body)) {
        return this.indirectCall(callee, node);
      }
    }
    if (decl && decl.getSourceFile().fileName === INTRINSICS_FILE) return this.intrinsic(callee.text, node);
    if (decl && ts.isFunctionDeclaration(decl) && !decl.body && path.resolve(decl.getSourceFile().fileName) === PORT_DECLARATIONS) {
      const args = this.exprList(node.arguments);
      return this.call(`port.${decl.name!.text}`, args, node, !discard);
    }
    if (!decl || !ts.isFunctionDeclaration(decl)) {
      fail(node, Codes.UnsupportedCall, `'${callee.text}' is not a function declaration; calling it is not supported on devices yet`);
    }
    const rest = decl.parameters.at(-1)?.dotDotDotToken ? decl.parameters.length - 1 : -1;
    const firstSpread = node.arguments.findIndex((a) => ts.isSpreadElement(a));
    if (firstSpread >= 0 && (rest < 0 || firstSpread < rest)) {
      fail(node, Codes.UnsupportedSyntax, "spread arguments are supported on devices only into a rest parameter", "pass the values one by one");
    }
    const symbol = this.functionSymbol(decl);
    if (firstSpread >= 0) {
      // f(a, ...xs): the arguments from the rest parameter on become its array.
      const fixed = this.exprList(node.arguments.slice(0, rest));
      const args = [...fixed, this.arrayOfElements(node.arguments.slice(rest), node)];
      return this.call(symbol, args, node, this.kindOf(node) !== "void" || !discard);
    }
    const args = this.exprList(node.arguments);
    if (rest >= 0) {
      // The arguments from the rest parameter on are gathered into an array.
      const extra = args.splice(rest);
      while (args.length < rest) args.push(this.constant(UNDEFINED));
      args.push(this.arrayOf(extra, node));
    }
    while (args.length < decl.parameters.length) args.push(this.constant(UNDEFINED));
    if (args.length > decl.parameters.length) args.length = decl.parameters.length; // extra arguments are evaluated, not passed
    const returnsVoid = this.kindOf(node) === "void";
    const dst = this.call(symbol, args, node, !returnsVoid || !discard);
    return dst;
  }

  /** Promise.resolve, reject, all, allSettled and race: functions of promise.ts. */
  private promiseStatic(name: string, node: ts.CallExpression): VReg {
    const statics: Record<string, RtName> = {
      resolve: "promiseResolve", reject: "promiseReject", all: "promiseAll", allSettled: "promiseAllSettled", race: "promiseRace",
    };
    const rt = statics[name];
    if (!rt) fail(node.expression, Codes.UnsupportedCall, `Promise.${name} is not supported on devices yet`);
    if (node.arguments.length > 1) fail(node.arguments[1], Codes.UnsupportedCall, `extra arguments to Promise.${name} are not supported on devices`);
    const arg = node.arguments[0];
    if (arg && ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
    if (name !== "resolve" && name !== "reject" && (!arg || this.kindOf(arg) !== "array")) {
      fail(arg ?? node, Codes.UnsupportedCall, `Promise.${name} takes an array on devices`, "other iterables are not supported yet");
    }
    this.usesPromises = true;
    return this.call(this.runtime(rt), [arg ? this.expr(arg) : this.constant(UNDEFINED)], node);
  }

  // ---------------------------------------------------------------- closures

  /**
   * A function value: [descriptor][code address | 1][cell, cell, …], the cells being those
   * of the variables it captures. Its code takes the closure itself as a hidden first
   * argument, then up to three parameters (indirect calls pass r1-r3, undefined where the
   * caller has fewer arguments).
   */
  private closure(node: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration): VReg {
    if (node.asteriskToken) fail(node, Codes.Generator, "generators are not supported on devices yet", "use a loop or a callback");
    if (node.parameters.length > MAX_CLOSURE_PARAMETERS) {
      fail(node.parameters[MAX_CLOSURE_PARAMETERS], Codes.UnsupportedSyntax, `function values take at most ${MAX_CLOSURE_PARAMETERS} parameters on devices yet`);
    }
    const captures = freeSymbols(node, this.checker).filter((sym) => this.cells.has(sym));
    const cellValues = captures.map((sym) => this.cells.get(sym)!);
    // An arrow function's `this` is its creator's: captured, after the variables, in a cell of
    // its own (`this` never changes, so a copy is as good as sharing).
    const capturesThis = ts.isArrowFunction(node) && usesThis(node.body);
    if (capturesThis) cellValues.push(this.call(this.runtime("cellNew"), [this.thisValue(node)], node));
    const name = node.name && ts.isIdentifier(node.name) ? node.name.text : `<anonymous>`;
    const symbol = this.uniqueName(`${this.fn.symbol}.${node.name && ts.isIdentifier(node.name) ? node.name.text : "lambda"}${this.closureCount++}`);
    // The closure's code, lowered now (it sees the cells of this function).
    const saved = this.saveState();
    this.functionCode(symbol, name, node.getSourceFile(), node, (fn) => {
      const env = newVReg(fn, { name: "<closure>" });
      fn.params.push(env);
      captures.forEach((sym, i) => {
        const cell = newVReg(fn, { name: `${sym.name}<cell>` });
        this.emit({ op: "load", dst: cell, base: env, offset: CLOSURE_CELLS + 4 * i, width: 32 });
        this.cells.set(sym, cell);
      });
      if (capturesThis) {
        this.thisCell = newVReg(fn, { name: "this<cell>" });
        this.emit({ op: "load", dst: this.thisCell, base: env, offset: CLOSURE_CELLS + 4 * captures.length, width: 32 });
      }
      this.parameters(node);
      if (node.body && ts.isBlock(node.body)) {
        this.body(node.body.statements);
      } else if (node.body) {
        const value = this.expr(node.body as ts.Expression);
        if (this.asyncState) this.asyncReturn(value, node.body);
        else this.setTerm({ op: "return", value, pos: this.pos(node.body) });
      }
    });
    this.restoreState(saved);
    // The closure object, here.
    const code = this.temp({ raw: true });
    this.emit({ op: "symbol", dst: code, symbol, addend: 1 });
    const codeNumber = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: codeNumber, src: code });
    const closure = this.call(this.runtime("closureNew"), [codeNumber, this.constant(tagInt(cellValues.length), true)], node);
    cellValues.forEach((cell, i) => this.emit({ op: "store", base: closure, offset: CLOSURE_CELLS + 4 * i, src: cell, width: 32 }));
    return closure;
  }

  /** A top-level function used as a value: a closure in flash whose code calls the function. */
  private functionValue(decl: ts.FunctionDeclaration, node: ts.Node): VReg {
    let symbol = this.functionValues.get(decl);
    if (!symbol) {
      if (decl.parameters.length > MAX_CLOSURE_PARAMETERS) {
        fail(node, Codes.UnsupportedSyntax, `function values take at most ${MAX_CLOSURE_PARAMETERS} parameters on devices yet`);
      }
      const target = this.functionSymbol(decl);
      const code = this.uniqueName(`${target}<value>`);
      const saved = this.saveState();
      const fn = this.beginFunction(code, decl.name!.text, decl.getSourceFile(), decl);
      fn.params.push(newVReg(fn, { name: "<closure>" }));
      const args = decl.parameters.map((p) => {
        const v = newVReg(fn, { name: p.name.getText() });
        fn.params.push(v);
        return v;
      });
      const result = this.temp();
      this.emit({ op: "call", dst: result, callee: target, args, pos: this.pos(decl) });
      this.setTerm({ op: "return", value: result });
      this.finishFunction(fn);
      this.restoreState(saved);
      symbol = `${code}<closure>`;
      const bytes = new Uint8Array(CLOSURE_CELLS);
      this.data.push({
        symbol, bytes, align: 4, module: this.moduleName(decl.getSourceFile()),
        relocs: [{ offset: 0, symbol: DESCRIPTOR_CLOSURE, addend: 0 }, { offset: CLOSURE_CODE, symbol: code, addend: 1 }],
      });
      this.functionValues.set(decl, symbol);
    }
    const dst = this.temp();
    this.emit({ op: "symbol", dst, symbol, addend: 0, pos: this.pos(node) });
    return dst;
  }

  /** A call of a function value (a variable, a parameter, an element, a call's result). */
  private indirectCall(callee: ts.Expression, node: ts.CallExpression): VReg {
    // The type as written at the call (a cast such as (f as Comparator) gives the signature).
    const type = this.checker.getTypeAtLocation(node.expression);
    if (type.getCallSignatures().length === 0) {
      fail(callee, Codes.UnsupportedCall, `calling '${callee.getText()}' is not supported on devices yet`);
    }
    if (node.arguments.length > MAX_CLOSURE_PARAMETERS) {
      fail(node.arguments[MAX_CLOSURE_PARAMETERS], Codes.UnsupportedCall, `calls of function values pass at most ${MAX_CLOSURE_PARAMETERS} arguments on devices yet`);
    }
    if (node.arguments.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
    const [fnValue, ...args] = this.exprList([callee, ...node.arguments]);
    while (args.length < MAX_CLOSURE_PARAMETERS) args.push(this.constant(UNDEFINED));
    const dst = this.temp();
    this.emit({ op: "call-indirect", dst, fn: fnValue, args, pos: this.pos(node) });
    return dst;
  }

  /** o.m(args) where o has an interface type: through the method table when o is a class
   *  instance with a method m, else a call of the property's value. */
  private interfaceMethodCall(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
    if (node.arguments.length > MAX_CLOSURE_PARAMETERS) {
      fail(node.arguments[MAX_CLOSURE_PARAMETERS], Codes.UnsupportedCall, `calls of methods through an interface pass at most ${MAX_CLOSURE_PARAMETERS} arguments on devices yet`);
    }
    if (node.arguments.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
    const object = this.temp();
    this.emit({ op: "move", dst: object, src: this.expr(callee.expression) });
    const name = this.stringLiteral(callee.name.text);
    const code = this.call(this.runtime("objMethodCode"), [object, name], callee);
    const fnValue = this.temp();
    const method = newBlock(this.fn), property = newBlock(this.fn), join = newBlock(this.fn);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: code, b: this.constant(UNDEFINED), then: property, else: method, pos: this.pos(callee) });
    this.startBlock(property);
    // A property is read before the arguments are evaluated, as in JavaScript.
    this.emit({ op: "move", dst: fnValue, src: this.call(this.runtime("objGet"), [object, name], callee) });
    this.jumpTo(join);
    this.startBlock(method);
    this.emit({ op: "move", dst: fnValue, src: this.constant(UNDEFINED) });
    this.jumpTo(join);
    this.startBlock(join);
    const args = this.exprList(node.arguments);
    while (args.length < MAX_CLOSURE_PARAMETERS) args.push(this.constant(UNDEFINED));
    const dst = this.temp();
    const viaTable = newBlock(this.fn), viaValue = newBlock(this.fn), done = newBlock(this.fn);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: code, b: this.constant(UNDEFINED), then: viaValue, else: viaTable, pos: this.pos(node) });
    this.startBlock(viaTable);
    this.emit({ op: "call-code", dst, code, object, args, pos: this.pos(node) });
    this.jumpTo(done);
    this.startBlock(viaValue);
    this.emit({ op: "call-indirect", dst, fn: fnValue, args, pos: this.pos(node) });
    this.jumpTo(done);
    this.startBlock(done);
    return dst;
  }

  /** Arguments for a runtime method: the receiver, then each parameter (undefined when the
   *  call leaves it out), evaluated left to right. */
  private methodArgs(receiver: ts.Expression, node: ts.CallExpression, parameters: number, kinds: Array<ValueKind | "any">): VReg[] {
    if (node.arguments.length > parameters) fail(node.arguments[parameters], Codes.UnsupportedCall, "too many arguments for this method on devices");
    node.arguments.forEach((arg, i) => {
      const want = kinds[i];
      if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
      if (want !== "any" && this.kindOf(arg) !== want) {
        fail(arg, Codes.UnsupportedCall, `this argument must be a ${want} on devices (got '${this.checker.typeToString(this.checker.getTypeAtLocation(arg))}')`);
      }
    });
    const values = this.exprList([receiver, ...node.arguments]);
    while (values.length < parameters + 1) values.push(this.constant(UNDEFINED));
    return values;
  }

  private stringMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
    const name = callee.name.text;
    const s = callee.expression;
    const call = (rt: RtName, args: VReg[], smallInt = false) => this.call(this.runtime(rt), args, node, true, smallInt);
    const flag = (b: boolean) => this.constant(b ? TRUE : FALSE);
    switch (name) {
      case "slice": return call("strSlice", this.methodArgs(s, node, 2, ["number", "number"]));
      case "substring": return call("strSubstring", this.methodArgs(s, node, 2, ["number", "number"]));
      case "charAt": return call("strCharAt", this.methodArgs(s, node, 1, ["number"]));
      case "charCodeAt":
        // The runtime reads code units it knows are inside the string: no NaN, a small int.
        if (node.getSourceFile().fileName.startsWith(RT_DIR)) return call("strUnitAt", this.methodArgs(s, node, 1, ["number"]), true);
        return call("strCharCodeAt", this.methodArgs(s, node, 1, ["number"]));
      case "codePointAt": return call("strCodePointNumber", this.methodArgs(s, node, 1, ["number"]));
      case "at": return call("strAt", [...this.methodArgs(s, node, 1, ["number"]), flag(true)]);
      case "indexOf": return call("strIndexOf", this.methodArgs(s, node, 2, ["string", "number"]));
      case "lastIndexOf": return call("strLastIndexOf", this.methodArgs(s, node, 2, ["string", "number"]));
      case "includes": return call("strIncludes", this.methodArgs(s, node, 2, ["string", "number"]));
      case "startsWith": return call("strStartsWith", this.methodArgs(s, node, 2, ["string", "number"]));
      case "endsWith": return call("strEndsWith", this.methodArgs(s, node, 2, ["string", "number"]));
      case "trim": return call("strTrim", [...this.methodArgs(s, node, 0, []), flag(true), flag(true)]);
      case "trimStart": return call("strTrim", [...this.methodArgs(s, node, 0, []), flag(true), flag(false)]);
      case "trimEnd": return call("strTrim", [...this.methodArgs(s, node, 0, []), flag(false), flag(true)]);
      case "repeat": return call("strRepeat", this.methodArgs(s, node, 1, ["number"]));
      case "padStart": return call("strPad", [...this.methodArgs(s, node, 2, ["number", "string"]), flag(true)]);
      case "padEnd": return call("strPad", [...this.methodArgs(s, node, 2, ["number", "string"]), flag(false)]);
      case "toUpperCase": return call("strChangeCase", [...this.methodArgs(s, node, 0, []), flag(true)]);
      case "toLowerCase": return call("strChangeCase", [...this.methodArgs(s, node, 0, []), flag(false)]);
      case "split": return call("strSplit", this.methodArgs(s, node, 2, ["string", "number"]));
      case "replace": return call("strReplace", [...this.methodArgs(s, node, 2, ["string", "string"]), flag(false)]);
      case "replaceAll": return call("strReplace", [...this.methodArgs(s, node, 2, ["string", "string"]), flag(true)]);
      case "toString": case "valueOf": return this.methodArgs(s, node, 0, [])[0];
      case "concat": {
        const values = this.exprList([s, ...node.arguments]);
        return values.slice(1).reduce((acc, v, i) => this.concat(acc, v, "string", this.kindOf(node.arguments[i]), node), values[0]);
      }
    }
    return fail(node, Codes.UnsupportedCall, `the string method '${name}' is not supported on devices yet`);
  }

  private arrayMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
    const name = callee.name.text;
    const a = callee.expression;
    const call = (rt: RtName, args: VReg[], smallInt = false) => this.call(this.runtime(rt), args, node, true, smallInt);
    switch (name) {
      case "push": {
        if (node.arguments.some((arg) => ts.isSpreadElement(arg))) {
          const array = this.expr(a);
          return call("arrayPushAll", [array, this.arrayOfElements(node.arguments, node)], true);
        }
        if (node.arguments.length === 0) fail(node, Codes.UnsupportedCall, "push with no arguments is not supported on devices");
        const values = this.exprList([a, ...node.arguments]);
        let length = values[0];
        for (const v of values.slice(1)) length = call("arrayPush", [values[0], v], true);
        return length;
      }
      case "indexOf": return call("arrayIndexOf", this.methodArgs(a, node, 2, ["any", "number"]));
      case "lastIndexOf": return call("arrayLastIndexOf", this.methodArgs(a, node, 1, ["any"]));
      case "includes": return call("arrayIncludes", this.methodArgs(a, node, 1, ["any"]));
      case "join": return call("arrayJoin", this.methodArgs(a, node, 1, ["string"]));
      case "slice": return call("arraySlice", this.methodArgs(a, node, 2, ["number", "number"]));
      case "splice": {
        this.arraysShrink = true;
        node.arguments.forEach((arg, i) => {
          if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
          const numeric = valueKind(this.checker, this.checker.getNonNullableType(this.checker.getTypeAtLocation(arg))) === "number";
          if (i < 2 && !numeric && this.kindOf(arg) !== "nullish") {
            fail(arg, Codes.UnsupportedCall, `this argument must be a number on devices (got '${this.checker.typeToString(this.checker.getTypeAtLocation(arg))}')`);
          }
        });
        const [array, start, count, ...items] = this.exprList([a, ...node.arguments]);
        const inserted = this.arrayOf(items, node);
        const argc = this.constant(tagInt(Math.min(node.arguments.length, 2)), true);
        return call("arraySplice", [array, start ?? this.constant(UNDEFINED), count ?? this.constant(UNDEFINED), argc, inserted]);
      }
      case "concat": {
        if (node.arguments.length === 1 && this.kindOf(node.arguments[0]) === "array") return call("arrayConcat", this.methodArgs(a, node, 1, ["array"]));
        // Any other arguments: arrays spread into the result, other values appended.
        for (const arg of node.arguments) if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
        const [array, ...items] = this.exprList([a, ...node.arguments]);
        return call("arrayConcatItems", [array, this.arrayOf(items, node)]);
      }
      case "fill": return call("arrayFill", this.methodArgs(a, node, 3, ["any", "number", "number"]));
      case "reverse": return call("arrayReverse", this.methodArgs(a, node, 0, []));
      case "at": return call("arrayAt", this.methodArgs(a, node, 1, ["number"]));
      case "forEach": return call("arrayForEach", this.methodArgs(a, node, 1, ["any"]));
      case "map": return call("arrayMap", this.methodArgs(a, node, 1, ["any"]));
      case "filter": return call("arrayFilter", this.methodArgs(a, node, 1, ["any"]));
      case "find": return call("arrayFind", this.methodArgs(a, node, 1, ["any"]));
      case "findIndex": return call("arrayFindIndex", this.methodArgs(a, node, 1, ["any"]));
      case "some": return call("arraySome", this.methodArgs(a, node, 1, ["any"]));
      case "every": return call("arrayEvery", this.methodArgs(a, node, 1, ["any"]));
      case "reduce": case "reduceRight": {
        const hasInitial = node.arguments.length >= 2;
        return call(name === "reduce" ? "arrayReduce" : "arrayReduceRight", [...this.methodArgs(a, node, 2, ["any", "any"]), this.constant(hasInitial ? TRUE : FALSE)]);
      }
      case "flat": return call("arrayFlat", this.methodArgs(a, node, 1, ["number"]));
      case "flatMap": return call("arrayFlatMap", this.methodArgs(a, node, 1, ["any"]));
      case "toString": return call("toString", this.methodArgs(a, node, 0, []));
      case "sort": return call("arraySort", this.methodArgs(a, node, 1, ["any"]));
      case "pop":
        // Arrays can now get shorter: the range analysis must not assume they only grow.
        this.arraysShrink = true;
        return call("arrayPop", this.methodArgs(a, node, 0, []));
    }
    return fail(node, Codes.UnsupportedCall, `the array method '${name}' is not supported on devices yet`);
  }

  private mathCall(name: string, node: ts.CallExpression): VReg {
    const call = (rt: RtName | string, args: VReg[]) => this.call(rt in RT ? this.runtime(rt as RtName) : rt, args, node, true);
    const numbers = (count: number) => {
      if (node.arguments.length !== count) fail(node, Codes.UnsupportedCall, `Math.${name} takes ${count} argument${count === 1 ? "" : "s"} on devices`);
      this.numberOperands(node, ...node.arguments);
      return this.exprList(node.arguments);
    };
    if (this.doubles) {
      switch (name) {
        case "floor": case "ceil": case "round": case "trunc": case "sqrt": return call(DOUBLE_MATH[name], numbers(1));
        case "abs": return call("mathAbs", numbers(1));
        case "sign": return call("mathSign", numbers(1));
        case "clz32": return call("mathClz32", numbers(1));
        case "imul": return call("__rt_imul", numbers(2));
        case "random": return call("mathRandom", numbers(0));
        case "hypot": {
          this.numberOperands(node, ...node.arguments);
          if (node.arguments.length === 2) return call("mathHypot", this.exprList(node.arguments));
          return call("mathHypotOf", [this.arrayOf(this.exprList(node.arguments), node)]);
        }
        case "min": case "max": {
          if (node.arguments.some((arg) => ts.isSpreadElement(arg))) {
            return call("mathMinMaxOf", [this.arrayOfElements(node.arguments, node), this.constant(name === "max" ? TRUE : FALSE)]);
          }
          this.numberOperands(node, ...node.arguments);
          const values = this.exprList(node.arguments);
          if (values.length === 0) return this.numberConstant(name === "min" ? Infinity : -Infinity, node);
          return values.slice(1).reduce((acc, v) => call(name === "min" ? "mathMin" : "mathMax", [acc, v]), values[0]);
        }
      }
      const double = DOUBLE_MATH_RT[name];
      if (double) return call(double[0], numbers(double[1]));
    }
    switch (name) {
      // Every number of this step is an integer, so these return their argument.
      case "floor": case "ceil": case "round": case "trunc": return numbers(1)[0];
      case "abs": return call("mathAbs", numbers(1));
      case "sign": return call("mathSign", numbers(1));
      case "clz32": return call("mathClz32", numbers(1));
      case "imul": return call("__rt_imul", numbers(2));
      case "min": case "max": {
        if (node.arguments.length === 0) fail(node, Codes.UnsupportedCall, `Math.${name}() is ${name === "min" ? "Infinity" : "-Infinity"}, which needs doubles`);
        this.numberOperands(node, ...node.arguments);
        const values = this.exprList(node.arguments);
        return values.slice(1).reduce((acc, v) => this.choose(
          (keep, take) => this.setTerm({ op: "branch", kind: "cmp", cmp: name === "min" ? "le" : "ge", numeric: true, a: acc, b: v, then: keep, else: take, pos: this.pos(node) }),
          () => acc, () => v), values[0]);
      }
    }
    return fail(node, Codes.UnsupportedCall, `Math.${name} needs doubles or is not supported on devices yet`);
  }

  /** x.toFixed(d), x.toString(radix), x.toPrecision(p), x.toExponential(d). */
  private numberMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
    const name = callee.name.text;
    const x = this.expr(callee.expression);
    const args = node.arguments;
    if (args.length > 1) fail(args[1], Codes.UnsupportedCall, `Number.prototype.${name} takes one argument`);
    this.numberOperands(node, ...args);
    const arg = args.length === 1 ? this.expr(args[0]) : undefined;
    switch (name) {
      case "toFixed": return this.call(this.runtime("numToFixed"), [x, arg ?? this.constant(tagInt(0), true)], node);
      case "toString": return this.call(this.runtime("numToStringRadix"), [x, arg!], node);
      case "toPrecision": return arg ? this.call(this.runtime("numToPrecision"), [x, arg], node) : this.call(this.runtime("toString"), [x], node);
      case "toExponential": return this.call(this.runtime("numToExponential"), [x, arg ?? this.constant(UNDEFINED)], node);
      case "valueOf": return x;
    }
    return fail(node, Codes.UnsupportedCall, `the number method '${name}' is not supported on devices yet`);
  }

  /** Number(x), parseInt, parseFloat, isNaN, isFinite (`global`), and the Number statics:
   *  the global isNaN converts its argument (isNaN("x") is true), Number.isNaN does not. */
  private numberStatic(name: string, node: ts.CallExpression, global: boolean): VReg {
    const args = node.arguments;
    const one = (): ts.Expression => {
      if (args.length < 1) fail(node, Codes.UnsupportedCall, `${name}() takes an argument on devices`);
      return args[0];
    };
    const numberArg = () => { const a = one(); this.numberOperands(node, a); return this.expr(a); };
    const stringArg = () => {
      const a = one();
      if (this.kindOf(a) !== "string") fail(a, Codes.UnsupportedCall, `${name} of a value that is not a string is not supported on devices yet`);
      return this.expr(a);
    };
    switch (name) {
      case "Number": {
        if (args.length === 0) return this.constant(tagInt(0), true);
        return this.toNumber(args[0], node);
      }
      case "parseFloat": return this.call(this.runtime("parseFloat"), [stringArg()], node);
      case "parseInt": {
        const s = stringArg();
        if (args.length > 1) this.numberOperands(node, args[1]);
        const radix = args.length > 1 ? this.expr(args[1]) : this.constant(tagInt(0), true);
        return this.call(this.runtime("parseInt"), [s, radix], node);
      }
    }
    if (global && (name === "isNaN" || name === "isFinite")) {
      return this.call(this.runtime(name === "isNaN" ? "numIsNaN" : "numIsFinite"), [this.toNumber(one(), node)], node);
    }
    const statics: Partial<Record<string, RtName>> = { isInteger: "numIsInteger", isSafeInteger: "numIsSafeInteger", isFinite: "numIsFinite", isNaN: "numIsNaN" };
    const rt = statics[name];
    if (rt) {
      // Number.isInteger(x) and the like are false for anything that is not a number.
      if (this.kindOf(one()) !== "number") fail(one(), Codes.UnsupportedCall, `Number.${name} of a value that is not a number is not supported on devices yet`);
      return this.call(this.runtime(rt), [numberArg()], node);
    }
    return fail(node, Codes.UnsupportedCall, `Number.${name} is not supported on devices yet`);
  }

  /** ToNumber of a number, string, boolean, null or undefined (unary +, Number(x), isNaN). */
  private toNumber(arg: ts.Expression, node: ts.Node): VReg {
    const kind = this.kindOf(arg);
    const value = this.expr(arg);
    switch (kind) {
      case "number": return value;
      case "string": return this.call(this.runtime("parseNumber"), [value], node);
      case "boolean": return this.choose((t, f) => this.truthyBranch(value, "boolean", t, f, arg), () => this.constant(tagInt(1), true), () => this.constant(tagInt(0), true));
      case "nullish": return this.constant(tagInt(0), true);
    }
    return fail(arg, Codes.UnsupportedOperator, "converting this value to a number is not supported on devices yet");
  }

  /** A value whose type allows only numbers, strings, booleans, null and undefined. */
  private isPrimitive(node: ts.Expression): boolean {
    const type = this.checker.getTypeAtLocation(node);
    const members = type.isUnion() ? type.types : [type];
    return members.every((t) => ["number", "boolean", "string", "nullish", "void"].includes(valueKind(this.checker, t)));
  }

  private objectCall(name: string, node: ts.CallExpression): VReg {
    const one = () => {
      if (node.arguments.length !== 1) fail(node, Codes.UnsupportedCall, `${name} takes one argument on devices`);
      return this.expr(node.arguments[0]);
    };
    switch (name) {
      case "Object.keys": return this.call(this.runtime("objKeys"), [one()], node);
      case "Object.values": return this.call(this.runtime("objValues"), [one()], node);
      case "Object.entries": return this.call(this.runtime("objEntries"), [one()], node);
      case "Object.fromEntries": {
        if (node.arguments.length !== 1 || this.kindOf(node.arguments[0]) !== "array") fail(node, Codes.UnsupportedCall, "Object.fromEntries takes an array of [key, value] pairs on devices");
        return this.call(this.runtime("objFromEntries"), [one()], node);
      }
      case "Object.assign": {
        // Object.assign(target, ...sources): each source's own properties set on target.
        if (node.arguments.length === 0 || node.arguments.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedCall, "Object.assign takes a target and sources on devices");
        const [target, ...sources] = this.exprList(node.arguments);
        for (const source of sources) this.call(this.runtime("objAssign"), [target, source], node, false);
        return target;
      }
      case "JSON.stringify": {
        const [value, replacer, space] = node.arguments;
        if (!value || node.arguments.length > 3) fail(node, Codes.UnsupportedCall, "JSON.stringify takes a value, then optionally null and an indentation, on devices");
        if (replacer && this.kindOf(replacer) !== "nullish") fail(replacer, Codes.UnsupportedCall, "a replacer for JSON.stringify is not supported on devices yet", "pass null");
        const [v, , indentation] = this.exprList(node.arguments);
        return this.call(this.runtime("jsonStringify"), [v, indentation ?? this.constant(UNDEFINED)], node);
      }
    }
    return fail(node, Codes.UnsupportedCall, `${name} is not supported on devices yet`);
  }

  /** Array.from(source, mapFn?): a new array from an array, a string (by code points), a
   *  Map or Set, or `{ length: n }` (n undefineds), each element passed through mapFn. */
  private arrayFrom(node: ts.CallExpression): VReg {
    const [source, mapFn] = node.arguments;
    if (!source || node.arguments.length > 2) fail(node, Codes.UnsupportedCall, "Array.from takes a source and an optional map function on devices");
    if (node.arguments.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
    const inner = skipParens(source);
    const property = ts.isObjectLiteralExpression(inner) && inner.properties.length === 1 ? inner.properties[0] : undefined;
    const lengthOnly = property !== undefined && (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property))
      && ts.isIdentifier(property.name) && property.name.text === "length";
    const iterated = this.iterableArray(source);
    const kind = this.kindOf(source);
    let array: VReg;
    if (lengthOnly) {
      const length = ts.isPropertyAssignment(property) ? property.initializer : property.name as ts.Identifier;
      if (this.kindOf(length) !== "number") fail(length, Codes.UnsupportedCall, "the length in Array.from({ length }) must be a number on devices");
      const value = ts.isShorthandPropertyAssignment(property)
        ? this.identifier(property.name, this.checker.getShorthandAssignmentValueSymbol(property))
        : this.expr(length);
      array = this.call(this.runtime("arrayOfLength"), [value], node);
    } else if (iterated) {
      array = iterated();
    } else if (kind === "typed") {
      array = this.call(this.runtime("typedToArray"), [this.expr(source)], node);
    } else if (kind === "array") {
      array = this.call(this.runtime("arraySlice"), [this.expr(source), this.constant(UNDEFINED), this.constant(UNDEFINED)], node);
    } else if (kind === "string") {
      const text = this.expr(source);
      array = this.newArray(this.constant(tagInt(0), true), node);
      this.call(this.runtime("arrayAppendString"), [array, text], node, false);
    } else {
      return fail(source, Codes.UnsupportedCall, `Array.from of a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(source))}' is not supported on devices yet`);
    }
    if (!mapFn) return array;
    return this.call(this.runtime("arrayMap"), [array, this.expr(mapFn)], node);
  }

  private isGlobal(node: ts.Expression): boolean {
    const decl = this.checker.getSymbolAtLocation(node)?.declarations?.[0];
    return !decl || decl.getSourceFile().isDeclarationFile;
  }

  private consoleLog(node: ts.CallExpression): VReg {
    // Node evaluates every argument before it prints anything.
    const first = node.arguments[0];
    const constantFirst = first === undefined ? undefined : constantValue(first, this.checker);
    // A format string known only at run time, or one whose specifiers may take an array or an
    // object, is read by the runtime; a constant one with primitives is expanded here.
    // (%i is parseInt of the number's text, which the runtime has.)
    const formatted = first !== undefined && node.arguments.length > 1 && this.kindOf(first) === "string"
      && (typeof constantFirst !== "string" || constantFirst.includes("%i")
        || (constantFirst.includes("%") && node.arguments.slice(1).some((arg) => this.isInspected(arg))));
    if (formatted) return this.consoleLogFormatted(node);
    for (const arg of node.arguments) {
      if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
      const kind = this.kindOf(arg);
      if (this.isInspected(arg) || this.isMixedPrintable(arg)) continue;
      if (kind === "array" || kind === "typed" || kind === "object" || (kind === "any" && !this.isPrimitive(arg))) {
        const type = this.checker.typeToString(this.checker.getTypeAtLocation(arg));
        fail(arg, Codes.UnsupportedCall, `console.log of a value of type '${type}' is not supported on devices yet`,
          "console.log prints primitives, arrays, typed arrays, plain objects, Map, Set and instances of the app's classes");
      }
    }
    const values = this.exprList(node.arguments);
    const pieces = formatPieces(node, values, (e) => constantValue(e, this.checker), (e) => this.kindOf(e));
    // Constant text (literal arguments, the separating spaces, the newline) is merged and
    // written by the smallest routine that can: most lines then cost one call, and an image
    // that prints only constant ASCII links no number or string formatting at all.
    let text = "";
    const flush = () => {
      if (!text) return;
      const widest = Math.max(...[...text].map((ch) => ch.charCodeAt(0)));
      const printer = widest < 0x80 ? "printAscii" : widest <= 0xff ? "printLatin1" : "printString";
      this.call(this.runtime(printer), [this.stringLiteral(text)], node, false);
      text = "";
    };
    pieces.forEach((piece, i) => {
      if (i > 0 && piece.spaceBefore) text += " ";
      const c = piece.text ?? (ts.isExpression(piece.node) ? constantValue(piece.node, this.checker) : undefined);
      if (typeof c === "string") { text += c; return; }
      if (typeof c === "boolean" || c === null) { text += String(c); return; }
      if (typeof c === "number" && isSmallIntValue(c)) { text += String(c); return; }
      flush();
      const kind = ts.isExpression(piece.node) ? this.kindOf(piece.node) : "any";
      const inspected = ts.isExpression(piece.node) && this.isInspected(piece.node);
      const mixed = !inspected && ts.isExpression(piece.node) && this.isMixedPrintable(piece.node);
      this.call(this.runtime(inspected ? "printInspected" : mixed ? "printAny" : kind === "string" ? "printString" : "printValue"), [piece.value!], piece.node, false);
    });
    text += "\n";
    flush();
    return this.constant(UNDEFINED);
  }

  /** A value whose type mixes what console.log prints inspected (arrays, plain objects, …)
   *  with primitives or null/undefined (an optional array, a `string | number[]`): the
   *  runtime looks at the value (inspect.ts, printAny). */
  private isMixedPrintable(node: ts.Expression): boolean {
    if (this.kindOf(node) !== "any" || this.isPrimitive(node)) return false;
    const type = this.checker.getTypeAtLocation(node);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    return (type.isUnion() ? type.types : [type]).every((t) => {
      const kind = valueKind(this.checker, t);
      if (["number", "boolean", "string", "nullish", "void", "array", "typed"].includes(kind)) return true;
      return kind === "object" && t.getCallSignatures().length === 0;
    });
  }

  /** console.log(format, …) read by the runtime (inspect.ts, printFormatted). */
  private consoleLogFormatted(node: ts.CallExpression): VReg {
    const [format, ...rest] = node.arguments;
    for (const arg of rest) {
      if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
      const kind = this.kindOf(arg);
      if (!this.isInspected(arg) && (kind === "array" || kind === "typed" || kind === "object" || (kind === "any" && !this.isPrimitive(arg)))) {
        const type = this.checker.typeToString(this.checker.getTypeAtLocation(arg));
        fail(arg, Codes.UnsupportedCall, `console.log of a value of type '${type}' is not supported on devices yet`,
          "console.log prints primitives, arrays, typed arrays, plain objects, Map, Set and instances of the app's classes");
      }
    }
    const values = this.exprList(node.arguments);
    const args = this.arrayOf(values.slice(1), node);
    this.call(this.runtime("printFormatted"), [values[0], args], format, false);
    return this.constant(UNDEFINED);
  }

  /** Arrays, typed arrays, plain objects, Map, Set and instances of the app's classes (not
   *  errors or functions), which console.log prints in Node's inspect format. */
  private isInspected(node: ts.Expression): boolean {
    const kind = this.kindOf(node);
    if (kind === "array" || kind === "typed") return true;
    if (kind !== "object") return false;
    const cls = this.instanceClass(node);
    if (cls) return this.printMode(this.classInfo(cls)) !== CLASS_PRINT_UNSUPPORTED;
    const type = this.checker.getTypeAtLocation(node);
    return type.getCallSignatures().length === 0;
  }

  /** How console.log prints instances of a class (layout.ts, CLASS_PRINT_*). */
  private printMode(info: ClassInfo): number {
    if (!this.isRuntimeClass(info)) return CLASS_PRINT_FIELDS;
    if (info.decl.getSourceFile().fileName === path.join(RT_DIR, "collections.ts")) {
      if (info.name === "Map") return CLASS_PRINT_MAP;
      if (info.name === "Set") return CLASS_PRINT_SET;
    }
    return CLASS_PRINT_UNSUPPORTED;
  }

  /** A class of the runtime (Error, Map, Set, …) or one derived from it. */
  private isRuntimeClass(info: ClassInfo): boolean {
    for (let c: ClassInfo | undefined = info; c; c = c.parent) {
      if (c.decl.getSourceFile().fileName.startsWith(RT_DIR)) return true;
    }
    return false;
  }

  /** peekN(address) & mask, with a constant non-negative mask: the masked raw word is a
   *  small integer whatever the register holds (a status bit test in a driver). */
  private maskedPeek(node: ts.BinaryExpression): VReg | undefined {
    if (node.operatorToken.kind !== ts.SyntaxKind.AmpersandToken) return undefined;
    for (const [peekSide, maskSide] of [[node.left, node.right], [node.right, node.left]]) {
      const call = skipParens(peekSide);
      const mask = constantValue(maskSide, this.checker);
      if (!ts.isCallExpression(call) || typeof mask !== "number" || !isSmallIntValue(mask) || mask < 0) continue;
      const callee = skipParens(call.expression);
      if (!ts.isIdentifier(callee) || !/^peek(8|16|32)$/.test(callee.text)) continue;
      const decl = this.resolveAlias(this.symbolOf(callee)).declarations?.[0];
      if (!decl || decl.getSourceFile().fileName !== INTRINSICS_FILE) continue;
      const loaded = this.intrinsic(callee.text, call, true);
      const pos = this.pos(node);
      const bits = this.temp({ raw: true });
      this.emit({ op: "raw-and", dst: bits, a: loaded, mask, pos });
      const dst = this.temp({ smallInt: true });
      this.emit({ op: "tag", dst, src: bits, max: mask, pos });
      return dst;
    }
    return undefined;
  }

  private intrinsic(name: string, node: ts.CallExpression, rawResult = false): VReg {
    const args = node.arguments;
    const pos = this.pos(node);
    const address = (arg: ts.Expression): VReg => {
      const c = constantNumber(arg, this.checker);
      if (typeof c === "number") {
        if (!Number.isInteger(c) || c < 0 || c > 0xffffffff) fail(arg, Codes.IntrinsicMisuse, "an address must be an integer in [0, 2^32)");
        const dst = this.temp({ raw: true });
        this.emit({ op: "const", dst, word: c >>> 0 });
        return dst;
      }
      // base + offset: added as raw words, so an address near the top of the small-integer
      // range plus an index needs no range proof.
      const inner = skipParens(arg);
      if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken
        && this.kindOf(inner.left) === "number" && this.kindOf(inner.right) === "number") {
        const left = address(inner.left), right = address(inner.right);
        const dst = this.temp({ raw: true });
        this.emit({ op: "raw-add", dst, a: left, b: right, pos });
        return dst;
      }
      const v = this.expr(arg);
      this.requireSmall(arg, v);
      const dst = this.temp({ raw: true });
      this.emit({ op: "untag", dst, src: v, pos });
      return dst;
    };
    // A value written to memory is a raw word too (the low 32 bits of the number).
    const rawValue = address;
    const width = (n: string): 8 | 16 | 32 => (n.endsWith("32") ? 32 : n.endsWith("16") ? 16 : 8);
    switch (name) {
      case "peek32": case "peek16": case "peek8": {
        const base = address(args[0]);
        const raw = this.temp({ raw: true });
        const bits = width(name);
        this.emit({ op: "load", dst: raw, base, offset: 0, width: bits, pos });
        if (rawResult) return raw;
        const dst = this.temp({ smallInt: true });
        this.emit({ op: "tag", dst, src: raw, max: bits < 32 ? 2 ** bits - 1 : undefined, pos });
        return dst;
      }
      case "poke32": case "poke16": case "poke8": {
        const base = address(args[0]);
        const value = rawValue(args[1]);
        this.emit({ op: "store", base, offset: 0, src: value, width: width(name), pos });
        return this.constant(UNDEFINED);
      }
      case "peekValue": {
        const base = address(args[0]);
        const dst = this.temp();
        this.emit({ op: "load", dst, base, offset: 0, width: 32, pos });
        return dst;
      }
      case "pokeValue": {
        const base = address(args[0]);
        const value = this.expr(args[1]);
        this.emit({ op: "store", base, offset: 0, src: value, width: 32, pos });
        return this.constant(UNDEFINED);
      }
      case "addressOf": {
        const v = this.expr(args[0]);
        const dst = this.temp({ smallInt: true });
        this.emit({ op: "addr-of", dst, src: v, pos });
        return dst;
      }
      case "objectAt": {
        const v = this.expr(args[0]);
        this.requireSmall(args[0], v);
        const dst = this.temp();
        this.emit({ op: "object-at", dst, src: v, pos });
        return dst;
      }
      case "objectKind": {
        const v = this.expr(args[0]);
        const descriptor = this.temp({ raw: true });
        this.emit({ op: "load", dst: descriptor, base: v, offset: 0, width: 32, pos });
        const raw = this.temp({ raw: true });
        this.emit({ op: "load", dst: raw, base: descriptor, offset: 0, width: 32, pos });
        const dst = this.temp({ smallInt: true });
        this.emit({ op: "tag", dst, src: raw, max: 255, pos });
        return dst;
      }
      case "isSmallInt": case "isObject": {
        const v = this.expr(args[0]);
        const dst = this.temp();
        this.emit({ op: name === "isSmallInt" ? "is-int" : "is-object", dst, src: v, pos });
        return dst;
      }
      case "callMethod": {
        const [code, self, argument, second] = this.exprList(args);
        const dst = this.temp();
        this.emit({ op: "call-code", dst, code, object: self, args: [argument ?? this.constant(UNDEFINED), second ?? this.constant(UNDEFINED), this.constant(UNDEFINED)], pos });
        return dst;
      }
      case "symbolAddress": {
        const c = constantValue(args[0], this.checker);
        if (typeof c !== "string") fail(args[0], Codes.IntrinsicMisuse, "symbolAddress takes a string literal");
        const raw = this.symbolAddress(c);
        const dst = this.temp({ smallInt: true });
        this.emit({ op: "addr-of", dst, src: raw, pos });
        return dst;
      }
      case "f64High": case "f64Low": case "f64FromWords": {
        if (!this.doubles) fail(node, Codes.IntrinsicMisuse, `${name} needs a program with doubles (use it under 'if (DOUBLES)')`);
        const symbol = name === "f64High" ? F64_WORDS.high : name === "f64Low" ? F64_WORDS.low : F64_WORDS.fromWords;
        return this.call(symbol, this.exprList(args), node, true);
      }
      case "panic": {
        const c = constantValue(args[0], this.checker);
        if (typeof c !== "number") fail(args[0], Codes.IntrinsicMisuse, "panic takes a constant code");
        this.emit({ op: "panic", code: c, pos });
        return this.constant(UNDEFINED);
      }
    }
    return fail(node, Codes.IntrinsicMisuse, `unknown intrinsic '${name}'`);
  }

  /** new Array(n) and Array(n). */
  private arrayOfLength(args: readonly ts.Expression[], node: ts.NewExpression | ts.CallExpression): VReg {
    if (args.length !== 1 || this.kindOf(args[0]) !== "number") {
      fail(node, Codes.UnsupportedCall, "new Array is supported on devices with one length argument");
    }
    return this.newArray(this.expr(args[0]), node);
  }

  private newExpression(node: ts.NewExpression): VReg {
    if (ts.isIdentifier(node.expression) && node.expression.text === "Array") return this.arrayOfLength(node.arguments ?? [], node);
    if (ts.isIdentifier(node.expression) && TYPED_ARRAYS[node.expression.text]) return this.newTypedArray(node);
    const classDecl = this.classDeclarationOf(node.expression);
    if (classDecl && this.isGlobal(node.expression) && classDecl === this.builtinClass("Promise")) this.usesPromises = true;
    if (classDecl) return this.newInstance(classDecl, node);
    return fail(node, Codes.UnsupportedSyntax, `'new ${node.expression.getText()}' is not supported on devices yet`);
  }

  /** new Uint8Array(length) (zero-filled) or new Uint8Array([values]), and the other types. */
  private newTypedArray(node: ts.NewExpression): VReg {
    const element = this.typedElement(node);
    if (!element) fail(node, Codes.UnsupportedType, `'${node.expression.getText()}' is not supported on devices`);
    const args = node.arguments ?? [];
    const source = args.length === 1 ? skipParens(args[0]) : undefined;
    const literal = source && ts.isArrayLiteralExpression(source) ? source : undefined;
    if (args.length !== 1 || (!literal && this.kindOf(args[0]) !== "number")) {
      fail(node, Codes.UnsupportedCall, `new ${node.expression.getText()} is supported on devices with a length or an array literal`);
    }
    if (literal && literal.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) {
      fail(literal, Codes.UnsupportedSyntax, "spread and holes in array literals are not supported on devices yet");
    }
    const values = literal ? this.exprList(literal.elements) : [];
    const length = literal ? this.constant(tagInt(values.length), true) : this.expr(args[0]);
    const descriptor = this.symbolAddress(`${DESCRIPTOR_TYPED_PREFIX}${element}`);
    const descriptorAddress = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: descriptorAddress, src: descriptor });
    const dst = this.temp();
    this.emit({
      op: "call", dst, callee: this.runtime("typedArrayNew"), pos: this.pos(node), newArray: true,
      args: [length, this.constant(tagInt(elementBytes(element)), true), descriptorAddress],
    });
    values.forEach((v, i) => {
      this.typedSet(dst, this.constant(tagInt(i), true), v, element, literal!.elements[i]);
    });
    this.typedDescriptors.add(element);
    return dst;
  }

  private arrayLiteral(node: ts.ArrayLiteralExpression): VReg {
    if (node.elements.some((e) => ts.isOmittedExpression(e))) {
      fail(node, Codes.UnsupportedSyntax, "holes in array literals are not supported on devices yet");
    }
    return this.arrayOfElements(node.elements, node);
  }

  /** A new array of these elements, in order: [a, ...xs, b] (plain values are pushed, spread
   *  arrays and strings appended); also the arguments of a call from a spread on. */
  private arrayOfElements(elements: readonly ts.Expression[], node: ts.Node): VReg {
    if (!elements.some((e) => ts.isSpreadElement(e))) return this.arrayOf(this.exprList(elements), node);
    const parts = elements.map((e) => {
      const iterated = ts.isSpreadElement(e) ? this.iterableArray(e.expression) : undefined;
      return iterated ? iterated() : this.expr(ts.isSpreadElement(e) ? e.expression : e);
    });
    const array = this.newArray(this.constant(tagInt(0), true), node);
    elements.forEach((e, i) => {
      if (!ts.isSpreadElement(e)) { this.call(this.runtime("arrayPush"), [array, parts[i]], e, false); return; }
      const kind = this.iterableArray(e.expression) ? "array" : this.kindOf(e.expression);
      if (kind !== "array" && kind !== "string") fail(e, Codes.UnsupportedSyntax, "spreading this value is not supported on devices yet");
      this.call(this.runtime(kind === "array" ? "arrayAppend" : "arrayAppendString"), [array, parts[i]], e, false);
    });
    return array;
  }

  /** A new array holding these values. */
  private arrayOf(values: VReg[], node: ts.Node): VReg {
    const array = this.newArray(this.constant(tagInt(values.length), true), node);
    if (values.length === 0) return array;
    const elements = this.temp({ raw: true });
    this.emit({ op: "load", dst: elements, base: array, offset: ARRAY_ELEMENTS, width: 32 });
    values.forEach((v, i) => this.emit({ op: "store", base: elements, offset: 4 * i, src: v, width: 32 }));
    return array;
  }

  private newArray(length: VReg, node: ts.Node): VReg {
    const dst = this.temp();
    this.emit({ op: "call", dst, callee: this.runtime("arrayNew"), args: [length], pos: this.pos(node), newArray: true });
    return dst;
  }

  private arrayOperand(node: ts.Expression): VReg {
    this.requireArray(node);
    return this.expr(node);
  }

  /** The element type when `node` is a typed array (undefined for a plain array). */
  private typedElement(node: ts.Expression): TypedElement | undefined {
    const element = typedArrayElement(this.checker.getTypeAtLocation(node));
    if ((element === "f32" || element === "f64") && !this.doubles) {
      fail(node, Codes.UnsupportedType, `${element === "f32" ? "Float32Array" : "Float64Array"} needs doubles, which devices do not support yet`);
    }
    return element;
  }

  private elementGetInto(dst: VReg, arrayNode: ts.Expression, array: VReg, index: VReg, node: ts.Node): void {
    const element = this.typedElement(arrayNode);
    if (element) this.typedGet(dst, array, index, element, node);
    else this.emit({ op: "elem-get", dst, array, index, pos: this.pos(node) });
  }

  private elementSet(arrayNode: ts.Expression, array: VReg, index: VReg, src: VReg, node: ts.Node): void {
    const element = this.typedElement(arrayNode);
    if (element) {
      this.typedSet(array, index, src, element, node);
    } else {
      this.emit({ op: "elem-set", array, index, src, pos: this.pos(node) });
    }
  }

  /** Element reads and writes of typed arrays: integers inline, floats through the runtime. */
  private typedGet(dst: VReg, array: VReg, index: VReg, element: TypedElement, node: ts.Node): void {
    if (element !== "f32" && element !== "f64") {
      this.emit({ op: "typed-get", dst, array, index, element, pos: this.pos(node) });
      return;
    }
    const value = this.call(this.runtime("typedGetFloat"), [array, index], node);
    this.emit({ op: "move", dst, src: value });
  }

  private typedSet(array: VReg, index: VReg, src: VReg, element: TypedElement, node: ts.Node): void {
    if (element !== "f32" && element !== "f64") this.emit({ op: "typed-set", array, index, src, element, pos: this.pos(node) });
    else this.call(this.runtime("typedSetFloat"), [array, index, src], node, false);
  }

  private requireArray(node: ts.Expression): void {
    const kind = this.kindOf(node);
    if (kind !== "array" && kind !== "typed") {
      fail(node, Codes.UnsupportedSyntax, `indexing a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node))}' is not supported on devices yet`);
    }
  }

  private elementGet(node: ts.ElementAccessExpression): VReg {
    const maybeArray = node.questionDotToken
      && valueKind(this.checker, this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression))) === "array";
    if (maybeArray) {
      // list?.[i]: undefined when list is null or undefined, and then i is not evaluated.
      return this.optionalChain(node, node.expression, (array) => {
        this.numberOperands(node.argumentExpression, node.argumentExpression);
        const dst = this.temp();
        this.emit({ op: "elem-get", dst, array, index: this.expr(node.argumentExpression), pos: this.pos(node) });
        return dst;
      });
    }
    if (this.kindOf(node.expression) === "object" || this.isObjectOrNullish(node.expression)) {
      if (this.kindOf(node.argumentExpression) !== "string") fail(node.argumentExpression, Codes.UnsupportedSyntax, "object keys are strings on devices");
      return this.optionalChain(node, node.expression, (object) => this.call(this.runtime("objGet"), [object, this.expr(node.argumentExpression)], node));
    }
    if (this.kindOf(node.expression) === "string") {
      this.numberOperands(node.argumentExpression, node.argumentExpression);
      const [s, index] = this.exprList([node.expression, node.argumentExpression]);
      return this.call(this.runtime("strAt"), [s, index, this.constant(FALSE)], node);
    }
    const array = this.arrayOperand(node.expression);
    const index = this.expr(node.argumentExpression);
    this.numberOperands(node.argumentExpression, node.argumentExpression);
    const dst = this.temp();
    this.elementGetInto(dst, node.expression, array, index, node);
    return dst;
  }

  private propertyGet(node: ts.PropertyAccessExpression): VReg {
    // a?.b on an array, string, Map, … that may be null or undefined (as a?.method(…)).
    const nonNullable = valueKind(this.checker, this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression)));
    if (node.questionDotToken && !this.bound.has(node.expression) && this.isNullable(node.expression) && nonNullable !== "object" && nonNullable !== "any") {
      return this.optionalChain(node, node.expression, (object) => {
        this.bound.set(node.expression, object);
        try {
          return this.propertyGet(node);
        } finally {
          this.bound.delete(node.expression);
        }
      });
    }
    let objKind = this.kindOf(node.expression);
    if (objKind === "any" && ts.isOptionalChain(node) && !node.questionDotToken) {
      // Later links of a?.b.c: the chain already yielded undefined if a was nullish, so the
      // access here sees undefined, or a value of the non-nullable type.
      const nonNullable = valueKind(this.checker, this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression)));
      if (nonNullable === "array" || nonNullable === "string" || nonNullable === "typed") {
        const object = this.expr(node.expression);
        const result = this.temp();
        this.emit({ op: "move", dst: result, src: this.constant(UNDEFINED) });
        const present = newBlock(this.fn), join = newBlock(this.fn);
        this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: object, b: this.constant(UNDEFINED), then: join, else: present, pos: this.pos(node) });
        this.startBlock(present);
        if (node.name.text !== "length") fail(node.name, Codes.UnsupportedSyntax, `property '${node.name.text}' in an optional chain is not supported on devices yet`);
        const raw = this.temp({ raw: true });
        const offset = nonNullable === "array" ? ARRAY_LENGTH : nonNullable === "typed" ? TYPED_LENGTH : STRING_LENGTH;
        this.emit({ op: "load", dst: raw, base: object, offset, width: 32, pos: this.pos(node) });
        const length = this.temp({ smallInt: true });
        this.emit({ op: "tag", dst: length, src: raw, max: SMALL_INT_MAX, pos: this.pos(node) });
        this.emit({ op: "move", dst: result, src: length });
        this.jumpTo(join);
        this.startBlock(join);
        return result;
      }
      if (nonNullable === "object") objKind = "object";
    }
    if (node.name.text === "length" && (objKind === "array" || objKind === "string" || objKind === "typed")) {
      const obj = this.expr(node.expression);
      const raw = this.temp({ raw: true });
      const offset = objKind === "array" ? ARRAY_LENGTH : objKind === "typed" ? TYPED_LENGTH : STRING_LENGTH;
      this.emit({ op: "load", dst: raw, base: obj, offset, width: 32, pos: this.pos(node) });
      const dst = this.temp({ smallInt: true });
      this.emit({ op: "tag", dst, src: raw, max: SMALL_INT_MAX, pos: this.pos(node) });
      return dst;
    }
    const member = this.classMember(node);
    if (member) return this.memberGet(member, node);
    if (objKind === "object" || (objKind === "any" && this.isObjectOrNullish(node.expression))) {
      return this.optionalChain(node, node.expression, (object) => this.call(this.runtime("objGet"), [object, this.stringLiteral(node.name.text)], node));
    }
    return fail(node, Codes.UnsupportedSyntax, `property '${node.name.text}' of a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node.expression))}' is not supported on devices yet`);
  }

  /** a?.b: undefined when a is null or undefined, else the access. */
  private optionalChain(node: ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression, objectNode: ts.Expression, access: (object: VReg) => VReg): VReg {
    const object = this.expr(objectNode);
    if (!node.questionDotToken) return access(object);
    const result = this.temp();
    this.emit({ op: "move", dst: result, src: this.constant(UNDEFINED) });
    const present = newBlock(this.fn), second = newBlock(this.fn), join = newBlock(this.fn);
    const pos = this.pos(node);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: object, b: this.constant(UNDEFINED), then: join, else: second, pos });
    this.startBlock(second);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: object, b: this.constant(NULL), then: join, else: present, pos });
    this.startBlock(present);
    this.emit({ op: "move", dst: result, src: access(object) });
    this.jumpTo(join);
    this.startBlock(join);
    return result;
  }

  /** Object types, possibly with undefined or null (optional chaining, optional fields). */
  private isObjectOrNullish(node: ts.Expression): boolean {
    const type = this.checker.getTypeAtLocation(node);
    const members = type.isUnion() ? type.types : [type];
    return members.every((t) => ["object", "nullish", "void"].includes(valueKind(this.checker, t)))
      && members.some((t) => valueKind(this.checker, t) === "object");
  }

  /** { a: 1, b, [key]: v, ...other }: a plain object, properties in order. */
  private objectLiteral(node: ts.ObjectLiteralExpression): VReg {
    const object = this.call(this.runtime("objNew"), [], node);
    for (const p of node.properties) {
      if (ts.isSpreadAssignment(p)) {
        this.call(this.runtime("objAssign"), [object, this.expr(p.expression)], p, false);
        continue;
      }
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) {
        fail(p, Codes.UnsupportedSyntax, "methods and accessors in object literals are not supported on devices yet", "use a property holding an arrow function");
      }
      let key: VReg;
      if (ts.isComputedPropertyName(p.name)) {
        if (this.kindOf(p.name.expression) !== "string") fail(p.name, Codes.UnsupportedSyntax, "computed property names are strings on devices");
        key = this.expr(p.name.expression);
      } else if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) {
        key = this.stringLiteral(p.name.text);
      } else {
        // Integer-like keys come first in JavaScript's property order: not modelled yet.
        return fail(p.name, Codes.UnsupportedSyntax, "numeric property names are not supported on devices yet");
      }
      if (/^(0|[1-9][0-9]*)$/.test(p.name.getText().replace(/^["']|["']$/g, ""))) {
        fail(p.name, Codes.UnsupportedSyntax, "integer-like property names are not supported on devices yet (JavaScript orders them first)");
      }
      const value = ts.isShorthandPropertyAssignment(p)
        ? this.identifier(p.name, this.checker.getShorthandAssignmentValueSymbol(p))
        : this.expr(p.initializer);
      this.call(this.runtime("objSet"), [object, key, value], p, false);
    }
    return object;
  }

  // ---------------------------------------------------------------- classes

  /**
   * Classes have a fixed layout: the descriptor, then every field, inherited ones first.
   * The descriptor (in flash) holds the kind, the parent's descriptor, the instance size and
   * the method table: a slot per method name, overridden in subclasses, so a call through a
   * base-class reference reaches the override. Methods take `this` in r0 and at most three
   * arguments in r1-r3; constructors are called directly and take any number.
   */
  private classInfo(decl: ts.ClassDeclaration): ClassInfo {
    let info = this.classes.get(decl);
    if (info) return info;
    if (!decl.name) fail(decl, Codes.UnsupportedSyntax, "anonymous classes are not supported on devices yet");
    const heritage = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const parentDecl = heritage ? this.classDeclarationOf(heritage.expression) : undefined;
    if (heritage && !parentDecl) fail(heritage, Codes.UnsupportedSyntax, "a class extends another class declared in the program on devices");
    if (parentDecl && this.isGlobal(heritage!.expression) && parentDecl === this.builtinClass("Promise")) {
      fail(heritage!, Codes.UnsupportedSyntax, "a class extending Promise is not supported on devices", "wrap a promise in a field instead");
    }
    const parent = parentDecl ? this.classInfo(parentDecl) : undefined;
    const stem = this.moduleInfo(decl.getSourceFile()).stem;
    const name = decl.name.text;
    info = {
      decl, name, parent,
      symbol: `${stem}.${name}`,
      descriptor: `${stem}.${name}<class>`,
      fields: [...(parent?.fields ?? [])],
      slots: new Map(parent?.slots ?? []),
      methods: [...(parent?.methods ?? [])],
      constructorSymbol: `${stem}.${name}<constructor>`,
      lowered: false,
    };
    this.classes.set(decl, info);
    // Parameter properties are created before the declared fields (ES2022 class fields), so
    // they come first in the layout, the order JSON.stringify and console.log show.
    const ctor = decl.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
    for (const p of ctor?.parameters ?? []) {
      if (ts.isParameterPropertyDeclaration(p, ctor!) && ts.isIdentifier(p.name) && !info.fields.includes(p.name.text)) info.fields.push(p.name.text);
    }
    for (const m of decl.members) {
      const isStatic = (ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) ?? false;
      if (m.name && ts.isPrivateIdentifier(m.name)) fail(m, Codes.UnsupportedSyntax, "#private members are not supported on devices yet; use the private keyword");
      if (ts.isPropertyDeclaration(m) && !isStatic) {
        const field = (m.name as ts.Identifier).text;
        if (!info.fields.includes(field)) info.fields.push(field);
      } else if ((ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) && !isStatic) {
        const key = ts.isGetAccessor(m) ? `get ${m.name.getText()}` : ts.isSetAccessor(m) ? `set ${m.name.getText()}` : m.name.getText();
        if (m.parameters.length > MAX_CLOSURE_PARAMETERS) fail(m.parameters[MAX_CLOSURE_PARAMETERS], Codes.UnsupportedSyntax, `methods take at most ${MAX_CLOSURE_PARAMETERS} parameters on devices yet`);
        const symbol = `${info.symbol}.${key.replace(" ", "$")}`;
        const existing = info.slots.get(key);
        if (existing !== undefined) info.methods[existing] = { symbol, decl: m };
        else { info.slots.set(key, info.methods.length); info.methods.push({ symbol, decl: m }); }
      } else if (ts.isConstructorDeclaration(m)) {
        // Its parameter properties are laid out above.
      } else if (isStatic && ts.isPropertyDeclaration(m)) {
        const symbol = `${info.symbol}.${(m.name as ts.Identifier).text}`;
        const global: IrGlobal = { symbol, initial: UNDEFINED, module: this.moduleName(decl.getSourceFile()), name: `${name}.${m.name.getText()}` };
        this.globals.push(global);
        this.staticFields.set(this.symbolOf(m.name), { symbol, initializer: m.initializer });
      } else if (!(isStatic && ts.isMethodDeclaration(m)) && !ts.isSemicolonClassElement(m) && !ts.isIndexSignatureDeclaration(m)) {
        fail(m, Codes.UnsupportedSyntax, `this class member is not supported on devices yet`);
      }
    }
    this.lowerClass(info);
    return info;
  }

  /** Descriptor, methods and constructor of a class (lowered once, when first used). */
  private lowerClass(info: ClassInfo): void {
    if (info.lowered) return;
    info.lowered = true;
    const decl = info.decl;
    const bytes = new Uint8Array(CLASS_METHODS + 4 * info.methods.length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, KIND_OBJECT, true);
    view.setUint32(CLASS_SIZE, 4 + 4 * info.fields.length, true);
    const relocs: IrData["relocs"] = [{ offset: CLASS_FIELD_NAMES, symbol: this.constantArray(info.fields.map((f) => this.stringSymbol(f))), addend: 0 }];
    if (info.parent) relocs.push({ offset: CLASS_PARENT, symbol: info.parent.descriptor, addend: 0 });
    const slotNames: string[] = [];
    for (const [name, slot] of info.slots) slotNames[slot] = name;
    relocs.push({ offset: CLASS_METHOD_NAMES, symbol: this.constantArray(Array.from(slotNames, (n) => this.stringSymbol(n ?? ""))), addend: 0 });
    relocs.push({ offset: CLASS_NAME, symbol: this.stringSymbol(info.name), addend: 0 });
    view.setUint32(CLASS_PRINT, this.printMode(info), true);
    info.methods.forEach((m, i) => {
      if (m.decl.body) relocs.push({ offset: CLASS_METHODS + 4 * i, symbol: m.symbol, addend: 1 });
    });
    this.data.push({ symbol: info.descriptor, bytes, align: 4, module: this.moduleName(decl.getSourceFile()), relocs });
    const saved = this.saveState();
    for (const m of decl.members) {
      if (!(ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) || !m.body) continue;
      const isStatic = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false;
      if (isStatic) continue;
      const key = ts.isGetAccessor(m) ? `get ${m.name.getText()}` : ts.isSetAccessor(m) ? `set ${m.name.getText()}` : m.name.getText();
      const method = info.methods[info.slots.get(key)!];
      const body = m.body;
      this.functionCode(method.symbol, `${info.name}.${m.name.getText()}`, decl.getSourceFile(), m, (fn) => {
        this.thisVReg = newVReg(fn, { name: "this" });
        fn.params.push(this.thisVReg);
        this.currentClass = info;
        this.parameters(m);
        this.body(body.statements);
      });
    }
    this.lowerConstructor(info);
    this.restoreState(saved);
  }

  private lowerConstructor(info: ClassInfo): void {
    const decl = info.decl;
    const ctor = decl.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
    const fn = this.beginFunction(info.constructorSymbol, `new ${info.name}`, decl.getSourceFile(), ctor ?? decl);
    this.thisVReg = newVReg(fn, { name: "this" });
    fn.params.push(this.thisVReg);
    this.currentClass = info;
    const initializeFields = () => {
      for (const m of decl.members) {
        if (!ts.isPropertyDeclaration(m) || m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
        const value = m.initializer ? this.expr(m.initializer) : this.constant(UNDEFINED);
        this.emit({ op: "store", base: this.thisVReg!, offset: this.fieldOffset(info, (m.name as ts.Identifier).text), src: value, width: 32, pos: this.pos(m) });
      }
    };
    if (ctor) {
      this.parameters(ctor);
      ctor.parameters.forEach((p, i) => {
        if (ts.isParameterPropertyDeclaration(p, ctor) && ts.isIdentifier(p.name)) {
          // The incoming value (parameter i + 1: `this` comes first).
          this.emit({ op: "store", base: this.thisVReg!, offset: this.fieldOffset(info, p.name.text), src: fn.params[i + 1], width: 32 });
        }
      });
      if (!info.parent) initializeFields();
      this.afterSuper = info.parent ? initializeFields : undefined;
      if (ctor.body) this.body(ctor.body.statements);
      this.afterSuper = undefined;
    } else {
      // No constructor: the parent's gets the same arguments (up to its parameters).
      if (info.parent) {
        const parentCtor = info.parent.decl.members.find(ts.isConstructorDeclaration);
        const count = this.constructorArity(info.parent);
        const args: VReg[] = [];
        for (let i = 0; i < count; i++) {
          const v = newVReg(fn, { name: parentCtor?.parameters[i]?.name.getText() ?? `arg${i}` });
          fn.params.push(v);
          args.push(v);
        }
        this.emit({ op: "call", dst: undefined, callee: info.parent.constructorSymbol, args: [this.thisVReg, ...args], pos: this.pos(decl) });
      }
      initializeFields();
    }
    this.setTerm({ op: "return", value: this.thisVReg });
    this.finishFunction(fn);
  }

  /** Parameters a class's constructor takes (its own, or its ancestors' when it has none). */
  private constructorArity(info: ClassInfo): number {
    const ctor = info.decl.members.find(ts.isConstructorDeclaration);
    if (ctor) return ctor.parameters.length;
    return info.parent ? this.constructorArity(info.parent) : 0;
  }

  private isErrorClass(decl: ts.ClassDeclaration): boolean {
    const error = this.builtinErrorClass("Error");
    for (let info: ClassInfo | undefined = this.classInfo(decl); info; info = info.parent) if (info.decl === error) return true;
    return false;
  }

  private fieldOffset(info: ClassInfo, field: string): number {
    const index = info.fields.indexOf(field);
    if (index < 0) throw new Error(`internal: ${info.name} has no field ${field}`);
    return 4 + 4 * index;
  }

  private classDeclarationOf(node: ts.Expression): ts.ClassDeclaration | undefined {
    const sym = this.checker.getSymbolAtLocation(node);
    const decl = sym && this.resolveAlias(sym).valueDeclaration;
    if (decl && ts.isClassDeclaration(decl)) return decl;
    // The global error classes are the runtime's (sdk/lib/rt/errors.ts).
    if (sym && decl?.getSourceFile().isDeclarationFile && BUILTIN_CLASSES[sym.name]) return this.builtinClass(sym.name);
    return undefined;
  }

  private builtinErrorClass(name: string): ts.ClassDeclaration {
    return this.builtinClass(name);
  }

  private builtinClass(name: string): ts.ClassDeclaration {
    const sf = this.sourceFile(path.join(RT_DIR, BUILTIN_CLASSES[name]));
    const decl = sf.statements.find((st): st is ts.ClassDeclaration => ts.isClassDeclaration(st) && st.name?.text === name);
    if (!decl) throw new Error(`internal: no ${name} in sdk/lib/rt/${BUILTIN_CLASSES[name]}`);
    return decl;
  }

  /** The class declaration an instance type comes from. */
  private instanceClass(node: ts.Expression): ts.ClassDeclaration | undefined {
    const sym = this.typeAt(node).getSymbol();
    const decl = sym?.valueDeclaration;
    if (decl && ts.isClassDeclaration(decl)) return decl;
    if (sym && BUILTIN_CLASSES[sym.name] && sym.declarations?.[0]?.getSourceFile().isDeclarationFile) return this.builtinClass(sym.name);
    return undefined;
  }

  private newInstance(decl: ts.ClassDeclaration, node: ts.NewExpression): VReg {
    if (decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword)) fail(node, Codes.UnsupportedSyntax, "an abstract class cannot be created");
    const info = this.classInfo(decl);
    const args = this.exprList(node.arguments ?? []);
    const arity = this.constructorArity(info);
    while (args.length < arity) args.push(this.constant(UNDEFINED));
    args.length = arity;
    const descriptor = this.symbolAddress(info.descriptor);
    const descriptorNumber = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: descriptorNumber, src: descriptor });
    const object = this.call(this.runtime("objectNew"), [descriptorNumber, this.constant(tagInt(4 + 4 * info.fields.length), true)], node);
    this.emit({ op: "call", dst: undefined, callee: info.constructorSymbol, args: [object, ...args], pos: this.pos(node) });
    return object;
  }

  private thisValue(node: ts.Node): VReg {
    if (this.thisVReg !== undefined && this.fn.params[0] === this.thisVReg) return this.thisVReg;
    if (this.thisCell !== undefined) {
      const value = this.temp();
      this.emit({ op: "load", dst: value, base: this.thisCell, offset: CELL_VALUE, width: 32, pos: this.pos(node) });
      return value;
    }
    return fail(node, Codes.UnsupportedSyntax, "'this' is supported on devices in methods, constructors and the arrow functions inside them");
  }

  /** What a property access on a class instance (or a class, for statics) refers to. */
  private classMember(node: ts.PropertyAccessExpression): ClassMember | undefined {
    const sym = this.checker.getSymbolAtLocation(node.name);
    const decl = sym?.declarations?.[0];
    // name and message of the global Error interface: the runtime Error class's fields.
    if (decl && ts.isPropertySignature(decl) && ts.isInterfaceDeclaration(decl.parent) && decl.parent.name.text === "Error"
      && decl.getSourceFile().isDeclarationFile && (node.name.text === "name" || node.name.text === "message")) {
      return { kind: "field", info: this.classInfo(this.builtinErrorClass("Error")), name: node.name.text };
    }
    // A member of a runtime class standing in for a global one (Map, Set): found by name.
    const receiverClass = decl?.getSourceFile().isDeclarationFile ? this.instanceClass(node.expression) : undefined;
    if (receiverClass && receiverClass.getSourceFile().fileName.startsWith(RT_DIR)) {
      const info = this.classInfo(receiverClass);
      const name = node.name.text;
      if (info.slots.has(`get ${name}`) || info.slots.has(`set ${name}`)) return { kind: "accessor", info, name };
      if (info.slots.has(name)) return { kind: "method", info, key: name };
      if (info.fields.includes(name)) return { kind: "field", info, name };
      fail(node.name, Codes.UnsupportedCall, `'${name}' of ${info.name} is not supported on devices yet`);
    }
    if (!decl || !decl.parent || !ts.isClassDeclaration(decl.parent)) {
      if (decl && ts.isParameter(decl) && ts.isConstructorDeclaration(decl.parent) && ts.isParameterPropertyDeclaration(decl, decl.parent)) {
        return { kind: "field", info: this.classInfo(decl.parent.parent as ts.ClassDeclaration), name: node.name.text };
      }
      return undefined;
    }
    const owner = decl.parent as ts.ClassDeclaration;
    const isStatic = ts.canHaveModifiers(decl) && (ts.getModifiers(decl)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
    if (isStatic) {
      if (ts.isPropertyDeclaration(decl)) { this.classInfo(owner); return { kind: "static-field", symbol: this.staticFields.get(sym!)!.symbol }; }
      if (ts.isMethodDeclaration(decl)) return { kind: "static-method", decl };
      return undefined;
    }
    const instanceDecl = this.instanceClass(node.expression) ?? owner;
    const info = this.classInfo(instanceDecl);
    if (ts.isPropertyDeclaration(decl)) return { kind: "field", info, name: node.name.text };
    if (ts.isMethodDeclaration(decl)) return { kind: "method", info, key: node.name.text };
    if (ts.isGetAccessor(decl) || ts.isSetAccessor(decl)) return { kind: "accessor", info, name: node.name.text };
    return undefined;
  }

  private memberGet(member: ClassMember, node: ts.PropertyAccessExpression): VReg {
    switch (member.kind) {
      case "field": {
        const object = this.expr(node.expression);
        const dst = this.temp();
        this.emit({ op: "load", dst, base: object, offset: this.fieldOffset(member.info, member.name), width: 32, pos: this.pos(node) });
        return dst;
      }
      case "static-field": {
        const dst = this.temp();
        this.emit({ op: "load", dst, base: this.symbolAddress(member.symbol), offset: 0, width: 32, pos: this.pos(node) });
        return dst;
      }
      case "accessor": {
        const slot = member.info.slots.get(`get ${member.name}`);
        if (slot === undefined) fail(node, Codes.UnsupportedSyntax, `'${member.name}' has no getter`);
        const object = this.expr(node.expression);
        return this.methodCall(object, slot, [], node);
      }
    }
    return fail(node, Codes.UnsupportedSyntax, "a method as a value is not supported on devices yet", "call it, or wrap it in an arrow function");
  }

  /** super(…) in a derived constructor: the parent's constructor on this object, then this
   *  class's field initialisers. */
  private superCall(node: ts.CallExpression): VReg {
    const info = this.currentClass;
    if (!info?.parent || this.thisVReg === undefined) fail(node, Codes.UnsupportedSyntax, "super(…) outside a derived class's constructor");
    const args = this.exprList(node.arguments);
    const arity = this.constructorArity(info.parent);
    while (args.length < arity) args.push(this.constant(UNDEFINED));
    args.length = arity;
    this.emit({ op: "call", dst: undefined, callee: info.parent.constructorSymbol, args: [this.thisVReg, ...args], pos: this.pos(node) });
    const initialize = this.afterSuper;
    this.afterSuper = undefined;
    initialize?.();
    return this.constant(UNDEFINED);
  }

  /** super.method(…): the parent's implementation, called directly on this. */
  private superMethodCall(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
    const parent = this.currentClass?.parent;
    const slot = parent?.slots.get(callee.name.text);
    if (!parent || slot === undefined || this.thisVReg === undefined) fail(node, Codes.UnsupportedSyntax, `super.${callee.name.text} is not a method of the parent class`);
    const args = this.exprList(node.arguments);
    while (args.length < MAX_CLOSURE_PARAMETERS) args.push(this.constant(UNDEFINED));
    return this.call(parent.methods[slot].symbol, [this.thisVReg, ...args], node);
  }

  private staticMethodSymbol(decl: ts.MethodDeclaration): string {
    let symbol = this.funcSymbols.get(decl);
    if (!symbol) {
      const owner = decl.parent as ts.ClassDeclaration;
      symbol = this.uniqueName(`${this.classInfo(owner).symbol}.${decl.name.getText()}`);
      this.funcSymbols.set(decl, symbol);
      this.pending.push({ decl: decl as unknown as ts.FunctionDeclaration, symbol });
    }
    return symbol;
  }

  private methodCall(object: VReg, slot: number, args: VReg[], node: ts.Node): VReg {
    while (args.length < MAX_CLOSURE_PARAMETERS) args.push(this.constant(UNDEFINED));
    const dst = this.temp();
    this.emit({ op: "call-method", dst, object, slot, args, pos: this.pos(node) });
    return dst;
  }
}

interface ClassInfo {
  decl: ts.ClassDeclaration;
  name: string;
  parent?: ClassInfo;
  symbol: string;
  descriptor: string;
  /** Every field, inherited ones first: the instance layout. */
  fields: string[];
  /** Method-table slot by name ("name", "get name", "set name"). */
  slots: Map<string, number>;
  methods: Array<{ symbol: string; decl: ts.MethodDeclaration | ts.AccessorDeclaration }>;
  constructorSymbol: string;
  lowered: boolean;
}

type ClassMember =
  | { kind: "field"; info: ClassInfo; name: string }
  | { kind: "static-field"; symbol: string }
  | { kind: "static-method"; decl: ts.MethodDeclaration }
  | { kind: "method"; info: ClassInfo; key: string }
  | { kind: "accessor"; info: ClassInfo; name: string };

// ---------------------------------------------------------------- small helpers

/** Symbols referenced from inside the module's functions. */
function symbolsUsedInFunctions(sf: ts.SourceFile, checker: ts.TypeChecker): Set<ts.Symbol> {
  const used = new Set<ts.Symbol>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const sym = checker.getSymbolAtLocation(node);
      if (sym) used.add(sym);
    }
    ts.forEachChild(node, visit);
  };
  // Every function body, including arrow functions and function expressions at module level:
  // a module variable they use must outlive the module's top-level code.
  const visitFunctions = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) visit(node.body);
    else ts.forEachChild(node, visitFunctions);
  };
  visitFunctions(sf);
  return used;
}

interface PrintPiece { text?: string; value?: VReg; node: ts.Node; spaceBefore: boolean }

/** console.log's arguments as printed pieces. A constant first argument with format
 *  specifiers is expanded as Node's util.format does: %s and %d/%i take the next argument,
 *  %% is a percent sign (only when arguments follow), unmatched specifiers stay as they are,
 *  and the remaining arguments follow, separated by spaces. */
function formatPieces(node: ts.CallExpression, values: VReg[], constant: (e: ts.Expression) => unknown, kindOf: (e: ts.Expression) => ValueKind): PrintPiece[] {
  const args = node.arguments;
  const plain = () => values.map((value, i): PrintPiece => ({ value, node: args[i], spaceBefore: true }));
  const format = args.length > 1 ? constant(args[0]) : undefined;
  if (typeof format !== "string" || !format.includes("%")) return plain();
  const pieces: PrintPiece[] = [];
  let text = "";
  let next = 1;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%" || i + 1 >= format.length) { text += c; continue; }
    const spec = format[i + 1];
    if (spec === "%") { text += "%"; i++; continue; }
    if ("sdifjoOc".includes(spec) && next < args.length) {
      if (!"sdi".includes(spec)) fail(args[next], Codes.UnsupportedCall, `the format specifier %${spec} is not supported on devices yet`, "use %s, %d or %i");
      if (spec !== "s" && kindOf(args[next]) !== "number") {
        fail(args[next], Codes.UnsupportedCall, `%${spec} with a value that is not a number is not supported on devices yet`, "use %s");
      }
      if (text) pieces.push({ text, node, spaceBefore: false });
      text = "";
      pieces.push({ value: values[next], node: args[next], spaceBefore: false });
      next++;
      i++;
      continue;
    }
    text += c;
  }
  if (text) pieces.push({ text, node, spaceBefore: false });
  for (; next < args.length; next++) pieces.push({ value: values[next], node: args[next], spaceBefore: true });
  return pieces.map((p, i) => (i === 0 ? { ...p, spaceBefore: false } : p));
}

function skipParens(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

/** A 32-bit address (a peripheral register above 2^31): used by intrinsics only. */
function isRegisterAddress(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < 2 ** 32 && !Object.is(n, -0);
}

/** Can running this statement call a function of the program (console.log cannot)? */
function mayCallUserCode(node: ts.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const isConsoleLog = ts.isCallExpression(node) && node.expression.getText() === "console.log";
    if (!isConsoleLog) return true;
  }
  // Function bodies (methods, arrows) run when called, not where they are written.
  if (ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, mayCallUserCode) ?? false;
}

/** Can evaluating this expression assign to a variable (assignment, ++/--, or a call)? */
function mayAssign(node: ts.Node): boolean {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment
    && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node))
    && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return true;
  return ts.forEachChild(node, mayAssign) ?? false;
}

function truncatedDivision(node: ts.BinaryExpression): ts.BinaryExpression | undefined {
  if (node.operatorToken.kind !== ts.SyntaxKind.BarToken) return undefined;
  const right = skipParens(node.right);
  if (!ts.isNumericLiteral(right) || right.text !== "0") return undefined;
  const left = skipParens(node.left);
  return ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.SlashToken ? left : undefined;
}

function isNullishLiteral(node: ts.Expression): boolean {
  node = skipParens(node);
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === "undefined");
}

function isIntrinsics(sf: ts.SourceFile): boolean {
  return path.resolve(sf.fileName) === INTRINSICS_FILE;
}

function needsInit(stmt: ts.Statement, foldable: (d: ts.VariableDeclaration) => boolean, inDeadZone: (d: ts.VariableDeclaration) => boolean): boolean {
  if (ts.isClassDeclaration(stmt)) {
    return stmt.members.some((m) => ts.isPropertyDeclaration(m) && (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false));
  }
  if (ts.isFunctionDeclaration(stmt) || ts.isImportDeclaration(stmt) || ts.isInterfaceDeclaration(stmt)
    || ts.isTypeAliasDeclaration(stmt) || ts.isExportDeclaration(stmt) || ts.isEmptyStatement(stmt)) return false;
  if (ts.isVariableStatement(stmt)) {
    // Constants folded at compile time need no code; anything else is set when the module runs,
    // as is `let x;` that functions may read before it runs (undefined, out of its dead zone).
    return stmt.declarationList.declarations.some((d) => (d.initializer !== undefined && !foldable(d)) || (d.initializer === undefined && inDeadZone(d)));
  }
  return true;
}

function moduleStem(fileName: string): string {
  if (isBoardModuleFile(fileName)) return "board";
  return path.basename(fileName).replace(/\.(d\.)?tsx?$/, "");
}

function syntaxName(node: ts.Node): string {
  const name = ts.SyntaxKind[node.kind];
  return `'${name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}'`;
}

function comparisonOp(op: ts.SyntaxKind): { op: CmpOp; equality: boolean; loose: boolean } | undefined {
  switch (op) {
    case ts.SyntaxKind.LessThanToken: return { op: "lt", equality: false, loose: false };
    case ts.SyntaxKind.LessThanEqualsToken: return { op: "le", equality: false, loose: false };
    case ts.SyntaxKind.GreaterThanToken: return { op: "gt", equality: false, loose: false };
    case ts.SyntaxKind.GreaterThanEqualsToken: return { op: "ge", equality: false, loose: false };
    case ts.SyntaxKind.EqualsEqualsEqualsToken: return { op: "eq", equality: true, loose: false };
    case ts.SyntaxKind.ExclamationEqualsEqualsToken: return { op: "ne", equality: true, loose: false };
    case ts.SyntaxKind.EqualsEqualsToken: return { op: "eq", equality: true, loose: true };
    case ts.SyntaxKind.ExclamationEqualsToken: return { op: "ne", equality: true, loose: true };
  }
  return undefined;
}

function compoundOperator(op: ts.SyntaxKind): ts.SyntaxKind | undefined {
  switch (op) {
    case ts.SyntaxKind.PlusEqualsToken: return ts.SyntaxKind.PlusToken;
    case ts.SyntaxKind.MinusEqualsToken: return ts.SyntaxKind.MinusToken;
    case ts.SyntaxKind.AsteriskEqualsToken: return ts.SyntaxKind.AsteriskToken;
    case ts.SyntaxKind.SlashEqualsToken: return ts.SyntaxKind.SlashToken;
    case ts.SyntaxKind.PercentEqualsToken: return ts.SyntaxKind.PercentToken;
    case ts.SyntaxKind.AmpersandEqualsToken: return ts.SyntaxKind.AmpersandToken;
    case ts.SyntaxKind.BarEqualsToken: return ts.SyntaxKind.BarToken;
    case ts.SyntaxKind.CaretEqualsToken: return ts.SyntaxKind.CaretToken;
    case ts.SyntaxKind.LessThanLessThanEqualsToken: return ts.SyntaxKind.LessThanLessThanToken;
    case ts.SyntaxKind.GreaterThanGreaterThanEqualsToken: return ts.SyntaxKind.GreaterThanGreaterThanToken;
    case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken: return ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken;
    case ts.SyntaxKind.AsteriskAsteriskEqualsToken: return ts.SyntaxKind.AsteriskAsteriskToken;
  }
  return undefined;
}

function numOp(op: ts.SyntaxKind): NumOp | undefined {
  switch (op) {
    case ts.SyntaxKind.PlusToken: return "add";
    case ts.SyntaxKind.MinusToken: return "sub";
    case ts.SyntaxKind.AsteriskToken: return "mul";
    case ts.SyntaxKind.SlashToken: return "div";
    case ts.SyntaxKind.PercentToken: return "mod";
    case ts.SyntaxKind.AmpersandToken: return "and";
    case ts.SyntaxKind.BarToken: return "or";
    case ts.SyntaxKind.CaretToken: return "xor";
    case ts.SyntaxKind.LessThanLessThanToken: return "shl";
    case ts.SyntaxKind.GreaterThanGreaterThanToken: return "sar";
    case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken: return "shr";
  }
  return undefined;
}

/** [a, b] or { a, b } (typescript's own test for this is not part of its public API). */
function isBindingPattern(node: ts.Node): node is ts.BindingPattern {
  return ts.isArrayBindingPattern(node) || ts.isObjectBindingPattern(node);
}

/** The first await of a module's top-level code (outside its functions and classes). */
function firstTopLevelAwait(sf: ts.SourceFile): ts.Node | undefined {
  const find = (node: ts.Node): ts.Node | undefined => {
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return node;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return undefined;
    return ts.forEachChild(node, find);
  };
  return ts.forEachChild(sf, find);
}

function isAsync(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

/** Does this arrow function body use `this` (its own or that of an arrow function inside)? */
function usesThis(node: ts.Node): boolean {
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if ((ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, usesThis) ?? false;
}
