// The Lowerer: the state of lowering one program, and what every construct needs from it.
// Here are the per-program state (functions, globals and data made so far, symbols given out)
// and the per-function state (current function and block, locals, loops, try blocks), the
// driver (lowerProgram, which lowers the modules and then every function they reach), runtime
// and function symbols, and the primitives: emit, temp, constant, call, blocks, pos, kindOf,
// typeAt and the constant data (strings, boxed numbers, constant arrays).
//
// The constructs are lowered by methods the other files of this folder add to this class
// (lower.ts lists them; each file's `declare module` block says what it adds). Members are
// therefore not private even where nothing outside lower/ should use them: outside, the class
// is used through the constructor, lowerProgram, runtimeSymbol, consoleWriteSymbol and the
// public results (functions, globals, data, typedDescriptors, usesTimers …).

import ts from "typescript";
import path from "node:path";
import type { SourcePos } from "../asm/types.ts";
import {
  type Block, type Inst, type IrData, type IrFunction, type IrGlobal, type IrProgram, type VReg,
  newVReg,
} from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  ARRAY_ELEMENTS, ARRAY_LENGTH, DESCRIPTOR_STRING16, DESCRIPTOR_STRING8, FALSE, NULL, STRING_LENGTH,
  TRUE, UNDEFINED, isSmallIntValue, tagInt, ARRAY_SIZE, DESCRIPTOR_ARRAY, NUMBER_SIZE,
  NUMBER_LOW, DESCRIPTOR_NUMBER,
} from "../values.ts";
import { type TypedElement, type ValueKind, valueKind } from "./types.ts";
import { buildFlags } from "./constants.ts";
import type { AsyncState } from "./async.ts";
import { LIB_DIR, RT_DIR, RT, type RtName } from "./runtime-symbols.ts";
import { isI2cBusesModuleFile } from "../frontend/program.ts";

const BUILTIN_ERRORS = ["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError"];
interface LoopTargets { breakTo: Block; continueTo?: Block; label?: string; tryDepth?: number }

/** An enclosing try block: its handler record and the finally block leaving it must run. */
interface TryContext {
  record: number;
  finallyBlock?: ts.Block;
  /** A for…of over an iterator (iteration.ts): leaving it early closes the iterator. */
  close?: { record: VReg; node: ts.Node };
}

export interface ModuleInfo {
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
  /** The bare profile (passes/bare-profile.ts): the heap is a bump allocator, no collector. */
  bare?: boolean;
}

export class Lowerer {
  readonly functions: IrFunction[] = [];
  readonly globals: IrGlobal[] = [];
  readonly data: IrData[] = [];
  readonly funcSymbols = new Map<ts.Declaration, string>();
  /** Modules whose variables the program uses: their top-level code must run (lowerProgram). */
  readonly modulesUsed = new Set<ts.SourceFile>();
  /** Expressions already evaluated, known not to be null or undefined (a?.method(…)). */
  readonly bound = new Map<ts.Expression, VReg>();
  readonly pending: Array<{ decl: ts.FunctionDeclaration; symbol: string }> = [];
  readonly globalSymbols = new Map<ts.Symbol, string>();
  private readonly strings = new Map<string, string>();
  readonly modules = new Map<ts.SourceFile, ModuleInfo>();
  readonly usedSymbolNames = new Set<string>();
  readonly deadZoneGlobals = new Set<string>();
  /** Typed array element types used: their descriptors go into the image. */
  readonly typedDescriptors = new Set<TypedElement>();
  /** Set when the program starts timers: main runs the event loop after the modules. */
  usesTimers = false;
  /** Set when the program makes promises (or async functions): main drains the microtask
   *  queue after the modules, and the event loop after every timer. */
  usesPromises = false;
  /** Set when a throw statement or a rejection lowered may throw something other than an
   *  instance of an Error class or a string (lower/thrown-values.ts). */
  throwsOtherValues = false;
  /** Set when the program can make an array shorter (pop): lengths are no longer lower bounds. */
  arraysShrink = false;
  /** Numbers may be doubles (LowerOptions.doubles). */
  doubles = false;
  /** Set when a function reached by value calls reads the argument count (more than three
   *  parameters, or a rest parameter): every value call then passes it (ir.ts). */
  countsArguments = false;

  // Per-function state.
  fn!: IrFunction;
  block!: Block;
  locals = new Map<ts.Symbol, VReg>();
  /** Captured variables of the current function: the register holding each one's cell. */
  cells = new Map<ts.Symbol, VReg>();
  loops: LoopTargets[] = [];
  tries: TryContext[] = [];
  /** The label of a labelled loop, until the loop takes it (takeLabel). */
  pendingLabel: string | undefined;
  closureCount = 0;
  readonly classes = new Map<ts.ClassDeclaration, ClassInfo>();
  /** Classes whose type other objects can have (structurally): classes.ts, isExactClass. */
  inexactClasses: Set<ts.ClassDeclaration> | undefined;
  readonly staticFields = new Map<ts.Symbol, { symbol: string; initializer?: ts.Expression }>();
  /** `this` of the method or constructor being lowered. */
  thisVReg: VReg | undefined;
  /** In an arrow function that uses `this`: the cell holding the `this` it was created with. */
  thisCell: VReg | undefined;
  currentClass: ClassInfo | undefined;
  /** In a derived constructor: field initialisers, run right after super(…). */
  afterSuper: (() => void) | undefined;
  /** In the resume code of an async function: its frame and its awaits (async.ts). */
  asyncState: AsyncState | undefined;
  /** The program's main file, and the init of its module when it has top-level await. */
  entryFile: ts.SourceFile | undefined;
  asyncInit: string | undefined;
  /** Static closures for top-level functions used as values, by declaration. */
  readonly functionValues = new Map<ts.FunctionDeclaration, string>();

  constructor(readonly program: ts.Program, readonly checker: ts.TypeChecker) {}

  lowerProgram(entryFile: string, options: LowerOptions): IrProgram {
    const entrySf = this.sourceFile(entryFile);
    this.entryFile = entrySf;
    this.doubles = options.doubles;
    buildFlags.DOUBLES = options.doubles;
    buildFlags.FRACTIONS = options.fractions;
    buildFlags.BARE = options.bare ?? false;
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
    // The board's I2C buses (and the bus API and driver behind them) run only when the app
    // uses one: every app importing "mote" imports them.
    const i2cBuses = this.program.getSourceFiles().find((sf) => isI2cBusesModuleFile(sf.fileName));
    if (i2cBuses) visit(i2cBuses);
    const runtimeModules = new Set(order);
    visit(entrySf);

    // The program's own modules always run; a runtime or library module (sdk/lib) only when
    // something of it is used: a function, or a module variable (its top-level code, such as
    // a timer list or `uart`'s object, costs nothing otherwise). What the port's hand-written
    // code calls is requested first.
    const declared = new Set<ts.SourceFile>();
    const declare = (sf: ts.SourceFile) => { declared.add(sf); this.lowerModuleDeclarations(sf); };
    const onDemand = (sf: ts.SourceFile) => runtimeModules.has(sf) || !path.relative(LIB_DIR, sf.fileName).startsWith("..");
    for (const sf of order) if (!onDemand(sf)) declare(sf);
    for (const name of ["start", "exit", "arraySet", "alloc", "collectFrom", "uncaughtText"] as const) this.runtime(name);
    this.consoleWriteSymbol(options.consoleDriver);
    this.drain();
    for (let changed = true; changed;) {
      changed = false;
      for (const sf of order) {
        if (declared.has(sf)) continue;
        const used = this.modulesUsed.has(sf) || [...this.funcSymbols.keys()].some((d) => d.getSourceFile() === sf)
          || [...this.globalSymbols.keys()].some((symbol) => symbol.valueDeclaration?.getSourceFile() === sf);
        if (!used) continue;
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
    return { functions: this.functions, globals: this.globals, data: this.data, entry: "__mote_main", arraysShrink: this.arraysShrink, doubles: this.doubles, countsArguments: this.countsArguments };
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

  // ---------------------------------------------------------------- runtime and function symbols

  /** The symbol of a runtime function (lowering it if nothing has yet). */
  runtimeSymbol(name: RtName): string {
    const symbol = this.runtime(name);
    this.drain();
    return symbol;
  }

  /** The symbol of a runtime function if something has lowered it, without lowering it (and
   *  running its module's init) otherwise. */
  loweredRuntimeSymbol(name: RtName): string | undefined {
    return this.funcSymbols.get(this.runtimeDeclaration(name));
  }

  /** The symbol of the console driver's consoleWrite. */
  consoleWriteSymbol(driverFile: string): string {
    const sf = this.sourceFile(driverFile);
    // Declared in the driver, or re-exported from the UART family's module (boards/chips/arm/pl011.ts).
    const exported = this.checker.getExportsOfModule(this.checker.getSymbolAtLocation(sf)!).find((e) => e.name === "consoleWrite");
    const target = exported && exported.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(exported) : exported;
    const decl = target?.declarations?.find((d): d is ts.FunctionDeclaration => ts.isFunctionDeclaration(d));
    if (!decl) throw new Error(`internal: ${driverFile} has no consoleWrite`);
    const symbol = this.functionSymbol(decl);
    this.drain();
    return symbol;
  }

  runtime(name: RtName): string {
    return this.functionSymbol(this.runtimeDeclaration(name));
  }

  /** The declaration of runtime function `name` (RT). */
  runtimeDeclaration(name: RtName): ts.FunctionDeclaration {
    const [file, exportName] = RT[name];
    const sf = this.sourceFile(path.join(RT_DIR, file));
    const moduleSymbol = this.checker.getSymbolAtLocation(sf);
    const exp = moduleSymbol && this.checker.getExportsOfModule(moduleSymbol).find((s) => s.name === exportName);
    const decl = exp?.declarations?.find(ts.isFunctionDeclaration);
    if (!decl) throw new Error(`internal: runtime function ${exportName} missing from ${file}`);
    return decl;
  }

  functionSymbol(decl: ts.FunctionDeclaration): string {
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

  saveState() {
    return {
      fn: this.fn, block: this.block, locals: this.locals, loops: this.loops, cells: this.cells, label: this.pendingLabel, tries: this.tries,
      thisVReg: this.thisVReg, thisCell: this.thisCell, currentClass: this.currentClass, afterSuper: this.afterSuper,
      asyncState: this.asyncState,
    };
  }

  restoreState(s: ReturnType<Lowerer["saveState"]>): void {
    this.fn = s.fn; this.block = s.block; this.locals = s.locals; this.loops = s.loops; this.cells = s.cells;
    this.pendingLabel = s.label;
    this.tries = s.tries;
    this.thisVReg = s.thisVReg; this.thisCell = s.thisCell; this.currentClass = s.currentClass; this.afterSuper = s.afterSuper;
    this.asyncState = s.asyncState;
  }

  // ---------------------------------------------------------------- primitives

  pos(node: ts.Node): SourcePos {
    const sf = node.getSourceFile();
    // A method call or a property read (a getter) is at the name, where V8 places it (err.stack's
    // frames, lower/error-stacks.ts).
    const at = ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) ? node.expression.name
      : ts.isPropertyAccessExpression(node) ? node.name : node;
    const { line, character } = sf.getLineAndCharacterOfPosition(at.getStart(sf));
    const memberCall = ts.isCallExpression(node) && (ts.isPropertyAccessExpression(node.expression) || ts.isElementAccessExpression(node.expression));
    return { file: sf.fileName, line: line + 1, column: character + 1, ...(memberCall ? { memberCall } : {}) };
  }

  emit(inst: Inst): void {
    // Code after a return/break is unreachable; it still gets lowered into a fresh block
    // that no one jumps to (and the back end drops).
    this.block.insts.push(inst);
  }

  temp(info: { smallInt?: boolean; raw?: boolean } = {}): VReg {
    return newVReg(this.fn, info);
  }

  constant(word: number, smallInt = false): VReg {
    const dst = this.temp({ smallInt });
    this.emit({ op: "const", dst, word: word >>> 0 });
    return dst;
  }

  symbolAddress(symbol: string): VReg {
    const dst = this.temp({ raw: true });
    this.emit({ op: "symbol", dst, symbol, addend: 0 });
    return dst;
  }

  call(callee: string, args: VReg[], node: ts.Node, hasResult = true, smallInt = false): VReg {
    const dst = hasResult ? this.temp({ smallInt }) : undefined;
    this.emit({ op: "call", dst, callee, args, pos: this.pos(node) });
    return dst ?? this.constant(UNDEFINED);
  }

  setTerm(term: Block["term"]): void {
    if (this.block.term.op === "unreachable") this.block.term = term;
  }

  startBlock(block: Block): void {
    this.block = block;
  }

  jumpTo(target: Block): void {
    this.setTerm({ op: "jump", target });
  }

  symbolOf(node: ts.Node): ts.Symbol {
    const s = this.checker.getSymbolAtLocation(node);
    if (!s) fail(node, Codes.UnsupportedSyntax, `cannot resolve '${node.getText()}'`);
    return s;
  }

  kindOf(node: ts.Expression): ValueKind {
    // A value a cast gave its type, used on the spot: any representation (checked-casts.ts).
    if (this.castDoubted(node)) return "any";
    return valueKind(this.checker, this.typeAt(node));
  }

  /** The type of an expression; without null and undefined once a?.… has tested it. */
  typeAt(node: ts.Expression): ts.Type {
    const type = this.checker.getTypeAtLocation(node);
    return this.bound.has(node) ? this.checker.getNonNullableType(type) : type;
  }

  /** A type that includes null or undefined, and something else. */
  isNullable(node: ts.Expression): boolean {
    const type = this.checker.getTypeAtLocation(node);
    return type !== this.checker.getNonNullableType(type) && !(this.checker.getNonNullableType(type).flags & ts.TypeFlags.Never);
  }

  wordForConstant(c: number | boolean | null | undefined, node: ts.Node): number {
    if (typeof c === "boolean") return c ? TRUE : FALSE;
    if (c === null) return NULL;
    if (c === undefined) return UNDEFINED;
    if (!isSmallIntValue(c)) {
      fail(node, Codes.NumberOutOfRange, `the number ${Object.is(c, -0) ? "-0" : String(c)} is not supported on devices yet`,
        "numbers are integers in the int32 range until doubles arrive");
    }
    return tagInt(c);
  }

  /** An array object in flash whose elements are these symbols' addresses, after its own
   *  words as in a heap array (read-only: the runtime never writes it, nor grows it). */
  constantArray(symbols: string[]): string {
    const symbol = `__array${this.data.length}`;
    const bytes = new Uint8Array(ARRAY_SIZE + 4 * symbols.length);
    new DataView(bytes.buffer).setUint32(ARRAY_LENGTH, symbols.length, true);
    this.data.push({
      symbol, bytes, align: 4, module: "constants",
      relocs: [
        { offset: 0, symbol: DESCRIPTOR_ARRAY, addend: 0 },
        { offset: ARRAY_ELEMENTS, symbol, addend: ARRAY_SIZE },
        ...symbols.map((target, i) => ({ offset: ARRAY_SIZE + 4 * i, symbol: target, addend: 0 })),
      ],
    });
    return symbol;
  }

  /** A number outside the small-integer range, boxed in flash (an IEEE double). */
  boxedNumberSymbol(n: number): string {
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

  stringSymbol(text: string): string {
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

  /** The text of every string constant, by its symbol (passes/method-uses.ts reads which
   *  method names a function looks up by name). */
  stringTexts(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const [text, symbol] of this.strings) if (symbol.startsWith("__str")) texts.set(symbol, text);
    return texts;
  }
}

export interface ClassInfo {
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
