// Lowering arrays: array literals, new Array(n) and typed arrays (new Uint8Array(…) and the
// others, their properties and methods, ArrayBuffers), and reading and writing elements of arrays, typed arrays, strings and plain
// objects (a[i] = v, a?.[i]). Reads and writes of array elements are IR elem-get and
// elem-set, whose checks the back end makes; other elements go through the runtime.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { ARRAY_BUFFER_SIZE, ARRAY_ELEMENTS, FALSE, TRUE, UNDEFINED, TYPED_BUFFER, tagInt, DESCRIPTOR_TYPED_PREFIX } from "../values.ts";
import { RT_DIR, type RtName } from "./runtime-symbols.ts";
import { TYPED_ARRAYS, type TypedElement, elementBytes, typedArrayElement, valueKind } from "./types.ts";
import { Lowerer } from "./lowerer.ts";
import { WRITE_ELEMENT } from "./frozen.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    arrayOfLength(args: readonly ts.Expression[], node: ts.NewExpression | ts.CallExpression): VReg;
    newTypedArray(node: ts.NewExpression): VReg;
    isArrayBuffer(node: ts.Expression): boolean;
    newArrayBuffer(decl: ts.ClassDeclaration, node: ts.NewExpression): VReg;
    typedProperty(node: ts.PropertyAccessExpression): VReg | undefined;
    typedMethod(callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg;
    arrayLiteral(node: ts.ArrayLiteralExpression): VReg;
    arrayOfElements(elements: readonly ts.Expression[], node: ts.Node): VReg;
    arrayOf(values: VReg[], node: ts.Node): VReg;
    newArray(length: VReg, node: ts.Node): VReg;
    arrayOperand(node: ts.Expression): VReg;
    typedElement(node: ts.Expression): TypedElement | undefined;
    elementGetInto(dst: VReg, arrayNode: ts.Expression, array: VReg, index: VReg, node: ts.Node): void;
    elementSet(arrayNode: ts.Expression, array: VReg, index: VReg, src: VReg, node: ts.Node): void;
    typedGet(dst: VReg, array: VReg, index: VReg, element: TypedElement, node: ts.Node): void;
    typedSet(array: VReg, index: VReg, src: VReg, element: TypedElement, node: ts.Node): void;
    requireArray(node: ts.Expression): void;
    elementGet(node: ts.ElementAccessExpression): VReg;
  }
}

/** new Array(n) and Array(n). */
Lowerer.prototype.arrayOfLength = function arrayOfLength(this: Lowerer, args: readonly ts.Expression[], node: ts.NewExpression | ts.CallExpression): VReg {
  if (args.length !== 1 || this.kindOf(args[0]) !== "number") {
    fail(node, Codes.UnsupportedCall, "new Array is supported on devices with one length argument");
  }
  return this.newArray(this.expr(args[0]), node);
};

/** new Uint8Array(length) (zero-filled), new Uint8Array([values]), a copy of an array or a
 *  typed array, or a view of an ArrayBuffer (buffer, byteOffset?, length?); and the other
 *  types. */
Lowerer.prototype.newTypedArray = function newTypedArray(this: Lowerer, node: ts.NewExpression): VReg {
  const element = this.typedElement(node);
  if (!element) fail(node, Codes.UnsupportedType, `'${node.expression.getText()}' is not supported on devices`);
  const args = node.arguments ?? [];
  if (args.some((a) => ts.isSpreadElement(a))) fail(node, Codes.UnsupportedSyntax, "spread arguments are not supported on devices yet");
  const source = args.length >= 1 ? skipParens(args[0]) : undefined;
  const literal = source && ts.isArrayLiteralExpression(source) ? source : undefined;
  const descriptor = () => {
    const address = this.temp({ smallInt: true });
    this.emit({ op: "addr-of", dst: address, src: this.symbolAddress(`${DESCRIPTOR_TYPED_PREFIX}${element}`) });
    this.typedDescriptors.add(element);
    return address;
  };
  const size = () => this.constant(tagInt(elementBytes(element)), true);
  if (source && this.isArrayBuffer(source)) {
    if (args.length > 3) fail(args[3], Codes.UnsupportedCall, `new ${node.expression.getText()} takes a buffer, an offset and a length`);
    args.slice(1).forEach((a) => { if (this.kindOf(a) !== "number" && this.kindOf(a) !== "nullish") fail(a, Codes.UnsupportedCall, "this argument must be a number on devices"); });
    const [buffer, offset, length] = this.exprList(args);
    return this.call(this.runtime("typedArrayOnBuffer"), [buffer, offset ?? this.constant(UNDEFINED), length ?? this.constant(UNDEFINED), size(), descriptor()], node);
  }
  const sourceKind = source && !literal ? this.kindOf(source) : undefined;
  if (args.length > 1 || (sourceKind !== undefined && sourceKind !== "number" && sourceKind !== "array" && sourceKind !== "typed")) {
    fail(node, Codes.UnsupportedCall, `new ${node.expression.getText()} is supported on devices with a length, an array, a typed array or an ArrayBuffer`);
  }
  if (sourceKind === "array" || sourceKind === "typed") {
    const value = this.expr(source!);
    return this.call(this.runtime("typedArrayFrom"), [value, this.constant(sourceKind === "typed" ? TRUE : FALSE), size(), descriptor()], node);
  }
  if (literal && literal.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) {
    fail(literal, Codes.UnsupportedSyntax, "spread and holes in array literals are not supported on devices yet");
  }
  const values = literal ? this.exprList(literal.elements) : [];
  const length = literal || !source ? this.constant(tagInt(values.length), true) : this.expr(source);
  const dst = this.temp();
  this.emit({
    op: "call", dst, callee: this.runtime("typedArrayNew"), pos: this.pos(node), newArray: true,
    args: [length, size(), descriptor()],
  });
  values.forEach((v, i) => {
    this.typedSet(dst, this.constant(tagInt(i), true), v, element, literal!.elements[i]);
  });
  return dst;
};

/** Is this value an ArrayBuffer? (`SharedArrayBuffer` is in the type of a typed array's
 *  buffer, ArrayBufferLike, but devices make none, so a value of it is an ArrayBuffer.) */
Lowerer.prototype.isArrayBuffer = function isArrayBuffer(this: Lowerer, node: ts.Expression): boolean {
  const type = this.checker.getTypeAtLocation(node);
  const members = type.isUnion() ? type.types : [type];
  return members.every((t) => {
    const symbol = t.getSymbol();
    const name = symbol?.getName();
    // The library's, or the runtime's class standing in for it; not an app's own class.
    const file = symbol?.declarations?.[0]?.getSourceFile();
    return (name === "ArrayBuffer" || name === "SharedArrayBuffer") && file !== undefined && (file.isDeclarationFile || file.fileName.startsWith(RT_DIR));
  });
};

/** new ArrayBuffer(byteLength): the runtime puts the bytes in the object (typed-arrays.ts),
 *  with the class's descriptor, so its getter and slice are the class's methods. */
Lowerer.prototype.newArrayBuffer = function newArrayBuffer(this: Lowerer, decl: ts.ClassDeclaration, node: ts.NewExpression): VReg {
  const args = node.arguments ?? [];
  if (args.length > 1 || args.some((a) => ts.isSpreadElement(a) || this.kindOf(a) !== "number")) {
    fail(node, Codes.UnsupportedCall, "new ArrayBuffer takes a byte length on devices");
  }
  const info = this.classInfo(decl);
  const descriptor = this.temp({ smallInt: true });
  this.emit({ op: "addr-of", dst: descriptor, src: this.symbolAddress(info.descriptor) });
  const length = args.length === 1 ? this.expr(args[0]) : this.constant(tagInt(0), true);
  return this.call(this.runtime("arrayBufferNew"), [length, descriptor], node);
};

/** t.buffer, t.byteOffset, t.byteLength and t.BYTES_PER_ELEMENT of a typed array, and an
 *  ArrayBuffer's byteLength (its one field). */
Lowerer.prototype.typedProperty = function typedProperty(this: Lowerer, node: ts.PropertyAccessExpression): VReg | undefined {
  const name = node.name.text;
  // Uint8Array.BYTES_PER_ELEMENT and the others: constants.
  const constructorName = ts.isIdentifier(node.expression) ? node.expression.text : "";
  if (name === "BYTES_PER_ELEMENT" && TYPED_ARRAYS[constructorName] && this.isGlobal(node.expression)) {
    return this.constant(tagInt(elementBytes(TYPED_ARRAYS[constructorName])), true);
  }
  if (this.kindOf(node.expression) !== "typed") {
    if (name !== "byteLength" || !this.isArrayBuffer(node.expression)) return undefined;
    const size = this.temp();
    this.emit({ op: "load", dst: size, base: this.expr(node.expression), offset: ARRAY_BUFFER_SIZE, width: 32, pos: this.pos(node) });
    return size;
  }
  if (name === "BYTES_PER_ELEMENT") {
    const element = this.typedElement(node.expression)!;
    this.expr(node.expression, true);
    return this.constant(tagInt(elementBytes(element)), true);
  }
  if (name !== "buffer" && name !== "byteOffset" && name !== "byteLength") return undefined;
  const array = this.expr(node.expression);
  if (name === "buffer") {
    const dst = this.temp();
    this.emit({ op: "load", dst, base: array, offset: TYPED_BUFFER, width: 32, pos: this.pos(node) });
    return dst;
  }
  return this.call(this.runtime(name === "byteOffset" ? "typedByteOffset" : "typedByteLength"), [array], node, true, true);
};

/** Methods of typed arrays: subarray (a view of the same buffer), slice (a copy), fill, set;
 *  and an ArrayBuffer's slice. */
Lowerer.prototype.typedMethod = function typedMethod(this: Lowerer, callee: ts.PropertyAccessExpression, node: ts.CallExpression): VReg {
  const name = callee.name.text;
  const t = callee.expression;
  const call = (rt: RtName, args: VReg[]) => this.call(this.runtime(rt), args, node);
  if (this.kindOf(t) !== "typed") {
    if (name !== "slice") fail(node, Codes.UnsupportedCall, `the ArrayBuffer method '${name}' is not supported on devices yet`);
    return call("arrayBufferSlice", this.methodArgs(t, node, 2, ["number", "number"]));
  }
  switch (name) {
    case "subarray": return call("typedSubarray", this.methodArgs(t, node, 2, ["number", "number"]));
    case "slice": return call("typedSlice", this.methodArgs(t, node, 2, ["number", "number"]));
    case "fill": return call("typedFill", this.methodArgs(t, node, 3, ["number", "number", "number"]));
    case "set": {
      const source = node.arguments[0];
      const kind = source && !ts.isSpreadElement(source) ? this.kindOf(source) : undefined;
      if (kind !== "array" && kind !== "typed") fail(source ?? node, Codes.UnsupportedCall, "set takes an array or a typed array on devices");
      this.call(this.runtime(kind === "typed" ? "typedSetFromTyped" : "typedSetFromArray"), this.methodArgs(t, node, 2, ["any", "number"]), node, false);
      return this.constant(UNDEFINED);
    }
  }
  return fail(node, Codes.UnsupportedCall, `the typed array method '${name}' is not supported on devices yet`);
};

Lowerer.prototype.arrayLiteral = function arrayLiteral(this: Lowerer, node: ts.ArrayLiteralExpression): VReg {
  if (node.elements.some((e) => ts.isOmittedExpression(e))) {
    fail(node, Codes.UnsupportedSyntax, "holes in array literals are not supported on devices yet");
  }
  return this.arrayOfElements(node.elements, node);
};

/** A new array of these elements, in order: [a, ...xs, b] (plain values are pushed, spread
 *  arrays and strings appended); also the arguments of a call from a spread on. */
Lowerer.prototype.arrayOfElements = function arrayOfElements(this: Lowerer, elements: readonly ts.Expression[], node: ts.Node): VReg {
  if (!elements.some((e) => ts.isSpreadElement(e))) return this.arrayOf(this.exprList(elements), node);
  // A spread of anything but an array or a string goes through the iteration protocol
  // (iteration.ts), run to its end where it stands, as in JavaScript.
  const protocol = (e: ts.Expression) => ts.isSpreadElement(e) && !this.iterableArray(e.expression) && !["array", "string"].includes(this.kindOf(e.expression));
  const parts = elements.map((e) => {
    const iterated = ts.isSpreadElement(e) ? this.iterableArray(e.expression) : undefined;
    if (protocol(e)) return this.iteratedArray((e as ts.SpreadElement).expression);
    return iterated ? iterated() : this.expr(ts.isSpreadElement(e) ? e.expression : e);
  });
  const array = this.newArray(this.constant(tagInt(0), true), node);
  elements.forEach((e, i) => {
    if (!ts.isSpreadElement(e)) { this.call(this.runtime("arrayPush"), [array, parts[i]], e, false); return; }
    const kind = this.iterableArray(e.expression) || protocol(e) ? "array" : this.kindOf(e.expression);
    this.call(this.runtime(kind === "string" ? "arrayAppendString" : "arrayAppend"), [array, parts[i]], e, false);
  });
  return array;
};

/** A new array holding these values. */
Lowerer.prototype.arrayOf = function arrayOf(this: Lowerer, values: VReg[], node: ts.Node): VReg {
  const array = this.newArray(this.constant(tagInt(values.length), true), node);
  if (values.length === 0) return array;
  const elements = this.temp({ raw: true });
  this.emit({ op: "load", dst: elements, base: array, offset: ARRAY_ELEMENTS, width: 32 });
  values.forEach((v, i) => this.emit({ op: "store", base: elements, offset: 4 * i, src: v, width: 32 }));
  return array;
};

Lowerer.prototype.newArray = function newArray(this: Lowerer, length: VReg, node: ts.Node): VReg {
  const dst = this.temp();
  this.emit({ op: "call", dst, callee: this.runtime("arrayNew"), args: [length], pos: this.pos(node), newArray: true });
  return dst;
};

Lowerer.prototype.arrayOperand = function arrayOperand(this: Lowerer, node: ts.Expression): VReg {
  this.requireArray(node);
  return this.expr(node);
};

/** The element type when `node` is a typed array (undefined for a plain array). */
Lowerer.prototype.typedElement = function typedElement(this: Lowerer, node: ts.Expression): TypedElement | undefined {
  const element = typedArrayElement(this.checker.getTypeAtLocation(node));
  if ((element === "f32" || element === "f64") && !this.doubles) {
    fail(node, Codes.UnsupportedType, `${element === "f32" ? "Float32Array" : "Float64Array"} needs doubles, which devices do not support yet`);
  }
  return element;
};

Lowerer.prototype.elementGetInto = function elementGetInto(this: Lowerer, dst: VReg, arrayNode: ts.Expression, array: VReg, index: VReg, node: ts.Node): void {
  const element = this.typedElement(arrayNode);
  if (element) this.typedGet(dst, array, index, element, node);
  else this.emit({ op: "elem-get", dst, array, index, pos: this.pos(node) });
};

Lowerer.prototype.elementSet = function elementSet(this: Lowerer, arrayNode: ts.Expression, array: VReg, index: VReg, src: VReg, node: ts.Node): void {
  const element = this.typedElement(arrayNode);
  if (!element) this.frozenArrayCheck(array, WRITE_ELEMENT, index, node);
  if (element) {
    this.typedSet(array, index, src, element, node);
  } else {
    this.emit({ op: "elem-set", array, index, src, pos: this.pos(node) });
  }
};

/** Element reads and writes of typed arrays: integers inline, floats through the runtime. */
Lowerer.prototype.typedGet = function typedGet(this: Lowerer, dst: VReg, array: VReg, index: VReg, element: TypedElement, node: ts.Node): void {
  if (element !== "f32" && element !== "f64") {
    this.emit({ op: "typed-get", dst, array, index, element, pos: this.pos(node) });
    return;
  }
  const value = this.call(this.runtime("typedGetFloat"), [array, index], node);
  this.emit({ op: "move", dst, src: value });
};

Lowerer.prototype.typedSet = function typedSet(this: Lowerer, array: VReg, index: VReg, src: VReg, element: TypedElement, node: ts.Node): void {
  if (element !== "f32" && element !== "f64") this.emit({ op: "typed-set", array, index, src, element, pos: this.pos(node) });
  else this.call(this.runtime("typedSetFloat"), [array, index, src], node, false);
};

Lowerer.prototype.requireArray = function requireArray(this: Lowerer, node: ts.Expression): void {
  const kind = this.kindOf(node);
  if (kind !== "array" && kind !== "typed") {
    fail(node, Codes.UnsupportedSyntax, `indexing a value of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node))}' is not supported on devices yet`);
  }
};

Lowerer.prototype.elementGet = function elementGet(this: Lowerer, node: ts.ElementAccessExpression): VReg {
  if (this.castDoubted(node.expression)) return this.checkedElementGet(node);
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
};
