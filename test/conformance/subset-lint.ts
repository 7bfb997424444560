// Keeps the conformance programs inside the device language of the current compiler step,
// so that a failing device run always means a compiler or runtime bug, never a program
// that asks for more than the step promises. The step-1 subset (DESIGN.md, "The device
// language", first step): top-level code, let/const, typed function declarations, the
// C-like statements with labels, int32 arithmetic, booleans, strings with `+` and
// `.length`, console.log, and arrays of numbers with index, length and push.
//
// This is an allow-list over the syntax tree, helped by the type checker where an
// operator's meaning depends on its operand types (`+`, `==`). Widen it when the compiler
// learns more, together with the programs that need it.

import ts from "typescript";

/** A problem in one program: `<line>: <message>` lines, type errors first. */
export type ProgramProblems = Map<string, string[]>;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  // Node 20 implements ES2023, and the device front end type-checks with its library.
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  // Every program is its own module: top-level names must not clash between programs.
  moduleDetection: ts.ModuleDetectionKind.Force,
  noEmit: true,
  // As the device front end resolves imports (sdk/compiler/frontend/program.ts).
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  // Device programs see no Node API; `console` comes from the default library.
  types: [],
};

const ALLOWED_BINARY = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.BarEqualsToken, ts.SyntaxKind.AmpersandEqualsToken, ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
]);

/** Operators whose operands must both be numbers (`+` and `+=` are checked separately). */
const NUMERIC_ONLY = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken, ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken,
  ts.SyntaxKind.CaretToken, ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.BarEqualsToken, ts.SyntaxKind.AmpersandEqualsToken, ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
]);

const TYPED_ARRAY_NAMES = ["Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array"];
const ALLOWED_TYPE_ANNOTATIONS = new Set(["number", "boolean", "string", "number[]", "string[]", "boolean[]", ...TYPED_ARRAY_NAMES]);
const INT32_MAX = 2147483647;

/** Type-checks the programs together under `strict` and lints each against the subset. */
export function checkSubset(files: readonly string[]): ProgramProblems {
  const program = ts.createProgram(files, COMPILER_OPTIONS);
  const checker = program.getTypeChecker();
  const problems: ProgramProblems = new Map();
  for (const file of files) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) {
      problems.set(file, ["0: the TypeScript program does not contain this file"]);
      continue;
    }
    const found: string[] = [];
    for (const diagnostic of ts.getPreEmitDiagnostics(program, sourceFile)) {
      const line = diagnostic.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
      found.push(`${line}: error TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    }
    found.push(...lintSourceFile(sourceFile, checker));
    problems.set(file, found);
  }
  return problems;
}

function lintSourceFile(sourceFile: ts.SourceFile, checker: ts.TypeChecker): string[] {
  const found: string[] = [];
  const report = (node: ts.Node, message: string): void => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    found.push(`${line}: ${message}`);
  };
  const typeText = (node: ts.TypeNode | undefined): string | undefined => node?.getText(sourceFile).replace(/\s+/g, "");
  const isKind = (expression: ts.Expression, flags: ts.TypeFlags): boolean => {
    const type = checker.getTypeAtLocation(expression);
    const parts = type.isUnion() ? type.types : [type];
    // `never` is an operand TypeScript proved unreachable (`false && x`): it has no kind to check.
    return parts.every((part) => (part.flags & (flags | ts.TypeFlags.Never)) !== 0);
  };
  const isNumber = (e: ts.Expression): boolean => isKind(e, ts.TypeFlags.NumberLike);
  const isString = (e: ts.Expression): boolean => isKind(e, ts.TypeFlags.StringLike);
  const isBoolean = (e: ts.Expression): boolean => isKind(e, ts.TypeFlags.BooleanLike);
  // Arrays of numbers, strings or booleans (the element types of this step).
  const isNumberArray = (e: ts.Expression): boolean => {
    const type = checker.getTypeAtLocation(e);
    if (TYPED_ARRAY_NAMES.includes(type.getSymbol()?.getName() ?? "")) return true;
    const element = checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0]! : undefined;
    return element !== undefined
      && (element.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.Never)) !== 0;
  };
  const isTopLevelVariable = (declaration: ts.Declaration): boolean =>
    ts.isVariableDeclaration(declaration) && ts.isSourceFile(declaration.parent.parent.parent);

  const visitStatement = (node: ts.Statement, inFunction: boolean): void => {
    if (ts.isVariableStatement(node)) {
      visitDeclarationList(node.declarationList, inFunction);
    } else if (ts.isFunctionDeclaration(node)) {
      if (inFunction || !ts.isSourceFile(node.parent)) report(node, "functions are declared at top level only (nested functions are closures)");
      if (node.asteriskToken || node.modifiers?.length) report(node, "async, generator, exported and declared functions are not in the subset");
      for (const parameter of node.parameters) {
        if (!ts.isIdentifier(parameter.name) || parameter.initializer || parameter.dotDotDotToken || parameter.questionToken) {
          report(parameter, "parameters are plain names: no defaults, rest, optional or destructuring");
        }
        if (!ALLOWED_TYPE_ANNOTATIONS.has(typeText(parameter.type) ?? "")) report(parameter, "a parameter's type is number, boolean, string or an array of them");
      }
      const returnType = typeText(node.type) ?? "";
      if (!ALLOWED_TYPE_ANNOTATIONS.has(returnType) && returnType !== "void") report(node, "a function's return type is written, and is number, boolean, string, number[] or void");
      if (node.body) node.body.statements.forEach((s) => visitStatement(s, true));
    } else if (ts.isExpressionStatement(node)) {
      visitExpression(node.expression, inFunction);
    } else if (ts.isIfStatement(node)) {
      visitExpression(node.expression, inFunction);
      visitStatement(node.thenStatement, inFunction);
      if (node.elseStatement) visitStatement(node.elseStatement, inFunction);
    } else if (ts.isWhileStatement(node) || ts.isDoStatement(node)) {
      visitExpression(node.expression, inFunction);
      visitStatement(node.statement, inFunction);
    } else if (ts.isForStatement(node)) {
      if (node.initializer) {
        if (ts.isVariableDeclarationList(node.initializer)) visitDeclarationList(node.initializer, inFunction);
        else visitExpression(node.initializer, inFunction);
      }
      if (node.condition) visitExpression(node.condition, inFunction);
      if (node.incrementor) visitExpression(node.incrementor, inFunction);
      visitStatement(node.statement, inFunction);
    } else if (ts.isForOfStatement(node)) {
      visitExpression(node.expression, inFunction);
      visitStatement(node.statement, inFunction);
    } else if (ts.isEnumDeclaration(node)) {
      // Enum members are constants the compiler folds.
    } else if (ts.isBlock(node)) {
      node.statements.forEach((s) => visitStatement(s, inFunction));
    } else if (ts.isReturnStatement(node)) {
      if (!inFunction) report(node, "return outside a function");
      if (node.expression) visitExpression(node.expression, inFunction);
    } else if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
      // Labels are checked where they are declared.
    } else if (ts.isLabeledStatement(node)) {
      if (!ts.isForStatement(node.statement) && !ts.isWhileStatement(node.statement) && !ts.isDoStatement(node.statement)) {
        report(node, "labels name loops only");
      }
      visitStatement(node.statement, inFunction);
    } else {
      report(node, `${ts.SyntaxKind[node.kind]} is not in the step-1 device subset`);
    }
  };

  const visitDeclarationList = (list: ts.VariableDeclarationList, inFunction: boolean): void => {
    if (!(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) report(list, "use let or const, not var");
    for (const declaration of list.declarations) {
      if (!ts.isIdentifier(declaration.name)) report(declaration, "destructuring is not in the subset");
      if (declaration.type && !ALLOWED_TYPE_ANNOTATIONS.has(typeText(declaration.type) ?? "")) {
        report(declaration, "a variable's type is number, boolean, string or an array of them");
      }
      if (declaration.initializer) visitExpression(declaration.initializer, inFunction);
    }
  };

  const visitExpression = (node: ts.Expression, inFunction: boolean): void => {
    const visit = (e: ts.Expression): void => visitExpression(e, inFunction);
    if (ts.isNumericLiteral(node)) {
      const value = Number(node.text);
      const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
      if (!Number.isInteger(value) || value > (negated ? INT32_MAX + 1 : INT32_MAX)) report(node, `the literal ${node.text} is not an int32`);
    } else if (ts.isStringLiteral(node)) {
      if (/[\uD800-\uDFFF]/.test(node.text)) report(node, "characters outside the BMP make .length differ from the character count; leave them out");
    } else if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      // Booleans are in the subset.
    } else if (ts.isIdentifier(node)) {
      if (node.text === "undefined") return;
      const declarations = checker.getSymbolAtLocation(node)?.declarations ?? [];
      if (declarations.length === 0 || declarations.some((d) => d.getSourceFile() !== sourceFile)) {
        report(node, `'${node.text}' is not a name this program declares`);
      } else if (inFunction && declarations.some(isTopLevelVariable)) {
        report(node, `function code uses the top-level variable '${node.text}'; pass it as a parameter`);
      }
    } else if (ts.isParenthesizedExpression(node)) {
      visit(node.expression);
    } else if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (!ALLOWED_BINARY.has(operator)) {
        report(node, `the operator ${ts.tokenToString(operator)} is not in the subset`);
      } else if (NUMERIC_ONLY.has(operator) && !(isNumber(node.left) && isNumber(node.right))) {
        report(node, `${ts.tokenToString(operator)} takes numbers here`);
      } else if (operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.PlusEqualsToken) {
        const concatenable = (e: ts.Expression): boolean => isString(e) || isNumber(e) || isBoolean(e);
        const numeric = isNumber(node.left) && isNumber(node.right);
        const concatenation = (isString(node.left) || isString(node.right)) && concatenable(node.left) && concatenable(node.right);
        if (!numeric && !concatenation) report(node, "+ adds numbers or concatenates a string with a string, number or boolean");
      } else if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
        for (const side of [node.left, node.right]) {
          if (!isBoolean(side) && !isNumber(side)) report(side, "&& and || take booleans or numbers");
        }
      }
      if (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) {
        if (!ts.isIdentifier(node.left) && !ts.isElementAccessExpression(node.left)) report(node.left, "assign to a variable or an array element");
      }
      visit(node.left);
      visit(node.right);
    } else if (ts.isPrefixUnaryExpression(node)) {
      if (node.operator === ts.SyntaxKind.PlusToken) report(node, "unary + is not in the subset");
      if (node.operator === ts.SyntaxKind.ExclamationToken) {
        if (!isBoolean(node.operand) && !isNumber(node.operand)) report(node, "! takes a boolean or a number");
      } else if (!isNumber(node.operand)) {
        report(node, "this operator takes a number");
      }
      visit(node.operand);
    } else if (ts.isPostfixUnaryExpression(node)) {
      visit(node.operand);
    } else if (ts.isConditionalExpression(node)) {
      visit(node.condition);
      visit(node.whenTrue);
      visit(node.whenFalse);
    } else if (ts.isCallExpression(node)) {
      visitCall(node, inFunction);
    } else if (ts.isPropertyAccessExpression(node) && checker.getSymbolAtLocation(node)?.valueDeclaration
      && ts.isEnumMember(checker.getSymbolAtLocation(node)!.valueDeclaration!)) {
      // An enum member: a constant.
    } else if (ts.isPropertyAccessExpression(node)) {
      if (node.name.text !== "length" || !(isString(node.expression) || isNumberArray(node.expression))) {
        report(node, "the only property read is .length of a string or an array");
      }
      visit(node.expression);
    } else if (ts.isElementAccessExpression(node)) {
      if (!isNumberArray(node.expression) && !isString(node.expression)) report(node, "indexing is for arrays and strings only");
      visit(node.expression);
      visit(node.argumentExpression);
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) {
        if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) report(element, "array literals list values only");
        else visit(element);
      }
    } else if (ts.isNewExpression(node)) {
      const constructor = ts.isIdentifier(node.expression) ? node.expression.text : "";
      if ((constructor !== "Array" && !TYPED_ARRAY_NAMES.includes(constructor)) || node.arguments?.length !== 1) {
        report(node, "the only `new` is new Array(length) or a typed array's (length or array literal)");
      }
      node.arguments?.forEach(visit);
    } else {
      report(node, `${ts.SyntaxKind[node.kind]} is not in the step-1 device subset`);
    }
  };

  const visitCall = (node: ts.CallExpression, inFunction: boolean): void => {
    const callee = node.expression;
    const args = node.arguments;
    if (args.some(ts.isSpreadElement)) report(node, "spread arguments are not in the subset");
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "console") {
      if (callee.name.text !== "log") report(node, "console.log is the only console method");
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Math") {
      // Math functions on integers (the compiler refuses those that need doubles).
    } else if (ts.isPropertyAccessExpression(callee) && (isString(callee.expression) || isNumberArray(callee.expression))) {
      // String and array methods (the compiler refuses those it does not have yet).
      visitExpression(callee.expression, inFunction);
    } else if (ts.isIdentifier(callee)) {
      const declarations = checker.getSymbolAtLocation(callee)?.declarations ?? [];
      if (!declarations.some((d) => ts.isFunctionDeclaration(d) && d.getSourceFile() === sourceFile)) {
        report(node, `'${callee.text}' is not a function this program declares`);
      }
    } else {
      report(node, "calls are to declared functions, console.log and push only");
    }
    args.forEach((a) => visitExpression(a, inFunction));
  };

  sourceFile.statements.forEach((s) => visitStatement(s, false));
  return found;
}
