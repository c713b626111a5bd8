import type { NodePath, types as t } from "@babel/core";
import { KEY_GLOBALS, type KeyBindingKind } from "../core";

/**
 * `key=NAME`: what NAME is bound to where the tagged function stands, in the terms of the core's
 * `checkKeyBinding` (the TypeScript front end answers the same question in src/ts/key-scope.ts).
 */

/** What the binding of NAME around `fn` is: its kind, and words for the message. */
export function classifyKeyBinding(fn: NodePath, name: string): { kind: KeyBindingKind; what: string } {
  const binding = fn.parentPath!.scope.getBinding(name);
  if (binding === undefined) {
    const declared = enumOrNamespace(fn, name);
    if (declared !== undefined) return { kind: "not-a-function", what: declared };
    return { kind: KEY_GLOBALS.has(name) ? "global" : "missing", what: "" };
  }
  const path = binding.path;
  if (path.isClassDeclaration() || path.isClassExpression()) return { kind: "class", what: "a class" };
  if (path.isImportNamespaceSpecifier()) return { kind: "not-a-function", what: "a namespace import (a module namespace object)" };
  if (path.isImportSpecifier() || path.isImportDefaultSpecifier()) {
    const typeOnly = (path.node as t.ImportSpecifier).importKind === "type" || (path.parent as t.ImportDeclaration).importKind === "type";
    if (typeOnly) return { kind: "not-a-function", what: "a type-only import (no value at run time)" };
  }
  if (path.isTSEnumDeclaration()) return { kind: "not-a-function", what: "an enum" };
  if (path.isTSModuleDeclaration()) return { kind: "not-a-function", what: "a namespace" };
  if (path.isVariableDeclarator() && path.node.id.type === "Identifier") {
    // A `let`/`var` assigned elsewhere may hold a function by the first call: only its declaration is judged otherwise.
    if (binding.kind !== "const" && binding.constantViolations.length > 0) return { kind: "function", what: "" };
    const init = path.node.init;
    if (init == null) return binding.kind === "const" ? { kind: "function", what: "" } : { kind: "not-a-function", what: `a \`${binding.kind}\` that is never assigned` };
    return classifyInitializer(init, binding.kind);
  }
  // Function declarations, imports, parameters, destructured bindings, catch parameters: can be (or hold) a function.
  return { kind: "function", what: "" };
}

/** Babel's scope tracker registers no binding for a TypeScript `enum` or `namespace`: look for one in the enclosing blocks. */
function enumOrNamespace(fn: NodePath, name: string): string | undefined {
  for (let scope: NodePath["scope"] | undefined = fn.parentPath!.scope; scope !== undefined; scope = scope.parent) {
    const body = (scope.block as { body?: unknown }).body;
    const statements = Array.isArray(body) ? body : body !== null && typeof body === "object" && Array.isArray((body as t.BlockStatement).body) ? (body as t.BlockStatement).body : [];
    for (let statement of statements as t.Statement[]) {
      if ((statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration") && statement.declaration) statement = statement.declaration as t.Statement;
      if (statement.type === "TSEnumDeclaration" && statement.id.name === name) return "an enum";
      if (statement.type === "TSModuleDeclaration" && statement.id.type === "Identifier" && statement.id.name === name) return "a namespace";
    }
  }
  return undefined;
}

/** A variable's initializer: a function, a class, plainly not a function, or something the build cannot see through. */
function classifyInitializer(init: t.Expression, declared: string): { kind: KeyBindingKind; what: string } {
  let node: t.Node = init;
  while (node.type === "TSAsExpression" || node.type === "TSSatisfiesExpression" || node.type === "TSNonNullExpression" || node.type === "TSTypeAssertion" || node.type === "ParenthesizedExpression") {
    node = node.expression;
  }
  switch (node.type) {
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return { kind: "function", what: "" };
    case "ClassExpression":
      return { kind: "class", what: `a \`${declared}\` holding a class` };
    case "NumericLiteral":
    case "StringLiteral":
    case "BooleanLiteral":
    case "NullLiteral":
    case "BigIntLiteral":
    case "RegExpLiteral":
    case "TemplateLiteral":
    case "ObjectExpression":
    case "ArrayExpression":
    case "UnaryExpression":
    case "BinaryExpression":
    case "UpdateExpression":
      return { kind: "not-a-function", what: `a \`${declared}\` holding ${describeValue(node)}` };
    case "Identifier":
      if (node.name === "undefined") return { kind: "not-a-function", what: `a \`${declared}\` holding undefined` };
      return { kind: "function", what: "" };
    default:
      return { kind: "function", what: "" };
  }
}

/** Short words for a value that is plainly not a function. */
function describeValue(node: t.Node): string {
  switch (node.type) {
    case "NumericLiteral":
      return `the number ${node.extra?.raw ?? node.value}`;
    case "StringLiteral":
    case "TemplateLiteral":
      return "a string";
    case "BooleanLiteral":
      return String(node.value);
    case "NullLiteral":
      return "null";
    case "BigIntLiteral":
      return "a bigint";
    case "RegExpLiteral":
      return "a regular expression";
    case "ObjectExpression":
      return "an object literal";
    case "ArrayExpression":
      return "an array";
    default:
      return "a number, string or boolean";
  }
}
