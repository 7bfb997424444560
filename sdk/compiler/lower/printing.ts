// Lowering console.log: each argument is printed the way Node prints it. Constant text (literal
// arguments, the spaces between arguments, the newline) is merged at compile time and written
// by the smallest routine that can; other values are printed by the runtime routine their
// static type calls for. A format string (%d, %s, …) that is constant and has primitive
// arguments is expanded here; any other is read by the runtime (consoleLogFormatted).

import ts from "typescript";
import path from "node:path";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import {
  UNDEFINED, isSmallIntValue, CLASS_PRINT_DATE, CLASS_PRINT_FIELDS, CLASS_PRINT_MAP, CLASS_PRINT_REGEXP, CLASS_PRINT_SET,
  CLASS_PRINT_UNSUPPORTED, CLASS_PRINT_GENERATOR, CLASS_PRINT_COLLECTION_ITERATOR, CLASS_PRINT_PROMISE,
} from "../values.ts";
import { type ValueKind, valueKind } from "./types.ts";
import { constantValue } from "./constants.ts";
import { Lowerer, type ClassInfo } from "./lowerer.ts";
import { RT_DIR } from "./runtime-symbols.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    consoleLog(node: ts.CallExpression): VReg;
    isMixedPrintable(node: ts.Expression): boolean;
    consoleLogFormatted(node: ts.CallExpression): VReg;
    isInspected(node: ts.Expression): boolean;
    printMode(info: ClassInfo): number;
    isRuntimeClass(info: ClassInfo): boolean;
  }
}

interface PrintPiece { text?: string; value?: VReg; node: ts.Node; spaceBefore: boolean }

Lowerer.prototype.consoleLog = function consoleLog(this: Lowerer, node: ts.CallExpression): VReg {
  // Node evaluates every argument before it prints anything.
  for (const arg of node.arguments) this.refuseBuiltinIterator(arg, "printing");
  this.notePrintedErrors(node.arguments);
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
    if (this.isInspected(arg) || this.isMixedPrintable(arg) || this.functionText(arg) !== undefined) continue;
    if (kind === "array" || kind === "typed" || kind === "object" || (kind === "any" && !this.isPrimitive(arg))) {
      const type = this.checker.typeToString(this.checker.getTypeAtLocation(arg));
      fail(arg, Codes.UnsupportedCall, `console.log of a value of type '${type}' is not supported on devices yet`,
        "console.log prints primitives, arrays, typed arrays, plain objects, Map, Set and instances of the app's classes");
    }
  }
  // Functions and classes known at compile time print as constant text (function-names.ts).
  const shown = node.arguments.map((arg) => this.functionText(arg));
  const evaluated = this.exprList(node.arguments.filter((_, i) => shown[i] === undefined));
  let next = 0;
  const values = node.arguments.map((_, i) => shown[i] === undefined ? evaluated[next++] : this.constant(UNDEFINED));
  const constantOf = (e: ts.Expression) => this.functionText(e) ?? constantValue(e, this.checker);
  const pieces = formatPieces(node, values, constantOf, (e) => this.kindOf(e));
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
    const c = piece.text ?? (ts.isExpression(piece.node) ? constantOf(piece.node) : undefined);
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
};

/** A value whose type mixes what console.log prints inspected (arrays, plain objects, …)
 *  with primitives or null/undefined (an optional array, a `string | number[]`): the
 *  runtime looks at the value (inspect.ts, printAny). */
Lowerer.prototype.isMixedPrintable = function isMixedPrintable(this: Lowerer, node: ts.Expression): boolean {
  if (this.kindOf(node) !== "any" || this.isPrimitive(node)) return false;
  const type = this.checker.getTypeAtLocation(node);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  return (type.isUnion() ? type.types : [type]).every((t) => {
    const kind = valueKind(this.checker, t);
    if (["number", "boolean", "string", "nullish", "void", "array", "typed"].includes(kind)) return true;
    return kind === "object" && t.getCallSignatures().length === 0;
  });
};

/** console.log(format, …) read by the runtime (inspect.ts, printFormatted). */
Lowerer.prototype.consoleLogFormatted = function consoleLogFormatted(this: Lowerer, node: ts.CallExpression): VReg {
  const [format, ...rest] = node.arguments;
  for (const arg of rest) {
    if (ts.isSpreadElement(arg)) fail(arg, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
    const kind = this.kindOf(arg);
    if (!this.isInspected(arg) && !this.isMixedPrintable(arg) && this.functionText(arg) === undefined && (kind === "array" || kind === "typed" || kind === "object" || (kind === "any" && !this.isPrimitive(arg)))) {
      const type = this.checker.typeToString(this.checker.getTypeAtLocation(arg));
      fail(arg, Codes.UnsupportedCall, `console.log of a value of type '${type}' is not supported on devices yet`,
        "console.log prints primitives, arrays, typed arrays, plain objects, Map, Set and instances of the app's classes");
    }
  }
  // A function or class known at compile time is passed as its text, which prints the same.
  const shown = node.arguments.map((arg, i) => i === 0 ? undefined : this.functionText(arg));
  const evaluated = this.exprList(node.arguments.filter((_, i) => shown[i] === undefined));
  let next = 0;
  const values = node.arguments.map((_, i) => shown[i] === undefined ? evaluated[next++] : this.stringLiteral(shown[i]!));
  const args = this.arrayOf(values.slice(1), node);
  this.call(this.runtime("printFormatted"), [values[0], args], format, false);
  return this.constant(UNDEFINED);
};

/** Arrays, typed arrays, plain objects, Map, Set and instances of the app's classes (not
 *  errors or functions), which console.log prints in Node's inspect format. */
Lowerer.prototype.isInspected = function isInspected(this: Lowerer, node: ts.Expression): boolean {
  const kind = this.kindOf(node);
  if (kind === "array" || kind === "typed") return true;
  // A function value prints by its descriptor's name (sdk/lib/rt/methods.ts, functionText).
  const called = this.checker.getTypeAtLocation(node);
  if (called.flags & ts.TypeFlags.Object && called.getCallSignatures().length > 0 && called.getConstructSignatures().length === 0) return true;
  if (kind !== "object") return false;
  const cls = this.instanceClass(node);
  if (cls) return this.isErrorClass(cls) || this.printMode(this.classInfo(cls)) !== CLASS_PRINT_UNSUPPORTED;
  const type = this.checker.getTypeAtLocation(node);
  return type.getCallSignatures().length === 0;
};

/** How console.log prints instances of a class (layout.ts, CLASS_PRINT_*). */
Lowerer.prototype.printMode = function printMode(this: Lowerer, info: ClassInfo): number {
  if (!this.isRuntimeClass(info)) return CLASS_PRINT_FIELDS;
  if (info.decl.getSourceFile().fileName === path.join(RT_DIR, "collections.ts")) {
    if (info.name === "Map") return CLASS_PRINT_MAP;
    if (info.name === "Set") return CLASS_PRINT_SET;
    if (info.name === "CollectionIterator") return CLASS_PRINT_COLLECTION_ITERATOR;
  }
  if (info.decl.getSourceFile().fileName === path.join(RT_DIR, "date.ts") && info.name === "Date") return CLASS_PRINT_DATE;
  if (info.decl.getSourceFile().fileName === path.join(RT_DIR, "regexp.ts") && info.name === "RegExp") return CLASS_PRINT_REGEXP;
  if (info.decl.getSourceFile().fileName === path.join(RT_DIR, "generators.ts") && info.name === "Generator") return CLASS_PRINT_GENERATOR;
  if (info.decl.getSourceFile().fileName === path.join(RT_DIR, "promise.ts") && info.name === "Promise") return CLASS_PRINT_PROMISE;
  return CLASS_PRINT_UNSUPPORTED;
};

/** A class of the runtime (Error, Map, Set, …) or one derived from it. */
Lowerer.prototype.isRuntimeClass = function isRuntimeClass(this: Lowerer, info: ClassInfo): boolean {
  for (let c: ClassInfo | undefined = info; c; c = c.parent) {
    if (c.decl.getSourceFile().fileName.startsWith(RT_DIR)) return true;
  }
  return false;
};

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
