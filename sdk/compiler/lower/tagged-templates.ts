// Tagged templates: tag`a${x}b` calls tag(strings, x), where strings is the template's text
// between the substitutions ("a", "b") with its source form as strings.raw. Each template is one
// frozen array in flash, as JavaScript gives the same (frozen) array every time the site runs:
// an array header, then the raw array (ARRAY_SIZE, read by `strings.raw` when the static type
// is TemplateStringsArray). String.raw`…` is joined in place, without that array.

import ts from "typescript";
import type { VReg } from "../ir/ir.ts";
import { Codes, fail } from "../diagnostics.ts";
import { ARRAY_ELEMENTS, ARRAY_LENGTH, ARRAY_SIZE, DESCRIPTOR_ARRAY_FROZEN } from "../values.ts";
import { Lowerer } from "./lowerer.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    taggedTemplate(node: ts.TaggedTemplateExpression): VReg;
    templateRawGet(node: ts.PropertyAccessExpression): VReg | undefined;
  }
}

/** The raw array's place after a template array's header. */
const TEMPLATE_RAW = ARRAY_SIZE;

/** Each lowering's template arrays, by site (a later build may see the same syntax tree). */
const templateArrays = new WeakMap<Lowerer, Map<ts.TaggedTemplateExpression, string>>();

function pieces(template: ts.TemplateLiteral): { cooked: Array<string | undefined>; raw: string[]; values: ts.Expression[] } {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return { cooked: [template.text], raw: [template.rawText ?? template.text], values: [] };
  const parts = [template.head, ...template.templateSpans.map((s) => s.literal)];
  return { cooked: parts.map((p) => p.text), raw: parts.map((p) => p.rawText ?? p.text), values: template.templateSpans.map((s) => s.expression) };
}

Lowerer.prototype.taggedTemplate = function taggedTemplate(this: Lowerer, node: ts.TaggedTemplateExpression): VReg {
  const { cooked, raw, values } = pieces(node.template);
  const tag = skipParens(node.tag);
  if (ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.expression) && tag.expression.text === "String" && tag.name.text === "raw" && this.isGlobal(tag.expression)) {
    let text = this.stringLiteral(raw[0]);
    values.forEach((value, i) => {
      text = this.concat(text, this.expr(value), "string", this.kindOf(value), value);
      text = this.concat(text, this.stringLiteral(raw[i + 1]), "string", "string", node);
    });
    return text;
  }
  if (this.checker.getTypeAtLocation(node.tag).getCallSignatures().length === 0) fail(node.tag, Codes.UnsupportedCall, `a tag of type '${this.checker.typeToString(this.checker.getTypeAtLocation(node.tag))}' is not supported on devices yet`);
  if (cooked.some((c) => c === undefined)) fail(node.template, Codes.UnsupportedSyntax, "an invalid escape in a tagged template is not supported on devices yet");
  if (!templateArrays.has(this)) templateArrays.set(this, new Map());
  const sites = templateArrays.get(this)!;
  let symbol = sites.get(node);
  if (!symbol) {
    const rawArray = this.constantArray(raw.map((r) => this.stringSymbol(r)));
    symbol = this.uniqueName("__template");
    const elements = `${symbol}<elements>`;
    const bytes = new Uint8Array(ARRAY_SIZE + 4);
    const view = new DataView(bytes.buffer);
    view.setUint32(ARRAY_LENGTH, cooked.length, true);
    this.data.push({
      symbol, bytes, align: 4, module: "constants",
      relocs: [{ offset: 0, symbol: DESCRIPTOR_ARRAY_FROZEN, addend: 0 }, { offset: ARRAY_ELEMENTS, symbol: elements, addend: 0 }, { offset: TEMPLATE_RAW, symbol: rawArray, addend: 0 }],
    });
    this.data.push({
      symbol: elements, bytes: new Uint8Array(Math.max(4, 4 * cooked.length)), align: 4, module: "constants",
      relocs: cooked.map((c, i) => ({ offset: 4 * i, symbol: this.stringSymbol(c!), addend: 0 })),
    });
    sites.set(node, symbol);
  }
  const fn = this.expr(node.tag);
  const strings = this.temp();
  this.emit({ op: "symbol", dst: strings, symbol, addend: 0, pos: this.pos(node) });
  const args = this.exprList(values);
  const dst = this.temp();
  this.emit({ op: "call-indirect", dst, fn, args: [strings, ...args], pos: this.pos(node) });
  return dst;
};

/** strings.raw of a tag's first parameter. */
Lowerer.prototype.templateRawGet = function templateRawGet(this: Lowerer, node: ts.PropertyAccessExpression): VReg | undefined {
  if (node.name.text !== "raw") return undefined;
  const symbol = this.checker.getNonNullableType(this.checker.getTypeAtLocation(node.expression)).getSymbol();
  if (symbol?.name !== "TemplateStringsArray" || !symbol.declarations?.[0]?.getSourceFile().isDeclarationFile) return undefined;
  const strings = this.expr(node.expression);
  const raw = this.temp();
  this.emit({ op: "load", dst: raw, base: strings, offset: TEMPLATE_RAW, width: 32, pos: this.pos(node) });
  return raw;
};
