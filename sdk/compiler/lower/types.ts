// What lowering needs to know about a TypeScript type: the representation class of the
// values it describes. The checker gives each expression's type; this reduces it.

import ts from "typescript";

export type ValueKind = "number" | "boolean" | "string" | "nullish" | "array" | "void" | "any";

export function valueKind(checker: ts.TypeChecker, type: ts.Type): ValueKind {
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
  if (checker.isArrayType(type)) return "array";
  return "any";
}

export function elementType(checker: ts.TypeChecker, type: ts.Type): ts.Type | undefined {
  if (!checker.isArrayType(type)) return undefined;
  return checker.getTypeArguments(type as ts.TypeReference)[0];
}
