// Lowering calls: callExpression decides what a call is (a method of a built-in, an
// intrinsic, console.log, a timer, a runtime or port function, a method of a class or an
// interface, a function value) and lowers it here or hands it to the file for that construct
// (builtins.ts, printing.ts, intrinsics.ts, classes.ts). Function values are called through
// their closure (indirectCall); a method of an interface through the method table of the
// instance, or as a call of the property's value (interfaceMethodCall).

import ts from "typescript";
import path from "node:path";
import { type VReg, MAX_ARGUMENTS, newBlock, newVReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  ARRAY_ELEMENTS, ARRAY_LENGTH, CLASS_METHOD_NAMES, CLASS_METHODS, FALSE, KIND_OBJECT, NULL, SMALL_INT_MAX, TRUE, UNDEFINED, tagInt,
} from "../values.ts";
import { type ValueKind, interfaceMethodNames } from "./types.ts";
import { REPO_ROOT } from "../frontend/program.ts";
import { Lowerer } from "./lowerer.ts";
import { RT_DIR, INTRINSICS_FILE, type RtName } from "./runtime-symbols.ts";
import { ownParameters, skipParens } from "./syntax.ts";
import { calleeText } from "./checked-casts.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    callExpression(node: ts.CallExpression, discard: boolean): VReg;
    indirectCall(callee: ts.Expression, node: ts.CallExpression): VReg;
    interfaceMethodCall(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg;
    methodCodeByName(object: VReg, name: VReg, callee: ts.PropertyAccessExpression): VReg;
    directArguments(parameters: readonly ts.ParameterDeclaration[], args: readonly ts.Expression[], node: ts.Node): VReg[];
    methodArgs(
      receiver: ts.Expression,
      node: ts.CallExpression,
      parameters: number,
      kinds: Array<ValueKind | "any">,
    ): VReg[];
  }
}

/** Global functions on numbers (programs with doubles): parseInt(…), Number(…), isNaN(…), … */
const NUMBER_GLOBALS = new Set(["parseInt", "parseFloat", "Number", "isNaN", "isFinite"]);

/** Functions declared in sdk/lib/rt/port.ts are the port's hand-written routines. */
const PORT_DECLARATIONS = path.join(RT_DIR, "port.ts");

const GLOBALS_FILE = path.join(REPO_ROOT, "sdk/lib/globals.d.ts");

/** The timer globals (sdk/lib/globals.d.ts): runtime function and parameter count. */
const TIMER_FUNCTIONS: Record<string, [RtName, number]> = {
  setTimeout: ["setTimeout", 2], setInterval: ["setInterval", 2], clearTimeout: ["clearTimer", 1], clearInterval: ["clearTimer", 1],
  queueMicrotask: ["queueMicrotask", 1],
};

Lowerer.prototype.callExpression = function callExpression(this: Lowerer, node: ts.CallExpression, discard: boolean): VReg {
  const callee = skipParens(node.expression);
  if (callee.kind === ts.SyntaxKind.SuperKeyword) return this.superCall(node);
  if (ts.isPropertyAccessExpression(callee)) this.refuseBuiltinIterator(callee.expression, `calling '${callee.name.text}' of`);
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword) return this.superMethodCall(callee, node);
  if (ts.isPropertyAccessExpression(callee) && this.castDoubted(callee.expression)) return this.checkedMethodCall(node, callee, discard);
  if (!ts.isPropertyAccessExpression(callee) && this.castDoubted(node.expression)) return this.checkedFunctionCall(node, discard);
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
    // An ArrayBuffer's methods are lowered, not its runtime class's (lower/arrays.ts).
    if (this.kindOf(callee.expression) === "object" && this.isArrayBuffer(callee.expression)) return this.typedMethod(callee, node);
    const member = this.classMember(callee);
    if (member?.kind === "method") {
      const slot = member.info.slots.get(member.key)!;
      checkValueCallArguments(node);
      const [object, ...args] = this.exprList([callee.expression, ...node.arguments]);
      return this.methodCall(object, slot, args, node, member.key);
    }
    if (member?.kind === "static-method") {
      const args = this.directArguments(ownParameters(member.decl), node.arguments, node);
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
    if (objKind === "typed") return this.typedMethod(callee, node);
    if (objKind === "number" && callee.name.text === "toString" && node.arguments.length === 0) {
      return this.call(this.runtime("toString"), [this.expr(callee.expression)], node);
    }
    if (objKind === "number" && this.doubles) return this.numberMethod(callee, node);
    if (objText === "Number" && this.isGlobal(callee.expression) && this.doubles) return this.numberStatic(callee.name.text, node, false);
    // A method of an interface type: a class instance's method, or a function-valued
    // property of a plain object.
    if (objKind === "object" && !callee.questionDotToken && !ts.isOptionalChain(callee)) return this.interfaceMethodCall(callee, node);
    if (objKind === "object" || this.isObjectOrNullish(callee.expression)) return this.indirectCall(callee, node);
    const applied = this.functionMethodCall(callee, node);
    if (applied) return applied;
    fail(node, Codes.UnsupportedCall, `calling '${callee.getText()}' is not supported on devices yet`);
  }
  if (!ts.isIdentifier(callee)) return this.indirectCall(callee, node);
  if (callee.text === "Array" && this.isGlobal(callee)) return this.arrayOfLength(node.arguments, node);
  if (callee.text === "RegExp" && this.isGlobal(callee)) return this.newRegExp(node);
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
  const symbol = this.functionSymbol(decl);
  const args = this.directArguments(ownParameters(decl), node.arguments, node);
  const returnsVoid = this.kindOf(node) === "void";
  return this.call(symbol, args, node, !returnsVoid || !discard);
};

/**
 * The arguments of a direct call (a top-level function, a static method, a constructor),
 * evaluated left to right: one per parameter, undefined for those the call leaves out, the
 * ones from a rest parameter on gathered into its array (a spread among them included);
 * extra arguments are evaluated, not passed.
 */
Lowerer.prototype.directArguments = function directArguments(this: Lowerer, parameters: readonly ts.ParameterDeclaration[], argNodes: readonly ts.Expression[], node: ts.Node): VReg[] {
  const rest = parameters.at(-1)?.dotDotDotToken ? parameters.length - 1 : -1;
  const firstSpread = argNodes.findIndex((a) => ts.isSpreadElement(a));
  if (firstSpread >= 0 && (rest < 0 || firstSpread < rest)) {
    fail(argNodes[firstSpread], Codes.UnsupportedSyntax, "spread arguments are supported on devices only into a rest parameter", "pass the values one by one");
  }
  if (firstSpread >= 0) {
    // f(a, ...xs): the arguments from the rest parameter on become its array.
    const fixed = this.exprList(argNodes.slice(0, rest));
    return [...fixed, this.arrayOfElements(argNodes.slice(rest), node)];
  }
  const args = this.exprList(argNodes);
  if (rest >= 0) {
    // The arguments from the rest parameter on are gathered into an array.
    const extra = args.splice(rest);
    while (args.length < rest) args.push(this.constant(UNDEFINED));
    args.push(this.arrayOf(extra, node));
  }
  while (args.length < parameters.length) args.push(this.constant(UNDEFINED));
  args.length = parameters.length;
  return args;
};

/** The arguments of a value call (ir.ts, the value-call convention): as written, any number. */
function checkValueCallArguments(node: ts.CallExpression): void {
  const spread = node.arguments.find((a) => ts.isSpreadElement(a));
  if (spread) {
    fail(spread, Codes.UnsupportedSyntax, "spread arguments in calls of function values and methods are not supported on devices yet", "pass the values one by one");
  }
  if (node.arguments.length > MAX_ARGUMENTS) fail(node.arguments[MAX_ARGUMENTS], Codes.UnsupportedCall, `a call passes at most ${MAX_ARGUMENTS} arguments on devices`, "pass an array instead");
}

/** A call of a function value (a variable, a parameter, an element, a call's result). */
Lowerer.prototype.indirectCall = function indirectCall(this: Lowerer, callee: ts.Expression, node: ts.CallExpression): VReg {
  // The type as written at the call (a cast such as (f as Comparator) gives the signature).
  const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression));
  if (type.getCallSignatures().length === 0) {
    fail(callee, Codes.UnsupportedCall, `calling '${callee.getText()}' is not supported on devices yet`);
  }
  checkValueCallArguments(node);
  // o.f(…), o[k](…), o.f?.(…) on an object: a method of an object literal gets o as its
  // `this` (lower/object-methods.ts), so o is evaluated once, before the property.
  const target = skipParens(callee);
  const receiverNode = (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && this.kindOf(target.expression) === "object"
    ? target.expression : undefined;
  let receiver: VReg | undefined;
  if (receiverNode && !this.bound.has(receiverNode)) {
    receiver = this.temp();
    this.emit({ op: "move", dst: receiver, src: this.expr(receiverNode) });
    this.bound.set(receiverNode, receiver);
    try {
      return this.indirectCall(callee, node);
    } finally {
      this.bound.delete(receiverNode);
    }
  }
  if (receiverNode) receiver = this.bound.get(receiverNode);
  const callable = (fnValue: VReg): VReg => receiver === undefined ? fnValue
    : this.call(this.runtime("methodProperty"), [fnValue, receiver, this.stringLiteral(calleeText(callee))], node);
  const call = (fnValue: VReg): VReg => {
    const args = this.exprList(node.arguments);
    const dst = this.temp();
    this.emit({ op: "call-indirect", dst, fn: callable(fnValue), args, pos: this.pos(node) });
    return dst;
  };
  // f?.(…): undefined when f is null or undefined, without evaluating the arguments.
  if (node.questionDotToken) return this.optionalChain(node, callee, call);
  const [fnValue, ...args] = this.exprList([callee, ...node.arguments]);
  const dst = this.temp();
  this.emit({ op: "call-indirect", dst, fn: callable(fnValue), args, pos: this.pos(node) });
  return dst;
};

/** o.m(args) where o has an interface type: through the method table when o is a class
 *  instance with a method m, else a call of the property's value. */
Lowerer.prototype.interfaceMethodCall = function interfaceMethodCall(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
  checkValueCallArguments(node);
  const object = this.temp();
  this.emit({ op: "move", dst: object, src: this.expr(callee.expression) });
  const name = this.stringLiteral(callee.name.text);
  const code = this.methodCodeByName(object, name, callee);
  const fnValue = this.temp();
  const method = newBlock(this.fn), property = newBlock(this.fn), join = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: code, b: this.constant(UNDEFINED), then: property, else: method, pos: this.pos(callee) });
  this.startBlock(property);
  // A property is read before the arguments are evaluated, as in JavaScript.
  this.emit({ op: "move", dst: fnValue, src: this.call(this.runtime("objGet"), [object, name], callee) });
  this.jumpTo(join);
  this.startBlock(method);
  // (Not undefined: an o.m?.(…) calls the method.)
  this.emit({ op: "move", dst: fnValue, src: this.constant(node.questionDotToken ? TRUE : UNDEFINED) });
  this.jumpTo(join);
  this.startBlock(join);
  const dst = this.temp();
  const done = newBlock(this.fn);
  if (node.questionDotToken) {
    // o.m?.(…): undefined, without evaluating the arguments, when there is no such method and
    // the property is null or undefined.
    this.emit({ op: "move", dst, src: this.constant(UNDEFINED) });
    const notUndefined = newBlock(this.fn), present = newBlock(this.fn);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: fnValue, b: this.constant(UNDEFINED), then: done, else: notUndefined, pos: this.pos(node) });
    this.startBlock(notUndefined);
    this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: fnValue, b: this.constant(NULL), then: done, else: present, pos: this.pos(node) });
    this.startBlock(present);
  }
  const args = this.exprList(node.arguments);
  const viaTable = newBlock(this.fn), viaValue = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: code, b: this.constant(UNDEFINED), then: viaValue, else: viaTable, pos: this.pos(node) });
  this.startBlock(viaTable);
  this.emit({ op: "call-code", dst, code, object, args, pos: this.pos(node) });
  this.jumpTo(done);
  this.startBlock(viaValue);
  // Not a function: a TypeError once the arguments are evaluated, as in JavaScript.
  // A method of an object literal gets the object as its `this` (lower/object-methods.ts).
  const callable = this.call(this.runtime("methodProperty"), [fnValue, object, this.stringLiteral(calleeText(callee))], node);
  this.emit({ op: "call-indirect", dst, fn: callable, args, pos: this.pos(node) });
  this.jumpTo(done);
  this.startBlock(done);
  return dst;
};

/**
 * The code of method `name` of a class instance reached through an interface type, or
 * undefined (not a class instance, or no such method). Classes put the methods of the
 * interfaces they implement first in their method tables, in the interfaces' order
 * (classInfo), so the slot the method has in the interface is tried first: a class instance
 * whose table has this very name string there (a few loads and compares). Anything else asks
 * the runtime, which searches the table by name.
 */
Lowerer.prototype.methodCodeByName = function methodCodeByName(this: Lowerer, object: VReg, name: VReg, callee: ts.PropertyAccessExpression): VReg {
  const pos = this.pos(callee);
  let receiver = this.checker.getNonNullableType(this.typeAt(callee.expression));
  if (receiver.flags & ts.TypeFlags.TypeParameter) receiver = this.checker.getBaseConstraintOfType(receiver) ?? receiver;
  // A class's own slot for the method (an object of its type that is not its instance may have
  // it elsewhere), or the slot classes that implement the interface give it.
  const cls = receiver.isUnion() ? undefined : this.classOfType(receiver);
  const slot = receiver.isUnion() ? -1 : cls ? this.classInfo(cls).slots.get(callee.name.text) ?? -1 : interfaceMethodNames(this.checker, receiver).indexOf(callee.name.text);
  if (slot < 0) return this.call(this.runtime("objMethodCode"), [object, name], callee);
  const code = newVReg(this.fn, { name: "<method code>" });
  const slow = newBlock(this.fn), join = newBlock(this.fn);
  const isObject = this.temp();
  this.emit({ op: "is-object", dst: isObject, src: object, pos });
  const instance = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "truthy", test: "boolean", value: isObject, then: instance, else: slow, pos });
  this.startBlock(instance);
  const descriptor = this.temp({ raw: true }), kind = this.temp({ raw: true });
  this.emit({ op: "load", dst: descriptor, base: object, offset: 0, width: 32, pos });
  this.emit({ op: "load", dst: kind, base: descriptor, offset: 0, width: 32, pos });
  const hasTable = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: kind, b: this.constant(KIND_OBJECT), then: hasTable, else: slow, pos });
  this.startBlock(hasTable);
  const names = this.temp(), length = this.temp({ raw: true }), count = this.temp({ smallInt: true });
  this.emit({ op: "load", dst: names, base: descriptor, offset: CLASS_METHOD_NAMES, width: 32, pos });
  this.emit({ op: "load", dst: length, base: names, offset: ARRAY_LENGTH, width: 32, pos });
  this.emit({ op: "tag", dst: count, src: length, max: SMALL_INT_MAX, pos });
  const long = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "gt", numeric: true, a: count, b: this.constant(tagInt(slot), true), then: long, else: slow, pos });
  this.startBlock(long);
  const elements = this.temp({ raw: true }), named = this.temp();
  this.emit({ op: "load", dst: elements, base: names, offset: ARRAY_ELEMENTS, width: 32, pos });
  this.emit({ op: "load", dst: named, base: elements, offset: 4 * slot, width: 32, pos });
  const hit = newBlock(this.fn);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: named, b: name, then: hit, else: slow, pos });
  this.startBlock(hit);
  this.emit({ op: "load", dst: code, base: descriptor, offset: CLASS_METHODS + 4 * slot, width: 32, pos });
  this.jumpTo(join);
  this.startBlock(slow);
  this.emit({ op: "move", dst: code, src: this.call(this.runtime("objMethodCode"), [object, name], callee) });
  this.jumpTo(join);
  this.startBlock(join);
  return code;
};

/** Arguments for a runtime method: the receiver, then each parameter (undefined when the
 *  call leaves it out), evaluated left to right. */
Lowerer.prototype.methodArgs = function methodArgs(this: Lowerer, receiver: ts.Expression, node: ts.CallExpression, parameters: number, kinds: Array<ValueKind | "any">): VReg[] {
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
};
