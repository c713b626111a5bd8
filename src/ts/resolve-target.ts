import type * as TS from "typescript";
import type { TargetFacts } from "../core";

/**
 * Step 2 of the TypeScript path: from the node a tag leads to the function it means, and that
 * function's facts for the core. The same target table as `src/babel/resolve-target.ts`, read from
 * TypeScript's tree (where `export` is a modifier, overloads are bodiless declarations, and class
 * fields are property declarations).
 */

/** Functions memoscope can rewrite. */
export type FunctionLike =
  | TS.FunctionDeclaration | TS.FunctionExpression | TS.ArrowFunction | TS.MethodDeclaration
  | TS.GetAccessorDeclaration | TS.SetAccessorDeclaration | TS.ConstructorDeclaration;

/** The function a tag resolved to (when there is one) and the facts the core plans from. */
export interface ResolvedTarget {
  fn: FunctionLike | undefined;
  /** Where a rejection points (the class, the variable), when there is no function. */
  at?: TS.Node;
  facts: TargetFacts;
}

/** Strips parentheses and TypeScript-only wrappers (`as`, `satisfies`, `!`, `<T>x`) around an expression. */
export function unwrapExpression(ts: typeof TS, node: TS.Node): TS.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

/** The name a property-like key gives a function (`f`, `"f"`, `1`, `#f`), or undefined when computed. */
export function keyName(ts: typeof TS, key: TS.PropertyName | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (ts.isPrivateIdentifier(key)) return key.text;
  if (ts.isComputedPropertyName(key)) return ts.isStringLiteral(key.expression) ? key.expression.text : undefined;
  if (ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return key.text;
  if (ts.isNumericLiteral(key)) return String(Number(key.text));
  return undefined;
}

function hasModifier(ts: typeof TS, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/**
 * `static constructor() {}`: in JavaScript an ordinary static method named "constructor" (the class keeps
 * its own constructor), as Babel parses it; TypeScript parses a constructor with a `static` modifier
 * (and reports TS1089) but emits the static method. memoscope treats it as the static method on both paths.
 */
export function isStaticConstructor(ts: typeof TS, node: TS.Node): node is TS.ConstructorDeclaration {
  return ts.isConstructorDeclaration(node) && hasModifier(ts, node, ts.SyntaxKind.StaticKeyword);
}

/** Parameters as JavaScript sees them (TypeScript's `this:` parameter is not one). */
export function jsParams(ts: typeof TS, fn: TS.SignatureDeclarationBase): TS.ParameterDeclaration[] {
  return fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === "this"));
}

/** The name JavaScript infers for an anonymous function from where it stands (`const f = () => …`). */
function inferredName(ts: typeof TS, fn: TS.Node): string | undefined {
  let child: TS.Node = fn;
  let parent = fn.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isNonNullExpression(parent) || ts.isTypeAssertionExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === child) return ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === child) return ts.isIdentifier(parent.left) ? parent.left.text : undefined;
  if ((ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.initializer === child) return ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === child) return keyName(ts, parent.name);
  if (ts.isExportAssignment(parent) && !parent.isExportEquals) return "default";
  return undefined;
}

/** A readable label for messages: `fib`, `Cart.total`, `this arrow function`. */
function label(ts: typeof TS, fn: TS.Node, name: string | undefined): string {
  const owner = fn.parent;
  const className = owner && ts.isClassLike(owner) ? owner.name?.text : undefined;
  if (name !== undefined) return `\`${className ? `${className}.` : ""}${name}\``;
  return ts.isArrowFunction(fn) ? "this arrow function" : "this function";
}

/** Does the function use its own `this` / `arguments`? Nested non-arrow functions and class members have their own. */
function ownUses(ts: typeof TS, fn: FunctionLike): { usesThis: boolean; usesArguments: boolean } {
  const uses = { usesThis: false, usesArguments: false };
  if (ts.isArrowFunction(fn)) return uses;
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && !ts.isArrowFunction(node)) return;
    if (ts.isPropertyDeclaration(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) uses.usesThis = true;
    if (ts.isIdentifier(node) && node.text === "arguments" && isReference(ts, node)) uses.usesArguments = true;
    ts.forEachChild(node, visit);
  };
  fn.parameters.forEach(visit);
  if (fn.body) visit(fn.body);
  return uses;
}

/** An identifier that reads a binding (not a property name, label or declaration name). */
function isReference(ts: typeof TS, id: TS.Identifier): boolean {
  const parent = id.parent;
  if ((ts.isPropertyAccessExpression(parent) && parent.name === id) || (ts.isQualifiedName(parent) && parent.right === id)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isAccessor(parent)) && parent.name === id) return false;
  if ((ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === id) return false;
  return true;
}

/** Does a named function expression refer to its own name (not shadowed)? */
function refersToSelf(ts: typeof TS, checker: TS.TypeChecker, fn: TS.FunctionExpression): boolean {
  const name = fn.name!;
  const own = checker.getSymbolAtLocation(name);
  if (own === undefined) return false;
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && isReference(ts, node) && checker.getSymbolAtLocation(node) === own) found = true;
    ts.forEachChild(node, visit);
  };
  fn.parameters.forEach(visit);
  visit(fn.body);
  return found;
}

/** The facts of an actual function. */
function functionFacts(ts: typeof TS, checker: TS.TypeChecker, fn: FunctionLike, name: string | undefined, expression: boolean): TargetFacts {
  const params = jsParams(ts, fn);
  const hasRest = params.some((p) => p.dotDotDotToken !== undefined);
  const kind: TargetFacts["kind"] =
    (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.asteriskToken ? "generator"
    : ts.isMethodDeclaration(fn) || isStaticConstructor(ts, fn) ? "method"
    : ts.isGetAccessorDeclaration(fn) ? "getter"
    : ts.isSetAccessorDeclaration(fn) ? "setter"
    : ts.isConstructorDeclaration(fn) ? "constructor"
    : ts.isArrowFunction(fn) ? "arrow" : "function";
  const selfName = ts.isFunctionExpression(fn) && fn.name ? fn.name.text : undefined;
  return {
    kind,
    label: label(ts, fn, name ?? selfName),
    async: hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword),
    paramCount: params.filter((p) => p.dotDotDotToken === undefined).length,
    hasRest,
    ...ownUses(ts, fn),
    expression,
    // An anonymous `export default function` gets a generated name, so its `name` ("default") is set back.
    name: expression ? selfName ?? name : ts.isFunctionDeclaration(fn) && !fn.name ? "default" : undefined,
    selfReference: selfName !== undefined && refersToSelf(ts, checker, fn as TS.FunctionExpression),
  };
}

/** The facts of something that is not a function (or has no body). */
export function notAFunction(kind: "class" | "value" | "bodiless", text: string, at?: TS.Node): ResolvedTarget {
  return {
    fn: undefined,
    at,
    facts: { kind, label: text, async: false, paramCount: 0, hasRest: false, usesArguments: false, usesThis: false, expression: false },
  };
}

/** The overload name Babel compares siblings by: a function's name, or a method's key (with `static`). */
function overloadName(ts: typeof TS, node: TS.Node): string | undefined {
  if (ts.isFunctionDeclaration(node)) return node.name?.text ?? "default";
  if (ts.isMethodDeclaration(node)) return `${hasModifier(ts, node, ts.SyntaxKind.StaticKeyword) ? "static " : ""}${keyName(ts, node.name)}`;
  if (ts.isConstructorDeclaration(node)) return isStaticConstructor(ts, node) ? "static constructor" : "constructor";
  return undefined;
}

/** The implementation that follows an overload signature (`function f(a: string): void;`), if any. */
function overloadImplementation(ts: typeof TS, signature: TS.FunctionDeclaration | TS.MethodDeclaration | TS.ConstructorDeclaration): TS.FunctionDeclaration | TS.MethodDeclaration | TS.ConstructorDeclaration | undefined {
  const wanted = overloadName(ts, signature);
  const parent = signature.parent as TS.Node & { statements?: TS.NodeArray<TS.Node>; members?: TS.NodeArray<TS.Node> };
  const siblings = parent.statements ?? parent.members;
  if (wanted === undefined || siblings === undefined) return undefined;
  for (let i = siblings.indexOf(signature) + 1; i < siblings.length; i++) {
    const sibling = siblings[i];
    if (overloadName(ts, sibling) !== wanted) return undefined;
    if ((sibling as TS.FunctionDeclaration).body !== undefined) return sibling as TS.FunctionDeclaration | TS.MethodDeclaration | TS.ConstructorDeclaration;
  }
  return undefined;
}

/** Parentheses and TypeScript-only wrappers (`as`, `satisfies`, `!`, `<T>x`) around an expression. */
function isWrapper(ts: typeof TS, node: TS.Node): boolean {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node);
}

/**
 * `const f = …;` as a statement of its own (not a `for` head, not one of several declarators), in a
 * statement list: its store can go just before it (Babel's `ownStatement`; `export` is a modifier here).
 */
export function ownStatement(ts: typeof TS, declaration: TS.VariableDeclaration): boolean {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isIdentifier(declaration.name)) return false;
  const statement = list.parent;
  if (!ts.isVariableStatement(statement)) return false;
  const parent = statement.parent;
  return ts.isSourceFile(parent) || ts.isBlock(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent);
}

/** Resolves the node a tag leads to the target function. */
export function resolveTarget(ts: typeof TS, checker: TS.TypeChecker, holder: TS.Node): ResolvedTarget {
  let node = holder;
  if (ts.isExportDeclaration(node)) return notAFunction("value", "an export list");
  if (ts.isExportAssignment(node) && !node.isExportEquals) node = node.expression;
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) && node.body === undefined) {
    // An overload signature: the tag applies to the implementation (a constructor's too, which is then rejected there, as Babel does).
    const bodiless = hasModifier(ts, node, ts.SyntaxKind.AbstractKeyword) || hasModifier(ts, node, ts.SyntaxKind.DeclareKeyword);
    const implementation = bodiless ? undefined : overloadImplementation(ts, node);
    if (!implementation) return notAFunction("bodiless", `\`${ts.isFunctionDeclaration(node) ? node.name?.text : ts.isConstructorDeclaration(node) ? "constructor" : keyName(ts, node.name)}\``);
    node = implementation;
  }
  if (ts.isVariableStatement(node) || ts.isVariableDeclarationList(node)) {
    const statement = ts.isVariableStatement(node) ? node : node.parent;
    if (hasModifier(ts, statement, ts.SyntaxKind.DeclareKeyword)) return notAFunction("bodiless", "this `declare` variable");
    const list = ts.isVariableStatement(node) ? node.declarationList : node;
    if (list.declarations.length !== 1) return notAFunction("value", "a declaration of several variables (tag each function on its own declaration)");
    node = list.declarations[0];
  }
  if (ts.isVariableDeclaration(node)) {
    const name = ts.isIdentifier(node.name) ? node.name.text : undefined;
    if (!node.initializer) return notAFunction("value", `\`${name}\``, node);
    const value = unwrapExpression(ts, node.initializer);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return { fn: value, facts: { ...functionFacts(ts, checker, value, name, true), ownStatement: ownStatement(ts, node) } };
    return notAFunction(ts.isClassExpression(value) ? "class" : "value", `\`${name}\``, node);
  }
  if (ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node) || ts.isShorthandPropertyAssignment(node)) {
    const name = keyName(ts, node.name);
    if (ts.isPropertyDeclaration(node) && hasModifier(ts, node, ts.SyntaxKind.DeclareKeyword)) return notAFunction("bodiless", `\`${name}\``);
    const value = !ts.isShorthandPropertyAssignment(node) && node.initializer ? unwrapExpression(ts, node.initializer) : undefined;
    if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) return { fn: value, facts: functionFacts(ts, checker, value, name, true) };
    return notAFunction(value && ts.isClassExpression(value) ? "class" : "value", `\`${name ?? "this property"}\``, node);
  }
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node) || ts.isConstructorDeclaration(node)) {
    const name = ts.isFunctionDeclaration(node) ? node.name?.text ?? "default" : ts.isConstructorDeclaration(node) ? "constructor" : keyName(ts, node.name);
    return { fn: node, facts: functionFacts(ts, checker, node, name, false) };
  }
  if (ts.isExpressionStatement(node)) node = node.expression;
  const value = unwrapExpression(ts, node);
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
    let declaration = value.parent;
    while (declaration && isWrapper(ts, declaration)) declaration = declaration.parent;
    const own = !!declaration && ts.isVariableDeclaration(declaration) && ownStatement(ts, declaration);
    return { fn: value, facts: { ...functionFacts(ts, checker, value, inferredName(ts, value), true), ownStatement: own } };
  }
  if (ts.isClassLike(value)) return notAFunction("class", value.name ? `\`${value.name.text}\`` : "this class", value);
  return notAFunction("value", "this code", value);
}

/**
 * Where Babel's node for a target (or a rejected declaration) starts: after `export` / `default` on a
 * declaration; a decorated class at its first decorator (even one written before `export`).
 */
export function babelStart(ts: typeof TS, sf: TS.SourceFile, fn: TS.Node): number {
  const decorator = ts.isClassLike(fn) ? fn.modifiers?.find(ts.isDecorator) : undefined;
  if (decorator) return decorator.getStart(sf);
  if (ts.isFunctionDeclaration(fn) || ts.isClassDeclaration(fn) || ts.isEnumDeclaration(fn) || ts.isInterfaceDeclaration(fn) || ts.isTypeAliasDeclaration(fn) || ts.isModuleDeclaration(fn)) {
    const modifiers = fn.modifiers ?? [];
    const inner = modifiers.find((m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword && m.kind !== ts.SyntaxKind.Decorator);
    if (inner) return inner.getStart(sf);
    const last = modifiers[modifiers.length - 1];
    if (last && last.kind !== ts.SyntaxKind.Decorator) {
      const scanner = ts.createScanner(sf.languageVersion, true, sf.languageVariant, sf.text, undefined, last.end);
      scanner.scan();
      return scanner.getTokenStart();
    }
  }
  return fn.getStart(sf);
}
