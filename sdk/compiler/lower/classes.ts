// Lowering classes: each class gets a layout (its fields at fixed offsets, its parent's first),
// a method table and a descriptor in flash; new runs the constructor (in a derived class, the
// field initialisers right after super(…)). Members, super calls and method calls are lowered
// here; the built-in classes (Error and its kinds, Map, Set, Promise, ArrayBuffer, DataView)
// are classes of the runtime's TypeScript sources, lowered like the program's own.

import ts from "typescript";
import path from "node:path";
import { type IrData, type IrGlobal, type VReg, newVReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  UNDEFINED, tagInt, CELL_VALUE, KIND_OBJECT, CLASS_PARENT, CLASS_SIZE, CLASS_METHODS,
  CLASS_FIELD_NAMES, CLASS_METHOD_NAMES, CLASS_NAME, CLASS_PRINT,
} from "../values.ts";
import { TYPED_ARRAYS } from "./types.ts";
import { Lowerer, type ClassInfo } from "./lowerer.ts";
import { RT_DIR, MAX_CLOSURE_PARAMETERS } from "./runtime-symbols.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    newExpression(node: ts.NewExpression): VReg;
    classInfo(decl: ts.ClassDeclaration): ClassInfo;
    lowerClass(info: ClassInfo): void;
    lowerConstructor(info: ClassInfo): void;
    constructorArity(info: ClassInfo): number;
    isErrorClass(decl: ts.ClassDeclaration): boolean;
    fieldOffset(info: ClassInfo, field: string): number;
    classDeclarationOf(node: ts.Expression): ts.ClassDeclaration | undefined;
    builtinErrorClass(name: string): ts.ClassDeclaration;
    builtinClass(name: string): ts.ClassDeclaration;
    instanceClass(node: ts.Expression): ts.ClassDeclaration | undefined;
    newInstance(decl: ts.ClassDeclaration, node: ts.NewExpression): VReg;
    thisValue(node: ts.Node): VReg;
    classMember(node: ts.PropertyAccessExpression): ClassMember | undefined;
    memberGet(member: ClassMember, node: ts.PropertyAccessExpression): VReg;
    superCall(node: ts.CallExpression): VReg;
    superMethodCall(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg;
    staticMethodSymbol(decl: ts.MethodDeclaration): string;
    methodCall(object: VReg, slot: number, args: VReg[], node: ts.Node): VReg;
  }
}

/** Global classes the runtime implements in device TypeScript, and where. */
const BUILTIN_CLASSES: Record<string, string> = {
  Error: "errors.ts", TypeError: "errors.ts", RangeError: "errors.ts", ReferenceError: "errors.ts",
  SyntaxError: "errors.ts", EvalError: "errors.ts", URIError: "errors.ts",
  Map: "collections.ts", Set: "collections.ts",
  Promise: "promise.ts",
  ArrayBuffer: "dataview.ts", DataView: "dataview.ts",
};

type ClassMember =
  | { kind: "field"; info: ClassInfo; name: string }
  | { kind: "static-field"; symbol: string }
  | { kind: "static-method"; decl: ts.MethodDeclaration }
  | { kind: "method"; info: ClassInfo; key: string }
  | { kind: "accessor"; info: ClassInfo; name: string };

Lowerer.prototype.newExpression = function newExpression(this: Lowerer, node: ts.NewExpression): VReg {
  if (ts.isIdentifier(node.expression) && node.expression.text === "Array") return this.arrayOfLength(node.arguments ?? [], node);
  if (ts.isIdentifier(node.expression) && TYPED_ARRAYS[node.expression.text]) return this.newTypedArray(node);
  const classDecl = this.classDeclarationOf(node.expression);
  if (classDecl && this.isGlobal(node.expression) && classDecl === this.builtinClass("Promise")) this.usesPromises = true;
  if (classDecl) return this.newInstance(classDecl, node);
  return fail(node, Codes.UnsupportedSyntax, `'new ${node.expression.getText()}' is not supported on devices yet`);
};

/**
 * Classes have a fixed layout: the descriptor, then every field, inherited ones first.
 * The descriptor (in flash) holds the kind, the parent's descriptor, the instance size and
 * the method table: a slot per method name, overridden in subclasses, so a call through a
 * base-class reference reaches the override. Methods take `this` in r0 and at most three
 * arguments in r1-r3; constructors are called directly and take any number.
 */
Lowerer.prototype.classInfo = function classInfo(this: Lowerer, decl: ts.ClassDeclaration): ClassInfo {
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
};

/** Descriptor, methods and constructor of a class (lowered once, when first used). */
Lowerer.prototype.lowerClass = function lowerClass(this: Lowerer, info: ClassInfo): void {
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
};

Lowerer.prototype.lowerConstructor = function lowerConstructor(this: Lowerer, info: ClassInfo): void {
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
};

/** Parameters a class's constructor takes (its own, or its ancestors' when it has none). */
Lowerer.prototype.constructorArity = function constructorArity(this: Lowerer, info: ClassInfo): number {
  const ctor = info.decl.members.find(ts.isConstructorDeclaration);
  if (ctor) return ctor.parameters.length;
  return info.parent ? this.constructorArity(info.parent) : 0;
};

Lowerer.prototype.isErrorClass = function isErrorClass(this: Lowerer, decl: ts.ClassDeclaration): boolean {
  const error = this.builtinErrorClass("Error");
  for (let info: ClassInfo | undefined = this.classInfo(decl); info; info = info.parent) if (info.decl === error) return true;
  return false;
};

Lowerer.prototype.fieldOffset = function fieldOffset(this: Lowerer, info: ClassInfo, field: string): number {
  const index = info.fields.indexOf(field);
  if (index < 0) throw new Error(`internal: ${info.name} has no field ${field}`);
  return 4 + 4 * index;
};

Lowerer.prototype.classDeclarationOf = function classDeclarationOf(this: Lowerer, node: ts.Expression): ts.ClassDeclaration | undefined {
  const sym = this.checker.getSymbolAtLocation(node);
  const decl = sym && this.resolveAlias(sym).valueDeclaration;
  if (decl && ts.isClassDeclaration(decl)) return decl;
  // The global error classes are the runtime's (sdk/lib/rt/errors.ts).
  if (sym && decl?.getSourceFile().isDeclarationFile && BUILTIN_CLASSES[sym.name]) return this.builtinClass(sym.name);
  return undefined;
};

Lowerer.prototype.builtinErrorClass = function builtinErrorClass(this: Lowerer, name: string): ts.ClassDeclaration {
  return this.builtinClass(name);
};

Lowerer.prototype.builtinClass = function builtinClass(this: Lowerer, name: string): ts.ClassDeclaration {
  const sf = this.sourceFile(path.join(RT_DIR, BUILTIN_CLASSES[name]));
  const decl = sf.statements.find((st): st is ts.ClassDeclaration => ts.isClassDeclaration(st) && st.name?.text === name);
  if (!decl) throw new Error(`internal: no ${name} in sdk/lib/rt/${BUILTIN_CLASSES[name]}`);
  return decl;
};

/** The class declaration an instance type comes from. */
Lowerer.prototype.instanceClass = function instanceClass(this: Lowerer, node: ts.Expression): ts.ClassDeclaration | undefined {
  const sym = this.typeAt(node).getSymbol();
  const decl = sym?.valueDeclaration;
  if (decl && ts.isClassDeclaration(decl)) return decl;
  if (sym && BUILTIN_CLASSES[sym.name] && sym.declarations?.[0]?.getSourceFile().isDeclarationFile) return this.builtinClass(sym.name);
  return undefined;
};

Lowerer.prototype.newInstance = function newInstance(this: Lowerer, decl: ts.ClassDeclaration, node: ts.NewExpression): VReg {
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
};

Lowerer.prototype.thisValue = function thisValue(this: Lowerer, node: ts.Node): VReg {
  if (this.thisVReg !== undefined && this.fn.params[0] === this.thisVReg) return this.thisVReg;
  if (this.thisCell !== undefined) {
    const value = this.temp();
    this.emit({ op: "load", dst: value, base: this.thisCell, offset: CELL_VALUE, width: 32, pos: this.pos(node) });
    return value;
  }
  const holder = this.reviverThis(node);
  if (holder !== undefined) return holder;
  return fail(node, Codes.UnsupportedSyntax, "'this' is supported on devices in methods, constructors, JSON.parse revivers and the arrow functions inside them");
};

/** What a property access on a class instance (or a class, for statics) refers to. */
Lowerer.prototype.classMember = function classMember(this: Lowerer, node: ts.PropertyAccessExpression): ClassMember | undefined {
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
};

Lowerer.prototype.memberGet = function memberGet(this: Lowerer, member: ClassMember, node: ts.PropertyAccessExpression): VReg {
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
};

/** super(…) in a derived constructor: the parent's constructor on this object, then this
 *  class's field initialisers. */
Lowerer.prototype.superCall = function superCall(this: Lowerer, node: ts.CallExpression): VReg {
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
};

/** super.method(…): the parent's implementation, called directly on this. */
Lowerer.prototype.superMethodCall = function superMethodCall(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
  const parent = this.currentClass?.parent;
  const slot = parent?.slots.get(callee.name.text);
  if (!parent || slot === undefined || this.thisVReg === undefined) fail(node, Codes.UnsupportedSyntax, `super.${callee.name.text} is not a method of the parent class`);
  const args = this.exprList(node.arguments);
  while (args.length < MAX_CLOSURE_PARAMETERS) args.push(this.constant(UNDEFINED));
  return this.call(parent.methods[slot].symbol, [this.thisVReg, ...args], node);
};

Lowerer.prototype.staticMethodSymbol = function staticMethodSymbol(this: Lowerer, decl: ts.MethodDeclaration): string {
  let symbol = this.funcSymbols.get(decl);
  if (!symbol) {
    const owner = decl.parent as ts.ClassDeclaration;
    symbol = this.uniqueName(`${this.classInfo(owner).symbol}.${decl.name.getText()}`);
    this.funcSymbols.set(decl, symbol);
    this.pending.push({ decl: decl as unknown as ts.FunctionDeclaration, symbol });
  }
  return symbol;
};

Lowerer.prototype.methodCall = function methodCall(this: Lowerer, object: VReg, slot: number, args: VReg[], node: ts.Node): VReg {
  while (args.length < MAX_CLOSURE_PARAMETERS) args.push(this.constant(UNDEFINED));
  const dst = this.temp();
  this.emit({ op: "call-method", dst, object, slot, args, pos: this.pos(node) });
  return dst;
};
