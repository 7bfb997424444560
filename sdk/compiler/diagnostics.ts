// Errors a user can cause, printed the way tsc prints them (`file.ts:12:5 - error TS2322: …`)
// so editors and terminals pick them up. mote's own codes are MOTEnnnn:
//   MOTE1xxx  a construct the device language does not support
//   MOTE2xxx  a value or use that cannot be compiled (constant out of range, …)
//   MOTE3xxx  board, build and image errors

import ts from "typescript";
import path from "node:path";

export const Codes = {
  UnsupportedSyntax: 1001,
  Eval: 1002,
  NewFunction: 1003,
  With: 1004,
  ProxyReflect: 1005,
  SymbolUse: 1006,
  Generator: 1007,
  RegExp: 1008,
  BigInt: 1009,
  DeleteOperator: 1010,
  DynamicProperty: 1011,
  UnsupportedType: 1012,
  UnsupportedCall: 1013,
  NestedFunction: 1014,
  UnsupportedOperator: 1015,
  TypeSuppression: 1016,
  NumberOutOfRange: 2001,
  NotConstant: 2002,
  IntrinsicMisuse: 2003,
  UnknownBoard: 3001,
  ImageTooLarge: 3002,
} as const;

export interface MoteDiagnostic {
  file: string;
  line: number;    // 1-based
  column: number;  // 1-based
  code: number;
  message: string;
  hint?: string;
}

export class CompileError extends Error {
  constructor(readonly diagnostics: MoteDiagnostic[]) {
    super(diagnostics.map((d) => formatMoteDiagnostic(d)).join("\n"));
  }
}

export function diagnosticAt(node: ts.Node, code: number, message: string, hint?: string): MoteDiagnostic {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: sf.fileName, line: line + 1, column: character + 1, code, message, hint };
}

export function fail(node: ts.Node, code: number, message: string, hint?: string): never {
  throw new CompileError([diagnosticAt(node, code, message, hint)]);
}

export function relativeFile(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

export function formatMoteDiagnostic(d: MoteDiagnostic): string {
  const hint = d.hint ? `; ${d.hint}` : "";
  return `${relativeFile(d.file)}:${d.line}:${d.column} - error MOTE${d.code}: ${d.message}${hint}`;
}

/** tsc's diagnostics in the same one-line shape (with the source line underneath, as tsc --pretty). */
export function formatTsDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const category = ts.DiagnosticCategory[d.category].toLowerCase();
  if (!d.file || d.start === undefined) return `${category} TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${relativeFile(d.file.fileName)}:${line + 1}:${character + 1} - ${category} TS${d.code}: ${message}`;
}
