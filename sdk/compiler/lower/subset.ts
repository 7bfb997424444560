// The subset check: constructs device TypeScript rejects outright, whatever the context,
// each with its own code so the error says exactly what is not supported and why.
// Everything else that lowering does not handle is reported where lowering meets it.

import ts from "typescript";
import { Codes, CompileError, fail } from "../diagnostics.ts";

export function checkUnsupported(sf: ts.SourceFile, checker: ts.TypeChecker): void {
  checkTypeSuppressions(sf);
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.WithStatement:
        fail(node, Codes.With, "'with' is not supported on devices", "name the object explicitly");
      case ts.SyntaxKind.BigIntLiteral:
        fail(node, Codes.BigInt, "BigInt is not supported on devices", "use numbers");
      case ts.SyntaxKind.VariableDeclarationList:
        if (!((node as ts.VariableDeclarationList).flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) {
          fail(node, Codes.UnsupportedSyntax, "'var' is not supported on devices", "use let or const");
        }
        break;
      case ts.SyntaxKind.DeleteExpression:
        fail(node, Codes.DeleteOperator, "'delete' is not supported on devices", "objects have a fixed layout; set the field to undefined");
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.MethodDeclaration:
        // Generators are lowered (lower/generators.ts); async ones are not.
        if ((node as ts.FunctionLikeDeclaration).asteriskToken && ts.getModifiers(node as ts.FunctionLikeDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
          fail(node, Codes.Generator, "async generators are not supported on devices yet",
            "make a generator of promises, or an async function that takes a callback for each value");
        }
        break;
      case ts.SyntaxKind.ForOfStatement:
        if ((node as ts.ForOfStatement).awaitModifier) fail(node, Codes.UnsupportedSyntax, "'for await' is not supported on devices yet", "await each value in a for…of loop");
        break;
      case ts.SyntaxKind.Identifier: {
        const name = (node as ts.Identifier).text;
        if (GLOBALS_REJECTED[name] && isGlobalReference(node as ts.Identifier, checker) && !isIteratorMethodName(node as ts.Identifier)) {
          const [code, message, hint] = GLOBALS_REJECTED[name];
          fail(node, code, message, hint);
        }
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const GLOBALS_REJECTED: Record<string, [number, string, string]> = {
  eval: [Codes.Eval, "'eval' is not supported on devices", "code is compiled ahead of time; there is no interpreter on the device"],
  Function: [Codes.NewFunction, "'Function' (code from strings) is not supported on devices", "code is compiled ahead of time"],
  Proxy: [Codes.ProxyReflect, "'Proxy' is not supported on devices", "objects have a fixed layout"],
  Reflect: [Codes.ProxyReflect, "'Reflect' is not supported on devices", "objects have a fixed layout"],
  Symbol: [Codes.SymbolUse, "'Symbol' is not supported on devices", "use strings or enums as keys"],
  BigInt: [Codes.BigInt, "BigInt is not supported on devices", "use numbers"],
};

/** `Symbol` in a class member's or object literal method's name `[Symbol.iterator]`, the one use of Symbol devices have
 *  (lower/classes.ts, memberKey). */
function isIteratorMethodName(id: ts.Identifier): boolean {
  const access = id.parent;
  if (id.text !== "Symbol" || !ts.isPropertyAccessExpression(access) || access.expression !== id || access.name.text !== "iterator") return false;
  const name = access.parent;
  return ts.isComputedPropertyName(name) && (ts.isMethodDeclaration(name.parent) || ts.isPropertyDeclaration(name.parent))
    && (ts.isClassLike(name.parent.parent) || ts.isObjectLiteralExpression(name.parent.parent));
}

/** True when the identifier refers to the global of that name (not a local that shadows it). */
function isGlobalReference(id: ts.Identifier, checker: ts.TypeChecker): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === id) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isParameter(parent)) && parent.name === id) return false;
  const sym = checker.getSymbolAtLocation(id);
  const decl = sym?.declarations?.[0];
  return !decl || decl.getSourceFile().isDeclarationFile;
}

/** The compiler chooses representations from the types, so a suppressed type error would be
 *  compiled as if it were true: code with suppressions is refused. */
function checkTypeSuppressions(sf: ts.SourceFile): void {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, sf.text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const match = /@ts-(ignore|nocheck|expect-error)/.exec(scanner.getTokenText());
    if (!match) continue;
    const start = scanner.getTokenStart() + match.index;
    const { line, character } = sf.getLineAndCharacterOfPosition(start);
    throw new CompileError([{
      file: sf.fileName, line: line + 1, column: character + 1, code: Codes.TypeSuppression,
      message: `'@ts-${match[1]}' is not supported on devices`,
      hint: "the compiler relies on the types being right; fix the type error instead",
    }]);
  }
}
