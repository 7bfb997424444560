// Lowering modules: which files are the app's, the file an import names, each module's init
// function (its top-level code) and its variables as globals. A const whose value is known at
// compile time (a number, a string, a register address) is folded into its uses instead; a
// module variable a function might read before its declaration has run is checked at run
// time (the temporal dead zone).

import ts from "typescript";
import path from "node:path";
import type { IrGlobal, VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { UNDEFINED, isSmallIntValue, isInt32Value } from "../values.ts";
import { REPO_ROOT, isBoardModuleFile } from "../frontend/program.ts";
import { constantNumber, constantValue } from "./constants.ts";
import { checkUnsupported } from "./subset.ts";
import { Lowerer, type ModuleInfo } from "./lowerer.ts";
import { INTRINSICS_FILE } from "./runtime-symbols.ts";
import { isBindingPattern } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    isAppModule(sf: ts.SourceFile): boolean;
    sourceFile(file: string): ts.SourceFile;
    importedFile(spec: ts.StringLiteral): ts.SourceFile | undefined;
    moduleInfo(sf: ts.SourceFile): ModuleInfo;
    uniqueName(base: string): string;
    lowerModuleDeclarations(sf: ts.SourceFile): void;
    moduleCode(sf: ts.SourceFile, promoted: Set<ts.VariableDeclaration>): void;
    declareGlobal(d: ts.VariableDeclaration, info: ModuleInfo): void;
    isFoldableConst(d: ts.VariableDeclaration): boolean;
    numberConstant(n: number, node: ts.Node): VReg;
    isBoxedConstant(n: number): boolean;
    inDeadZone(d: ts.VariableDeclaration): boolean;
    globalConstant(d: ts.VariableDeclaration): number | string | undefined;
    moduleName(sf: ts.SourceFile): string;
  }
}

Lowerer.prototype.isAppModule = function isAppModule(this: Lowerer, sf: ts.SourceFile): boolean {
  if (sf.isDeclarationFile || isBoardModuleFile(sf.fileName)) return false;
  const rel = path.relative(REPO_ROOT, sf.fileName);
  return rel.startsWith("..") || !(rel.startsWith("sdk/") || rel.startsWith("boards/") || rel.startsWith("ports/"));
};

Lowerer.prototype.sourceFile = function sourceFile(this: Lowerer, file: string): ts.SourceFile {
  const sf = this.program.getSourceFile(file) ?? this.program.getSourceFiles().find((s) => path.resolve(s.fileName) === path.resolve(file));
  if (!sf) throw new Error(`internal: ${file} is not part of the program`);
  return sf;
};

Lowerer.prototype.importedFile = function importedFile(this: Lowerer, spec: ts.StringLiteral): ts.SourceFile | undefined {
  const symbol = this.checker.getSymbolAtLocation(spec);
  const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (decl && ts.isSourceFile(decl)) return decl;
  return undefined;
};

Lowerer.prototype.moduleInfo = function moduleInfo(this: Lowerer, sf: ts.SourceFile): ModuleInfo {
  let info = this.modules.get(sf);
  if (!info) {
    const stem = this.uniqueName(stemFor(sf, this.program));
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
};

Lowerer.prototype.uniqueName = function uniqueName(this: Lowerer, base: string): string {
  let name = base;
  for (let i = 2; this.usedSymbolNames.has(name); i++) name = `${base}${i}`;
  this.usedSymbolNames.add(name);
  return name;
};

/** Globals and the init function of one module; functions are lowered when called. */
Lowerer.prototype.lowerModuleDeclarations = function lowerModuleDeclarations(this: Lowerer, sf: ts.SourceFile): void {
  if (sf.isDeclarationFile || isIntrinsics(sf)) return;
  checkUnsupported(sf, this.checker);
  // `import "mote/smp"`: a module imported for its effect runs, though nothing of it is named.
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || stmt.importClause !== undefined) continue;
    const target = this.importedFile(stmt.moduleSpecifier as ts.StringLiteral);
    if (target !== undefined) this.modulesUsed.add(target);
  }
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
};

/** The statements of a module's top-level code (into its init function). */
Lowerer.prototype.moduleCode = function moduleCode(this: Lowerer, sf: ts.SourceFile, promoted: Set<ts.VariableDeclaration>): void {
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
};

Lowerer.prototype.declareGlobal = function declareGlobal(this: Lowerer, d: ts.VariableDeclaration, info: ModuleInfo): void {
  if (!ts.isIdentifier(d.name)) fail(d.name, Codes.UnsupportedSyntax, "destructuring at module level into variables that functions use is not supported on devices yet");
  this.modulesUsed.add(info.sf);
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
};

/** A `const` whose value is known at compile time needs no storage: uses are folded. */
Lowerer.prototype.isFoldableConst = function isFoldableConst(this: Lowerer, d: ts.VariableDeclaration): boolean {
  if ((ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) === 0 || d.initializer === undefined || this.inDeadZone(d)) return false;
  if (constantValue(d.initializer, this.checker) !== undefined) return true;
  // Numbers outside the small-integer range fold only when a device can hold them (int32);
  // anything else (-0, a fraction) is computed at run time, where it stops with its error.
  const n = constantNumber(d.initializer, this.checker);
  return n !== undefined && (isInt32Value(n) || isRegisterAddress(n) || this.doubles);
};

/** A number constant that is a boxed object in flash: not a small integer, and a value the
 *  program can hold (an int32, or any double when it has doubles). */
Lowerer.prototype.numberConstant = function numberConstant(this: Lowerer, n: number, node: ts.Node): VReg {
  if (!this.isBoxedConstant(n)) return this.constant(this.wordForConstant(n, node), true);
  const dst = this.temp();
  this.emit({ op: "symbol", dst, symbol: this.boxedNumberSymbol(n), addend: 0 });
  return dst;
};

Lowerer.prototype.isBoxedConstant = function isBoxedConstant(this: Lowerer, n: number): boolean {
  return !isSmallIntValue(n) && (isInt32Value(n) || this.doubles);
};

/** The initial word of a global, when its initializer is a constant. */
Lowerer.prototype.inDeadZone = function inDeadZone(this: Lowerer, d: ts.VariableDeclaration): boolean {
  return this.moduleInfo(d.getSourceFile()).temporalDeadZone.has(d);
};

Lowerer.prototype.globalConstant = function globalConstant(this: Lowerer, d: ts.VariableDeclaration): number | string | undefined {
  if (this.inDeadZone(d)) return undefined;
  if (!d.initializer) return UNDEFINED;
  const c = constantValue(d.initializer, this.checker);
  if (c === undefined) return undefined;
  if (typeof c === "string") return c;
  if (typeof c === "number" && this.isBoxedConstant(c)) return undefined; // boxed: set by module code
  return this.wordForConstant(c, d.initializer);
};

Lowerer.prototype.moduleName = function moduleName(this: Lowerer, sf: ts.SourceFile): string {
  if (isBoardModuleFile(sf.fileName)) return "mote/board";
  const rel = path.relative(REPO_ROOT, sf.fileName);
  return rel.startsWith("..") ? path.relative(process.cwd(), sf.fileName) : rel;
};

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

/** Stems of the SDK's own modules (sdk/, boards/, ports/) in a program: the port's
 *  hand-written code names some of their symbols (`heap.bump`), so they keep their stems. */
const sdkStems = new WeakMap<ts.Program, Set<string>>();

function isSdkFile(fileName: string): boolean {
  const rel = path.relative(REPO_ROOT, fileName);
  return !rel.startsWith("..") && /^(sdk|boards|ports)[\\/]/.test(rel);
}

/** A module's stem, its symbols' prefix: an app's `heap.ts` becomes `heap.app`, leaving
 *  `heap` to the runtime's. */
function stemFor(sf: ts.SourceFile, program: ts.Program): string {
  const stem = moduleStem(sf.fileName);
  if (isSdkFile(sf.fileName)) return stem;
  let reserved = sdkStems.get(program);
  if (!reserved) {
    reserved = new Set(program.getSourceFiles().filter((f) => !f.isDeclarationFile && isSdkFile(f.fileName)).map((f) => moduleStem(f.fileName)));
    sdkStems.set(program, reserved);
  }
  return reserved.has(stem) ? `${stem}.app` : stem;
}

function moduleStem(fileName: string): string {
  if (isBoardModuleFile(fileName)) return "board";
  return path.basename(fileName).replace(/\.(d\.)?tsx?$/, "");
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
