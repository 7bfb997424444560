// Lowering classes: each class gets a layout (its fields at fixed offsets, its parent's first),
// a method table and a descriptor in flash; new runs the constructor (in a derived class, the
// field initialisers right after super(…)). Members, super calls and method calls are lowered
// here; the built-in classes (Error and its kinds, Map, Set, Promise, ArrayBuffer, DataView)
// are classes of the runtime's TypeScript sources, lowered like the program's own.

import ts from "typescript";
import path from "node:path";
import { type IrData, type IrGlobal, type VReg, newBlock, newVReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  UNDEFINED, tagInt, CELL_VALUE, KIND_OBJECT, CLASS_PARENT, CLASS_SIZE, CLASS_METHODS,
  CLASS_FIELD_NAMES, CLASS_METHOD_NAMES, CLASS_NAME, CLASS_PRINT,
} from "../values.ts";
import { TYPED_ARRAYS, interfaceMethodNames } from "./types.ts";
import { Lowerer, type ClassInfo } from "./lowerer.ts";
import { RT_DIR } from "./runtime-symbols.ts";
import { skipParens } from "./syntax.ts";
import { usesThis } from "./functions.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    newExpression(node: ts.NewExpression): VReg;
    classInfo(decl: ts.ClassDeclaration): ClassInfo;
    lowerClass(info: ClassInfo): void;
    lowerConstructor(info: ClassInfo): void;
    constructorArity(info: ClassInfo): number;
    constructorParameters(info: ClassInfo): readonly ts.ParameterDeclaration[];
    isErrorClass(decl: ts.ClassDeclaration): boolean;
    fieldOffset(info: ClassInfo, field: string): number;
    classDeclarationOf(node: ts.Expression): ts.ClassDeclaration | undefined;
    builtinErrorClass(name: string): ts.ClassDeclaration;
    builtinClass(name: string): ts.ClassDeclaration;
    instanceClass(node: ts.Expression): ts.ClassDeclaration | undefined;
    classOfType(type: ts.Type): ts.ClassDeclaration | undefined;
    isExactClass(decl: ts.ClassDeclaration): boolean;
    byField(member: ClassMember & { kind: "field" }, object: VReg, node: ts.Node, inPlace: () => void, byName: () => void): void;
    newInstance(decl: ts.ClassDeclaration, node: ts.NewExpression, args?: VReg[]): VReg;
    thisValue(node: ts.Node): VReg;
    classMember(node: ts.PropertyAccessExpression): ClassMember | undefined;
    memberGet(member: ClassMember, node: ts.PropertyAccessExpression): VReg;
    superCall(node: ts.CallExpression): VReg;
    superMethodCall(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg;
    staticMethodSymbol(decl: ts.MethodDeclaration): string;
    methodCall(object: VReg, slot: number, args: VReg[], node: ts.Node, name: string): VReg;
  }
}

/** Global classes the runtime implements in device TypeScript, and where. */
const BUILTIN_CLASSES: Record<string, string> = {
  Error: "errors.ts", TypeError: "errors.ts", RangeError: "errors.ts", ReferenceError: "errors.ts",
  SyntaxError: "errors.ts", EvalError: "errors.ts", URIError: "errors.ts",
  Map: "collections.ts", Set: "collections.ts",
  Promise: "promise.ts",
  ArrayBuffer: "typed-arrays.ts", DataView: "dataview.ts",
  Date: "date.ts",
  RegExp: "regexp.ts",
  Generator: "generators.ts",
};

type ClassMember =
  /** `guarded`: the object may have the class's type without being its instance (isExactClass):
   *  the field is used in place only when the object's class is this very one (byField). */
  | { kind: "field"; info: ClassInfo; name: string; guarded?: boolean }
  | { kind: "static-field"; symbol: string }
  | { kind: "static-method"; decl: ts.MethodDeclaration }
  | { kind: "method"; info: ClassInfo; key: string }
  | { kind: "accessor"; info: ClassInfo; name: string };

Lowerer.prototype.newExpression = function newExpression(this: Lowerer, node: ts.NewExpression): VReg {
  if (ts.isIdentifier(node.expression) && node.expression.text === "Array") return this.arrayOfLength(node.arguments ?? [], node);
  if (ts.isIdentifier(node.expression) && TYPED_ARRAYS[node.expression.text]) return this.newTypedArray(node);
  const classDecl = this.classDeclarationOf(node.expression);
  if (classDecl && this.isGlobal(node.expression) && classDecl === this.builtinClass("Promise")) return this.newPromise(classDecl, node);
  if (classDecl && classDecl === this.builtinClass("ArrayBuffer")) return this.newArrayBuffer(classDecl, node);
  if (classDecl && this.isGlobal(node.expression) && ts.isIdentifier(node.expression) && node.expression.text === "Date") {
    for (const arg of node.arguments ?? []) {
      if (this.kindOf(arg) !== "number") {
        fail(arg, Codes.UnsupportedCall, "new Date() takes numbers on devices: a time value or year, month, … fields; date strings and Date objects are not parsed",
          "pass milliseconds since 1970 (new Date(Date.UTC(2024, 0, 31))) or another date's getTime()");
      }
    }
  }
  if (classDecl && classDecl === this.builtinClass("RegExp") && this.isGlobal(node.expression)) return this.newRegExp(node);
  // new Map(iterable), new Set(iterable) of an iterator, a generator or a [Symbol.iterator]()
  // class: what it gives, as an array (iteration.ts); arrays, strings, Maps and Sets are
  // taken by the constructors themselves.
  const source = node.arguments?.length === 1 ? node.arguments[0] : undefined;
  if (classDecl && source && !ts.isSpreadElement(source) && (classDecl === this.builtinClass("Map") || classDecl === this.builtinClass("Set"))
    && this.kindOf(source) === "object" && !this.iterableArray(source) && !["Map", "Set"].includes(this.instanceClass(source)?.name?.text ?? "")) {
    return this.newInstance(classDecl, node, [this.iteratedArray(source)]);
  }
  // A Map's or Set's iterator (its keys(), …): what is left of it, as an array.
  const rest = classDecl && source && !ts.isSpreadElement(source) && (classDecl === this.builtinClass("Map") || classDecl === this.builtinClass("Set"))
    && ts.isCallExpression(skipParens(source)) ? this.iterableArray(source) : undefined;
  if (classDecl && rest) return this.newInstance(classDecl, node, [rest()]);
  if (classDecl) return this.newInstance(classDecl, node);
  return fail(node, Codes.UnsupportedSyntax, `'new ${node.expression.getText()}' is not supported on devices yet`);
};

/**
 * Classes have a fixed layout: the descriptor, then every field, inherited ones first.
 * The descriptor (in flash) holds the kind, the parent's descriptor, the instance size and
 * the method table: a slot per method name, overridden in subclasses, so a call through a
 * base-class reference reaches the override. Methods are reached by value calls (`this` is
 * the receiver: ir.ts, the value-call convention); constructors are called directly.
 */
Lowerer.prototype.classInfo = function classInfo(this: Lowerer, decl: ts.ClassDeclaration): ClassInfo {
  let info = this.classes.get(decl);
  if (info) return info;
  if (!decl.name) fail(decl, Codes.UnsupportedSyntax, "anonymous classes are not supported on devices yet");
  // A decorator may replace what it decorates: compiled as if absent, the class would behave
  // differently from Node's.
  for (const node of [decl, ...decl.members, ...decl.members.flatMap((m) => ts.isConstructorDeclaration(m) || ts.isMethodDeclaration(m) ? [...m.parameters] : [])]) {
    const decorator = ts.canHaveDecorators(node) ? ts.getDecorators(node)?.[0] : undefined;
    if (decorator) fail(decorator, Codes.UnsupportedSyntax, "decorators are not supported on devices", "call the function that would decorate explicitly");
  }
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
  // The methods of the interfaces a class without a parent implements come first, in the
  // interfaces' order: a call through the interface tries that slot first (calls.ts,
  // methodCodeByName).
  if (!parent) {
    const implemented = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword)?.types ?? [];
    for (const name of implemented.flatMap((t) => interfaceMethodNames(this.checker, this.checker.getTypeAtLocation(t)))) {
      const method = decl.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText() === name && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword));
      if (!method || info.slots.has(name)) continue;
      info.slots.set(name, info.methods.length);
      info.methods.push({ symbol: `${info.symbol}.${name}`, decl: method as ts.MethodDeclaration });
    }
  }
  // Parameter properties are created before the declared fields (ES2022 class fields), so
  // they come first in the layout, the order JSON.stringify and console.log show.
  const ctor = decl.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  for (const p of ctor?.parameters ?? []) {
    if (ts.isParameterPropertyDeclaration(p, ctor!) && ts.isIdentifier(p.name) && !info.fields.includes(p.name.text)) info.fields.push(p.name.text);
  }
  for (const m of decl.members) {
    const isStatic = (ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) ?? false;
    if (ts.isPropertyDeclaration(m) && !isStatic) {
      const field = memberKey(m.name, decl, (m.name as ts.Identifier).text);
      if (!info.fields.includes(field)) info.fields.push(field);
    } else if ((ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) && !isStatic) {
      const named = memberKey(m.name, decl, m.name.getText());
      const key = ts.isGetAccessor(m) ? `get ${named}` : ts.isSetAccessor(m) ? `set ${named}` : named;
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
    } else if (!(isStatic && ts.isMethodDeclaration(m)) && !ts.isSemicolonClassElement(m) && !ts.isIndexSignatureDeclaration(m)
      && !ts.isClassStaticBlockDeclaration(m)) {
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
    if (m.decl.body) relocs.push({ offset: CLASS_METHODS + 4 * i, symbol: m.symbol, addend: 1, method: slotNames[i] });
  });
  this.data.push({ symbol: info.descriptor, bytes, align: 4, module: this.moduleName(decl.getSourceFile()), relocs });
  const saved = this.saveState();
  for (const m of decl.members) {
    if (!(ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) || !m.body) continue;
    const isStatic = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false;
    if (isStatic) continue;
    const named = memberKey(m.name, decl, m.name.getText());
    const key = ts.isGetAccessor(m) ? `get ${named}` : ts.isSetAccessor(m) ? `set ${named}` : named;
    const method = info.methods[info.slots.get(key)!];
    const body = m.body;
    this.functionCode(method.symbol, `${info.name}.${m.name.getText()}`, decl.getSourceFile(), m, (fn) => {
      this.thisVReg = newVReg(fn, { name: "this" });
      fn.params.push(this.thisVReg);
      this.currentClass = info;
      this.parameters(m, true);
      this.body(body.statements);
    }, undefined, true);
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
      this.emit({ op: "store", base: this.thisVReg!, offset: this.fieldOffset(info, memberKey(m.name, decl, (m.name as ts.Identifier).text)), src: value, width: 32, pos: this.pos(m) });
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
  return this.constructorParameters(info).length;
};

Lowerer.prototype.constructorParameters = function constructorParameters(this: Lowerer, info: ClassInfo): readonly ts.ParameterDeclaration[] {
  const ctor = info.decl.members.find(ts.isConstructorDeclaration);
  if (ctor) return ctor.parameters;
  return info.parent ? this.constructorParameters(info.parent) : [];
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
  return this.classOfType(this.typeAt(node));
};

Lowerer.prototype.classOfType = function classOfType(this: Lowerer, type: ts.Type): ts.ClassDeclaration | undefined {
  const sym = type.getSymbol();
  const decl = sym?.valueDeclaration;
  if (decl && ts.isClassDeclaration(decl)) return decl;
  if (sym && BUILTIN_CLASSES[sym.name] && sym.declarations?.[0]?.getSourceFile().isDeclarationFile) return this.builtinClass(sym.name);
  return undefined;
};

Lowerer.prototype.newInstance = function newInstance(this: Lowerer, decl: ts.ClassDeclaration, node: ts.NewExpression, given?: VReg[]): VReg {
  if (decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword)) fail(node, Codes.UnsupportedSyntax, "an abstract class cannot be created");
  const info = this.classInfo(decl);
  const args = given ?? this.directArguments(this.constructorParameters(info), node.arguments ?? [], node);
  const descriptor = this.symbolAddress(info.descriptor);
  const descriptorNumber = this.temp({ smallInt: true });
  this.emit({ op: "addr-of", dst: descriptorNumber, src: descriptor });
  const object = this.call(this.runtime("objectNew"), [descriptorNumber, this.constant(tagInt(4 + 4 * info.fields.length), true)], node);
  this.emit({ op: "call", dst: undefined, callee: info.constructorSymbol, args: [object, ...args], pos: this.pos(node) });
  this.placeError(decl, object, node);
  return object;
};

Lowerer.prototype.thisValue = function thisValue(this: Lowerer, node: ts.Node): VReg {
  if (this.thisVReg !== undefined && this.fn.params[0] === this.thisVReg) return this.thisVReg;
  if (this.thisCell !== undefined) {
    const value = this.temp();
    this.emit({ op: "load", dst: value, base: this.thisCell, offset: CELL_VALUE, width: 32, pos: this.pos(node) });
    return value;
  }
  const holder = this.reviverThis(node) ?? this.accessorThis(node) ?? this.objectMethodThis(node);
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
  // A static method of such a class (Date.now, Date.UTC); Promise's are promiseStatic's.
  const global = ts.isIdentifier(node.expression) ? node.expression.text : "";
  if (decl?.getSourceFile().isDeclarationFile && BUILTIN_CLASSES[global] && global !== "Promise" && this.isGlobal(node.expression)) {
    const method = this.builtinClass(global).members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m)
      && (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) !== 0 && ts.isIdentifier(m.name) && m.name.text === node.name.text);
    if (method) return { kind: "static-method", decl: method };
  }
  const parameterProperty = decl !== undefined && ts.isParameter(decl) && ts.isConstructorDeclaration(decl.parent) && ts.isParameterPropertyDeclaration(decl, decl.parent);
  if (!decl || !decl.parent || (!ts.isClassDeclaration(decl.parent) && !parameterProperty)) return undefined;
  const owner = (parameterProperty ? decl.parent.parent : decl.parent) as ts.ClassDeclaration;
  const isStatic = ts.canHaveModifiers(decl) && (ts.getModifiers(decl)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
  if (isStatic) {
    if (ts.isPropertyDeclaration(decl)) { this.classInfo(owner); return { kind: "static-field", symbol: this.staticFields.get(sym!)!.symbol }; }
    if (ts.isMethodDeclaration(decl)) return { kind: "static-method", decl };
    return undefined;
  }
  const name = memberKey(node.name, owner, node.name.text);
  const memberOf = (info: ClassInfo): ClassMember | undefined => {
    if (info.fields.includes(name)) return { kind: "field", info, name };
    if (info.slots.has(`get ${name}`) || info.slots.has(`set ${name}`)) return { kind: "accessor", info, name };
    if (info.slots.has(name)) return { kind: "method", info, key: name };
    return undefined;
  };
  // A union of classes (`A | B`, or a type parameter constrained to one): their instances have
  // the member at the same place, or it is found by name at run time (undefined here: the
  // caller reads or calls the property of an object). So are members of unions with
  // interfaces or object types, which need not be class instances at all.
  // And a class whose type objects of other shapes can have (TypeScript's types are
  // structural: an object literal or an unrelated class with the same members is assignable
  // to it); only `this` is always an instance of the class whose method runs.
  const isThis = skipParens(node.expression).kind === ts.SyntaxKind.ThisKeyword;
  let receiver = this.checker.getNonNullableType(this.typeAt(node.expression));
  if (receiver.flags & ts.TypeFlags.TypeParameter) receiver = this.checker.getBaseConstraintOfType(receiver) ?? receiver;
  if (receiver.isUnion()) {
    const classes = receiver.types.map((t) => this.classOfType(t));
    if (classes.some((c) => c === undefined || (!isThis && !this.isExactClass(c)))) return undefined;
    const members = [...new Set(classes)].map((c) => memberOf(this.classInfo(c!)));
    return members.every((m) => m !== undefined && samePlace(m, members[0]!)) ? members[0] : undefined;
  }
  const cls = this.instanceClass(node.expression) ?? owner;
  const member = memberOf(this.classInfo(cls));
  if (isThis || this.isExactClass(cls)) return member;
  return member?.kind === "field" ? { ...member, guarded: true } : undefined;
};

/** A field of an object that may not be an instance of the class (ClassMember `guarded`):
 *  `inPlace` when its class is that very one, else `byName`; unguarded, `inPlace`. */
Lowerer.prototype.byField = function byField(this: Lowerer, member: ClassMember & { kind: "field" }, object: VReg, node: ts.Node, inPlace: () => void, byName: () => void): void {
  if (!member.guarded) { inPlace(); return; }
  const pos = this.pos(node);
  const descriptor = this.temp({ raw: true });
  this.emit({ op: "load", dst: descriptor, base: object, offset: 0, width: 32, pos });
  const own = newBlock(this.fn), other = newBlock(this.fn), join = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: descriptor, b: this.symbolAddress(member.info.descriptor), then: own, else: other, pos });
  this.startBlock(own);
  inPlace();
  this.jumpTo(join);
  this.startBlock(other);
  byName();
  this.jumpTo(join);
  this.startBlock(join);
};

/**
 * Is every object whose static type is this class an instance of it (or of a subclass)? Not
 * when the program has an object literal, or a class outside its family, whose type is
 * assignable to it: TypeScript's types are structural, so such an object can reach a
 * variable of the class's type, and its members are elsewhere (or found by name). A class
 * with a private or protected member is nominal. Computed once, over the program's files.
 */
Lowerer.prototype.isExactClass = function isExactClass(this: Lowerer, decl: ts.ClassDeclaration): boolean {
  if (!this.inexactClasses) {
    const inexact = new Set<ts.ClassDeclaration>();
    const classes: ts.ClassDeclaration[] = [];
    const literals: ts.ObjectLiteralExpression[] = [];
    // The program's own files: mote's library and runtime use their classes as declared.
    for (const sf of this.program.getSourceFiles()) {
      if (sf.isDeclarationFile || !this.isAppModule(sf)) continue;
      const visit = (n: ts.Node): void => {
        if (ts.isClassDeclaration(n) && n.name) classes.push(n);
        if (ts.isObjectLiteralExpression(n)) literals.push(n);
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    const typeOf = (c: ts.ClassDeclaration): ts.Type => this.checker.getDeclaredTypeOfSymbol(this.checker.getSymbolAtLocation(c.name!)!);
    const generic = (c: ts.ClassDeclaration): boolean => (c.typeParameters?.length ?? 0) > 0;
    const ancestors = (c: ts.ClassDeclaration): ts.ClassDeclaration[] => {
      const chain: ts.ClassDeclaration[] = [];
      for (let d: ts.ClassDeclaration | undefined = c; d && !chain.includes(d);) {
        chain.push(d);
        const heritage: ts.ExpressionWithTypeArguments | undefined = d.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
        d = heritage ? this.classDeclarationOf(heritage.expression) : undefined;
      }
      return chain;
    };
    for (const target of classes) {
      const targetType = typeOf(target);
      const members = this.checker.getPropertiesOfType(targetType);
      const nominal = members.some((m) => m.valueDeclaration && (ts.getCombinedModifierFlags(m.valueDeclaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)
        || (ts.isClassElement(m.valueDeclaration) && m.valueDeclaration.name !== undefined && ts.isPrivateIdentifier(m.valueDeclaration.name))));
      if (nominal) continue;
      const required = members.filter((m) => !(m.flags & ts.SymbolFlags.Optional)).map((m) => m.name);
      // Generic types are compared by member names (assignable to some instantiation).
      const assignable = (source: ts.Type, sourceGeneric: boolean): boolean => sourceGeneric || generic(target)
        ? required.every((name) => source.getProperty(name) !== undefined)
        : this.checker.isTypeAssignableTo(source, targetType);
      const family = (c: ts.ClassDeclaration) => ancestors(c).includes(target);
      if (classes.some((c) => !family(c) && assignable(typeOf(c), generic(c)))
        || literals.some((l) => assignable(this.checker.getTypeAtLocation(l), false))) inexact.add(target);
    }
    this.inexactClasses = inexact;
  }
  return !this.inexactClasses.has(decl);
};

/**
 * The name a member is laid out and found by: `plain`, or for a #private member its name and
 * its class's (`#count@Counter`: a subclass may have a #count of its own). Names starting
 * with "#" are left out of what the runtime prints, lists and writes as JSON, as Node does.
 */
function memberKey(name: ts.PropertyName | ts.PrivateIdentifier, owner: ts.ClassLikeDeclaration, plain: string): string {
  // [Symbol.iterator]() is the one computed name: the runtime finds it by this text
  // (sdk/lib/rt/iteration.ts, getIterator).
  if (ts.isComputedPropertyName(name)) {
    const e = name.expression;
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Symbol" && e.name.text === "iterator") return "[Symbol.iterator]";
    fail(name, Codes.UnsupportedSyntax, "computed member names other than [Symbol.iterator] are not supported on devices yet", "give the member a plain name");
  }
  return ts.isPrivateIdentifier(name) ? `${name.text}@${owner.name?.text ?? ""}` : plain;
}

/** Do two classes' members sit at the same place in their instances and method tables? */
function samePlace(a: ClassMember, b: ClassMember): boolean {
  if (a.kind === "field" && b.kind === "field") return a.info.fields.indexOf(a.name) === b.info.fields.indexOf(b.name);
  if (a.kind === "method" && b.kind === "method") return a.info.slots.get(a.key) === b.info.slots.get(b.key);
  if (a.kind === "accessor" && b.kind === "accessor") {
    return a.info.slots.get(`get ${a.name}`) === b.info.slots.get(`get ${b.name}`) && a.info.slots.get(`set ${a.name}`) === b.info.slots.get(`set ${b.name}`);
  }
  return false;
}

Lowerer.prototype.memberGet = function memberGet(this: Lowerer, member: ClassMember, node: ts.PropertyAccessExpression): VReg {
  switch (member.kind) {
    case "field": {
      const object = this.expr(node.expression);
      const dst = this.temp();
      this.byField(member, object, node,
        () => this.emit({ op: "load", dst, base: object, offset: this.fieldOffset(member.info, member.name), width: 32, pos: this.pos(node) }),
        () => this.emit({ op: "move", dst, src: this.call(this.runtime("objGet"), [object, this.stringLiteral(member.name)], node) }));
      return dst;
    }
    case "static-field": {
      const dst = this.temp();
      this.emit({ op: "load", dst, base: this.symbolAddress(member.symbol), offset: 0, width: 32, pos: this.pos(node) });
      return dst;
    }
    case "static-method": {
      // `const g = Calc.twice`: a function value calling the method, which then runs without its
      // class as `this` (as in JavaScript), so one that uses `this` stays an error.
      const decl = member.decl;
      if (!this.isAppModule(decl.getSourceFile()) || !decl.body) break;
      if (usesThis(decl.body)) {
        fail(node, Codes.UnsupportedSyntax, "a static method that uses 'this', taken as a value, is not supported on devices yet",
          "call it on its class, or wrap it in an arrow function");
      }
      return this.functionValue(decl as unknown as ts.FunctionDeclaration, node);
    }
    case "accessor": {
      const slot = member.info.slots.get(`get ${member.name}`);
      if (slot === undefined) fail(node, Codes.UnsupportedSyntax, `'${member.name}' has no getter`);
      const object = this.expr(node.expression);
      return this.methodCall(object, slot, [], node, `get ${member.name}`);
    }
  }
  return fail(node, Codes.UnsupportedSyntax, "a method as a value is not supported on devices yet", "call it, or wrap it in an arrow function");
};

/** super(…) in a derived constructor: the parent's constructor on this object, then this
 *  class's field initialisers. */
Lowerer.prototype.superCall = function superCall(this: Lowerer, node: ts.CallExpression): VReg {
  const info = this.currentClass;
  if (!info?.parent || this.thisVReg === undefined) fail(node, Codes.UnsupportedSyntax, "super(…) outside a derived class's constructor");
  const args = this.directArguments(this.constructorParameters(info.parent), node.arguments, node);
  this.emit({ op: "call", dst: undefined, callee: info.parent.constructorSymbol, args: [this.thisVReg, ...args], pos: this.pos(node) });
  const initialize = this.afterSuper;
  this.afterSuper = undefined;
  initialize?.();
  return this.constant(UNDEFINED);
};

/** super.method(…): the parent's implementation on this, by its symbol (a value call all
 *  the same: methods take their arguments that way). In an arrow function inside a method,
 *  the class is the method's and `this` the one the arrow function captured. */
Lowerer.prototype.superMethodCall = function superMethodCall(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
  const owner = ts.findAncestor(callee, ts.isClassLike);
  const parent = owner && ts.isClassDeclaration(owner) ? this.classInfo(owner).parent : undefined;
  const slot = parent?.slots.get(callee.name.text);
  if (!parent || slot === undefined) fail(node, Codes.UnsupportedSyntax, `super.${callee.name.text} is not a method of the parent class`);
  if (node.arguments.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedSyntax, "spread arguments in calls of function values and methods are not supported on devices yet", "pass the values one by one");
  const self = this.thisValue(callee.expression);
  const args = this.exprList(node.arguments);
  const code = this.temp({ raw: true });
  this.emit({ op: "symbol", dst: code, symbol: parent.methods[slot].symbol, addend: 1 });
  const dst = this.temp();
  this.emit({ op: "call-code", dst, code, object: self, args, pos: this.pos(node) });
  return dst;
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

/** A call through the method table's `slot`, whose method-table name is `name`. */
Lowerer.prototype.methodCall = function methodCall(this: Lowerer, object: VReg, slot: number, args: VReg[], node: ts.Node, name: string): VReg {
  const dst = this.temp();
  this.emit({ op: "call-method", dst, object, slot, name, args, pos: this.pos(node) });
  return dst;
};
