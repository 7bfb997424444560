// Lowering intrinsics: the functions of mote/intrinsics (peek8/16/32 and poke8/16/32,
// peekValue, pokeValue, addressOf, objectAt, objectKind, callMethod, panic, …) are not calls:
// each becomes the few IR instructions it names, so that drivers and the runtime written in
// TypeScript reach memory and registers directly. peekN(address) & mask is lowered as one
// masked read (maskedPeek).

import path from "node:path";
import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { UNDEFINED, isSmallIntValue } from "../values.ts";
import { constantNumber, constantValue } from "./constants.ts";
import { F64_WORDS } from "../port.ts";
import { Lowerer } from "./lowerer.ts";
import { INTRINSICS_FILE, RT_DIR } from "./runtime-symbols.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    maskedPeek(node: ts.BinaryExpression): VReg | undefined;
    maskedPeekBits(node: ts.Expression, anyMask: boolean): { bits: VReg; mask: number } | undefined;
    intrinsic(name: string, node: ts.CallExpression, rawResult?: boolean): VReg;
  }
}

/** peekN(address) & mask, with a constant non-negative mask: the masked raw word is a
 *  small integer whatever the register holds (a status bit test in a driver). */
Lowerer.prototype.maskedPeek = function maskedPeek(this: Lowerer, node: ts.BinaryExpression): VReg | undefined {
  const masked = this.maskedPeekBits(node, false);
  if (!masked) return undefined;
  const dst = this.temp({ smallInt: true });
  this.emit({ op: "tag", dst, src: masked.bits, max: masked.mask, pos: this.pos(node) });
  return dst;
};

/** The raw word of peekN(address) & mask, with a constant mask: a non-negative small integer,
 *  or with `anyMask` any int32 (bit 31 of a status register, which as a number would be a
 *  boxed -2^31: a test of it against 0 needs no number at all, conditions.ts). */
Lowerer.prototype.maskedPeekBits = function maskedPeekBits(this: Lowerer, node: ts.Expression, anyMask: boolean): { bits: VReg; mask: number } | undefined {
  node = skipParens(node);
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.AmpersandToken) return undefined;
  for (const [peekSide, maskSide] of [[node.left, node.right], [node.right, node.left]]) {
    const call = skipParens(peekSide);
    const mask = anyMask ? constantNumber(maskSide, this.checker) : constantValue(maskSide, this.checker);
    if (!ts.isCallExpression(call) || typeof mask !== "number") continue;
    if (anyMask ? mask !== (mask | 0) : !isSmallIntValue(mask) || mask < 0) continue;
    const callee = skipParens(call.expression);
    if (!ts.isIdentifier(callee) || !/^peek(8|16|32)$/.test(callee.text)) continue;
    const decl = this.resolveAlias(this.symbolOf(callee)).declarations?.[0];
    if (!decl || decl.getSourceFile().fileName !== INTRINSICS_FILE) continue;
    const loaded = this.intrinsic(callee.text, call, true);
    const bits = this.temp({ raw: true });
    this.emit({ op: "raw-and", dst: bits, a: loaded, mask, pos: this.pos(node) });
    return { bits, mask };
  }
  return undefined;
};

Lowerer.prototype.intrinsic = function intrinsic(this: Lowerer, name: string, node: ts.CallExpression, rawResult = false): VReg {
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
    // symbolAddress("x") is the raw address itself: no tagging and no check to take it back;
    // peekN(a) the raw word read, so that a register plus a delta (a timer's compare value)
    // is added modulo 2^32 as the hardware does, whatever bit 31 holds.
    if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression)) {
      const callee = inner.expression.text;
      const decl = callee === "symbolAddress" || /^peek(8|16|32)$/.test(callee) ? this.resolveAlias(this.symbolOf(inner.expression)).declarations?.[0] : undefined;
      if (decl && decl.getSourceFile().fileName === INTRINSICS_FILE) {
        if (callee !== "symbolAddress") return this.intrinsic(callee, inner, true);
        const c = inner.arguments.length === 1 ? constantValue(inner.arguments[0], this.checker) : undefined;
        if (typeof c === "string") return this.symbolAddress(c);
      }
    }
    const v = this.expr(arg);
    const dst = this.temp({ raw: true });
    if (path.dirname(arg.getSourceFile().fileName) === RT_DIR) {
      // The runtime's own addresses are heap and RAM pointers (below 2^30: small integers);
      // anything else stops here, as a check costs two instructions and no stub.
      this.requireSmall(arg, v);
      this.emit({ op: "untag", dst, src: v, pos });
      return dst;
    }
    // Elsewhere any number: a peripheral address (0x40000000 and up) or a register value
    // with bit 31 set is boxed.
    this.emit({ op: "untag", dst, src: v, number: true, pos });
    return dst;
  };
  // A value written to memory is a raw word too: the low 32 bits of the number, so a
  // constant may also be negative (-1 is 0xffffffff).
  const rawValue = (arg: ts.Expression): VReg => {
    const c = constantNumber(arg, this.checker);
    if (typeof c !== "number") return address(arg);
    if (!Number.isInteger(c) || c < -0x80000000 || c > 0xffffffff) fail(arg, Codes.IntrinsicMisuse, "a value written to memory must be an integer in [-2^31, 2^32)");
    const dst = this.temp({ raw: true });
    this.emit({ op: "const", dst, word: c >>> 0 });
    return dst;
  };
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
      const [code, self, ...rest] = this.exprList(args);
      const dst = this.temp();
      this.emit({ op: "call-code", dst, code, object: self, args: rest, pos });
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
};
