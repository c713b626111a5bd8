import type * as TS from "typescript";
import { KEY_GLOBALS, type KeyBindingKind } from "../core";

/**
 * `key=NAME`: what NAME is bound to where the tagged function stands, and how generated code reaches it.
 * Babel answers with its scope tracker; this answers the same question from the checker's symbols,
 * counting only bindings declared in this file (a lib or ambient global is not a binding Babel sees).
 */

/** How generated code refers to a key function. */
export type KeyBinding =
  /** A binding of this file: referenced by an identifier whose original is the declaration's name, so TypeScript's module transform rewrites it as it would a written reference. */
  | { kind: "local"; name: TS.Identifier }
  /** An import: reached through a namespace import of its module of our own (the user's import may be elided as unused). */
  | { kind: "import"; module: string; member: string | undefined };

/** The declaration in this file that NAME means around `fn`, if any. */
function declarationOf(ts: typeof TS, checker: TS.TypeChecker, fn: TS.Node, name: string): TS.Declaration | undefined {
  const sf = fn.getSourceFile();
  const symbol = checker.getSymbolsInScope(fn.parent, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === name);
  return symbol?.declarations?.find((d) => d.getSourceFile() === sf);
}

/** What NAME is bound to around `fn` (see `KeyBindingKind` in the core), with words for the message. Mirrors src/babel/key-scope.ts. */
export function classifyKeyBinding(ts: typeof TS, checker: TS.TypeChecker, fn: TS.Node, name: string): { kind: KeyBindingKind; what: string } {
  const declaration = declarationOf(ts, checker, fn, name);
  if (declaration === undefined) return { kind: KEY_GLOBALS.has(name) ? "global" : "missing", what: "" };
  if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) return { kind: "class", what: "a class" };
  if (ts.isNamespaceImport(declaration)) return { kind: "not-a-function", what: "a namespace import (a module namespace object)" };
  if ((ts.isImportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly)) || (ts.isImportClause(declaration) && declaration.isTypeOnly)) {
    return { kind: "not-a-function", what: "a type-only import (no value at run time)" };
  }
  if (ts.isEnumDeclaration(declaration)) return { kind: "not-a-function", what: "an enum" };
  if (ts.isModuleDeclaration(declaration)) return { kind: "not-a-function", what: "a namespace" };
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && ts.isVariableDeclarationList(declaration.parent)) {
    const flags = declaration.parent.flags;
    const declared = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
    // A `let`/`var` assigned elsewhere may hold a function by the first call: only its declaration is judged otherwise.
    if (declared !== "const" && isAssigned(ts, checker, declaration)) return { kind: "function", what: "" };
    const init = declaration.initializer;
    if (init === undefined) return declared === "const" ? { kind: "function", what: "" } : { kind: "not-a-function", what: `a \`${declared}\` that is never assigned` };
    return classifyInitializer(ts, init, declared);
  }
  // Function declarations, imports, parameters, destructured bindings, catch parameters: can be (or hold) a function.
  return { kind: "function", what: "" };
}

/** Is the variable assigned anywhere besides its declaration (`k = …`, `k += …`, `[k] = …`, `k++`)? */
function isAssigned(ts: typeof TS, checker: TS.TypeChecker, declaration: TS.VariableDeclaration): boolean {
  const symbol = checker.getSymbolAtLocation(declaration.name);
  const name = (declaration.name as TS.Identifier).text;
  let assigned = false;
  const visit = (node: TS.Node): void => {
    if (assigned) return;
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && isWriteTarget(ts, node) && checker.getSymbolAtLocation(node) === symbol) {
      assigned = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.getSourceFile());
  return assigned;
}

/** An identifier written by an assignment, compound assignment, `++`/`--`, or destructuring assignment. */
function isWriteTarget(ts: typeof TS, node: TS.Node): boolean {
  let child = node;
  let parent = node.parent;
  // Climb out of destructuring patterns written as array/object literals on an assignment's left.
  while (ts.isArrayLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isObjectLiteralExpression(parent) || ts.isParenthesizedExpression(parent)) {
    if (ts.isPropertyAssignment(parent) && parent.name === child) return false;
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent)) return parent.left === child && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  if (ts.isForInStatement(parent) || ts.isForOfStatement(parent)) return parent.initializer === child;
  return false;
}

/** A variable's initializer: a function, a class, plainly not a function, or something the build cannot see through. */
function classifyInitializer(ts: typeof TS, init: TS.Expression, declared: string): { kind: KeyBindingKind; what: string } {
  let node: TS.Expression = init;
  while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  const plainly = (words: string) => ({ kind: "not-a-function" as const, what: `a \`${declared}\` holding ${words}` });
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return { kind: "function", what: "" };
  if (ts.isClassExpression(node)) return { kind: "class", what: `a \`${declared}\` holding a class` };
  if (ts.isNumericLiteral(node)) return plainly(`the number ${node.getText()}`);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return plainly("a string");
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return plainly(node.kind === ts.SyntaxKind.TrueKeyword ? "true" : "false");
  if (node.kind === ts.SyntaxKind.NullKeyword) return plainly("null");
  if (ts.isBigIntLiteral(node)) return plainly("a bigint");
  if (ts.isRegularExpressionLiteral(node)) return plainly("a regular expression");
  if (ts.isObjectLiteralExpression(node)) return plainly("an object literal");
  if (ts.isArrayLiteralExpression(node)) return plainly("an array");
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node) || ts.isTypeOfExpression(node) || ts.isVoidExpression(node) || ts.isDeleteExpression(node) || ts.isBinaryExpression(node)) {
    // `a = b` and `a, b` pass a value through; every other binary or unary operator makes a primitive.
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.CommaToken || (node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      return { kind: "function", what: "" };
    }
    return plainly("a number, string or boolean");
  }
  if (ts.isIdentifier(node) && node.text === "undefined") return plainly("undefined");
  return { kind: "function", what: "" };
}

/** Finds NAME in the scope around `fn`, or undefined when it is not in scope. */
export function findKeyBinding(ts: typeof TS, checker: TS.TypeChecker, fn: TS.Node, name: string): KeyBinding | undefined {
  const sf = fn.getSourceFile();
  const symbol = checker.getSymbolsInScope(fn.parent, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === name);
  const declaration = symbol?.declarations?.find((d) => d.getSourceFile() === sf);
  if (declaration === undefined) return undefined; // a global: the key check (checkKeyBinding) has rejected it already
  if (ts.isImportSpecifier(declaration)) {
    return { kind: "import", module: moduleOf(ts, declaration), member: (declaration.propertyName ?? declaration.name).text };
  }
  if (ts.isImportClause(declaration)) return { kind: "import", module: moduleOf(ts, declaration), member: "default" };
  if (ts.isNamespaceImport(declaration)) return { kind: "import", module: moduleOf(ts, declaration), member: undefined };
  const declName = (declaration as TS.NamedDeclaration).name;
  return { kind: "local", name: declName && ts.isIdentifier(declName) ? declName : ts.factory.createIdentifier(name) };
}

function moduleOf(ts: typeof TS, node: TS.Node): string {
  let current = node;
  while (!ts.isImportDeclaration(current)) current = current.parent;
  return (current.moduleSpecifier as TS.StringLiteral).text;
}
