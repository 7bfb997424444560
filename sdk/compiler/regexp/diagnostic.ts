// A syntax error in a regular expression literal, as V8 words it. The TypeScript parser checks
// literals' syntax itself (TS1005 "')' expected" and the like); where V8 rejects the same
// literal, its message is the one a JavaScript developer knows from Node, so it replaces
// TypeScript's, at the literal's position.

import ts from "typescript";
import { Codes, formatMoteDiagnostic } from "../diagnostics.ts";
import { patternError } from "./parse.ts";

/** The V8 error for the literal that the diagnostic points into, or undefined. */
export function regexpSyntaxError(d: ts.Diagnostic): string | undefined {
  if (!d.file || d.start === undefined) return undefined;
  const start = d.start;
  let literal: ts.RegularExpressionLiteral | undefined;
  const visit = (node: ts.Node): void => {
    if (literal || start < node.pos || start >= node.end) return;
    if (ts.isRegularExpressionLiteral(node)) literal = node;
    else ts.forEachChild(node, visit);
  };
  visit(d.file);
  if (!literal) return undefined;
  const close = literal.text.lastIndexOf("/");
  const message = patternError(literal.text.slice(1, close), literal.text.slice(close + 1));
  if (!message) return undefined;
  const { line, character } = d.file.getLineAndCharacterOfPosition(literal.getStart(d.file));
  return formatMoteDiagnostic({ file: d.file.fileName, line: line + 1, column: character + 1, code: Codes.RegExp, message });
}
