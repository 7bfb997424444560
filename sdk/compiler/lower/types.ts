// What lowering needs to know about a TypeScript type: the representation class of the
// values it describes. The checker gives each expression's type; this reduces it.

import ts from "typescript";

export type ValueKind = "number" | "boolean" | "string" | "nullish" | "array" | "typed" | "object" | "void" | "any";

/** Element types of typed arrays: byte size, signedness, and whether they need doubles. */
export type TypedElement = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "f64";

export const TYPED_ARRAYS: Record<string, TypedElement> = {
  Uint8Array: "u8", Int8Array: "i8", Uint16Array: "u16", Int16Array: "i16",
  Uint32Array: "u32", Int32Array: "i32", Float32Array: "f32", Float64Array: "f64",
};

export function elementBytes(e: TypedElement): 1 | 2 | 4 | 8 {
  return e === "u8" || e === "i8" ? 1 : e === "u16" || e === "i16" ? 2 : e === "f64" ? 8 : 4;
}

/** The element type when the type is one of the typed arrays. */
export function typedArrayElement(type: ts.Type): TypedElement | undefined {
  const name = type.getSymbol()?.getName();
  return name !== undefined ? TYPED_ARRAYS[name] : undefined;
}

export function valueKind(checker: ts.TypeChecker, type: ts.Type): ValueKind {
  // A type parameter (`K extends Comparable<K>`) holds values of its constraint's kind.
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint && constraint !== type ? valueKind(checker, constraint) : "any";
  }
  if (type.flags & (ts.TypeFlags.NumberLike)) return "number";
  if (type.flags & ts.TypeFlags.BooleanLike) return "boolean";
  if (type.flags & ts.TypeFlags.StringLike) return "string";
  if (type.flags & ts.TypeFlags.Void) return "void";
  if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return "nullish";
  if (type.flags & ts.TypeFlags.Never) return "any";
  if (type.isUnion()) {
    const kinds = new Set(type.types.map((t) => valueKind(checker, t)));
    // `boolean` is the union true | false.
    if (kinds.size === 1) return [...kinds][0];
    return "any";
  }
  // { a: number } & { b: number } (Object.assign's result): an object when every part is one.
  if (type.isIntersection() && type.types.every((t) => valueKind(checker, t) === "object")) return "object";
  if (checker.isArrayType(type) || checker.isTupleType(type) || isMatchArrayType(type)) return "array";
  if (typedArrayElement(type)) return "typed";
  // Objects that are not functions: class instances, object literals, interfaces, records.
  if (type.flags & ts.TypeFlags.Object && type.getCallSignatures().length === 0) return "object";
  return "any";
}

/** A RegExp match (lib's RegExpMatchArray, RegExpExecArray): an array of strings at run time
 *  (sdk/lib/rt/regexp.ts), with index, input and groups besides. */
export function isMatchArrayType(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  // (A tagged template's strings are such an array of strings too: lower/tagged-templates.ts.)
  return (symbol?.name === "RegExpMatchArray" || symbol?.name === "RegExpExecArray" || symbol?.name === "TemplateStringsArray")
    && symbol.declarations?.[0]?.getSourceFile().isDeclarationFile === true;
}

export function elementType(checker: ts.TypeChecker, type: ts.Type): ts.Type | undefined {
  if (isMatchArrayType(type)) return checker.getStringType();
  if (!checker.isArrayType(type)) return undefined;
  return checker.getTypeArguments(type as ts.TypeReference)[0];
}

/** The methods of an interface (or object) type, in declaration order: classes that implement
 *  it give them their first method-table slots (classes.ts, classInfo), and calls through it
 *  try those slots first (calls.ts, methodCodeByName). */
export function interfaceMethodNames(checker: ts.TypeChecker, type: ts.Type): string[] {
  return checker.getPropertiesOfType(type)
    .filter((p) => p.declarations?.some((d) => ts.isMethodSignature(d)))
    .map((p) => p.name);
}
