// Which local variables closures capture. A variable (or parameter) declared in one function
// and used inside a function nested in it lives in a heap cell shared by both, so that
// assignments on either side are seen by the other (closures capture variables, not values).
// Module-level variables need no cells: they are globals.

import ts from "typescript";

const cache = new WeakMap<ts.SourceFile, Set<ts.Symbol>>();

/** The function a node belongs to (its nearest enclosing function-like node), or undefined at
 *  module level. */
export function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isSourceFile(n)) return undefined;
    if (ts.isFunctionLike(n)) return n;
  }
  return undefined;
}

/** The function that declares a variable, parameter or nested function; the module's
 *  top-level code counts as one for variables in its blocks and loops. Module variables
 *  (declared by top-level statements) are globals: undefined. */
function declaringFunction(decl: ts.Declaration): ts.Node | undefined {
  if (ts.isParameter(decl)) return decl.parent;
  const fn = enclosingFunction(decl);
  if (fn) return fn;
  const statement = ts.findAncestor(decl, (n) => ts.isVariableStatement(n) || ts.isFunctionDeclaration(n));
  if (statement && ts.isSourceFile(statement.parent)) return undefined;
  return decl.getSourceFile();
}

/** The function a reference is made from, the module's top-level code being the source file. */
function referencingFunction(node: ts.Node): ts.Node {
  return enclosingFunction(node) ?? node.getSourceFile();
}

export function capturedSymbols(sf: ts.SourceFile, checker: ts.TypeChecker): Set<ts.Symbol> {
  let found = cache.get(sf);
  if (found) return found;
  found = new Set();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const sym = checker.getSymbolAtLocation(node);
      const decl = sym?.valueDeclaration;
      if (sym && decl && (ts.isVariableDeclaration(decl) || ts.isBindingElement(decl) || ts.isParameter(decl) || ts.isFunctionDeclaration(decl))) {
        const owner = declaringFunction(decl);
        if (owner && owner !== referencingFunction(node) && !(ts.isFunctionDeclaration(decl) && decl.name === node)) found!.add(sym);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  cache.set(sf, found);
  return found;
}

/** The symbols a function-like node uses that are declared outside it, in order of use. */
export function freeSymbols(fn: ts.Node, checker: ts.TypeChecker): ts.Symbol[] {
  const free: ts.Symbol[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const sym = checker.getSymbolAtLocation(node);
      const decl = sym?.valueDeclaration;
      if (sym && decl && !free.includes(sym) && !isInside(decl, fn)) free.push(sym);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return free;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === container) return true;
  return false;
}
