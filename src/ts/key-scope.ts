import type * as TS from "typescript";

/**
 * `key=NAME`: is NAME in scope where the tagged function stands, and how generated code reaches it.
 * Babel answers "in scope" with its scope tracker plus its list of ECMAScript globals; this answers the
 * same question from the checker's symbols, counting only bindings declared in this file (a lib or
 * ambient global is not a binding Babel sees) and the same ECMAScript globals.
 */

/** ECMAScript globals Babel's `scope.hasBinding` accepts (`@babel/helper-globals` builtin + context variables). */
const ES_GLOBALS = new Set([
  "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "eval", "globalThis", "isFinite", "isNaN",
  "parseFloat", "parseInt", "undefined", "unescape", "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt",
  "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry",
  "Float16Array", "Float32Array", "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl",
  "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError", "ReferenceError",
  "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol", "SyntaxError", "TypeError", "Uint16Array",
  "Uint32Array", "Uint8Array", "Uint8ClampedArray", "URIError", "WeakMap", "WeakRef", "WeakSet", "arguments",
]);

/** How generated code refers to a key function. */
export type KeyBinding =
  | { kind: "global" }
  /** A binding of this file: referenced by an identifier whose original is the declaration's name, so TypeScript's module transform rewrites it as it would a written reference. */
  | { kind: "local"; name: TS.Identifier }
  /** An import: reached through a namespace import of its module of our own (the user's import may be elided as unused). */
  | { kind: "import"; module: string; member: string | undefined };

/** Finds NAME in the scope around `fn`, or undefined when it is not in scope. */
export function findKeyBinding(ts: typeof TS, checker: TS.TypeChecker, fn: TS.Node, name: string): KeyBinding | undefined {
  const sf = fn.getSourceFile();
  const symbol = checker.getSymbolsInScope(fn.parent, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === name);
  const declaration = symbol?.declarations?.find((d) => d.getSourceFile() === sf);
  if (declaration === undefined) return ES_GLOBALS.has(name) ? { kind: "global" } : undefined;
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
