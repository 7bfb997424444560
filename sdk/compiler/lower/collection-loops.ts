// Iterating a Map or a Set whose static type says so: their iterators are live
// (sdk/lib/rt/collections.ts), so for…of steps one directly (collectionStep: the next value, or
// the iterator itself once done), seeing what the loop's body adds and deletes, without the
// iteration protocol's records and result objects; spread, Array.from and new Set(…) take
// what is left of one as an array (collectionRest).

import ts from "typescript";
import { type VReg, newBlock } from "../ir/ir.ts";
import { Lowerer } from "./lowerer.ts";
import { RT_DIR } from "./runtime-symbols.ts";
import { skipParens } from "./syntax.ts";

declare module "./lowerer.ts" {
  interface Lowerer {
    collectionIterator(node: ts.Expression): (() => VReg) | undefined;
    collectionForOf(node: ts.ForOfStatement): boolean;
  }
}

/** A Map's or Set's iterator, when `node` is one of them or its keys(), values() or entries(). */
Lowerer.prototype.collectionIterator = function collectionIterator(this: Lowerer, node: ts.Expression): (() => VReg) | undefined {
  const isCollection = (e: ts.Expression): ts.ClassDeclaration | undefined => {
    const cls = this.instanceClass(e);
    return cls && ["Map", "Set"].includes(cls.name?.text ?? "") && cls.getSourceFile().fileName.startsWith(RT_DIR) ? cls : undefined;
  };
  const inner = skipParens(node);
  if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.arguments.length === 0
    && ["keys", "values", "entries"].includes(inner.expression.name.text) && isCollection(inner.expression.expression)) {
    return () => this.expr(inner);
  }
  const cls = isCollection(inner);
  if (!cls) return undefined;
  const info = this.classInfo(cls);
  const method = info.name === "Map" ? "entries" : "values";
  return () => this.methodCall(this.expr(inner), info.slots.get(method)!, [], node, method);
};

/** for (const x of collection): stepped until done; nothing to close when left early. */
Lowerer.prototype.collectionForOf = function collectionForOf(this: Lowerer, node: ts.ForOfStatement): boolean {
  const iterator = this.collectionIterator(node.expression);
  if (!iterator) return false;
  const label = this.takeLabel();
  const declaration = this.loopVariable(node);
  const it = this.temp();
  this.emit({ op: "move", dst: it, src: iterator() });
  const step = newBlock(this.fn), body = newBlock(this.fn), exit = newBlock(this.fn);
  this.jumpTo(step);
  this.startBlock(step);
  const element = this.call(this.runtime("collectionStep"), [it], node);
  this.setTerm({ op: "branch", kind: "cmp", cmp: "eq", numeric: false, a: element, b: it, then: exit, else: body, pos: this.pos(node) });
  this.startBlock(body);
  this.bindLoopVariable(declaration, element);
  this.loops.push({ breakTo: exit, continueTo: step, label, tryDepth: this.tries.length });
  this.statement(node.statement);
  this.loops.pop();
  this.jumpTo(step);
  this.startBlock(exit);
  return true;
};
