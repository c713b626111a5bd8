import type * as TS from "typescript";
import type { SpecData } from "../core";
import type { KeyBinding } from "./key-scope";
import { jsParams, keyName, type FunctionLike } from "./resolve-target";

/**
 * Step 3 of the TypeScript path: the same generated shapes as `src/babel/emit.ts` (see
 * `src/core/plan.ts`), built with TypeScript's factory in a `before` transformer, so TypeScript's own
 * transforms then strip the types and lower modules as usual. Rewritten nodes keep their source ranges
 * (source maps point at the original lines); declaration output is built from the original tree and
 * never sees these rewrites.
 */

/** Per-file emission state. */
export interface EmitContext {
  ts: typeof TS;
  factory: TS.NodeFactory;
  /** The transformation under way (for visiting rewritten bodies). */
  context: TS.TransformationContext;
  /** The program's checker: which identifiers are a parameter, on the original tree. */
  checker: TS.TypeChecker;
  sf: TS.SourceFile;
  /** Name of the runtime namespace (`_memoscope`). */
  runtime: string;
  /** A file-unique name, Babel style: `_hit`, `_hit2`, … */
  uid(base: string): string;
  /** Module-level statements for method stores, in order. */
  moduleStores: TS.Statement[];
  /**
   * Statements to add per statement list (original node), around the original statement at `index`:
   * declaration stores at the top of the list (`top`, in source order), a variable's store just before
   * its statement (`before`), and its `own` registration just after it (`after`).
   */
  listStores: Map<TS.Node, ListEntry[]>;
  /** Memoized methods per class or object literal (original node). */
  homes: Map<TS.Node, Array<{ name: string; store: string; isStatic: boolean }>>;
  /** Namespace imports added for imported key functions: module → local name. */
  keyImports: Map<string, string>;
  /** Module-level alias of the runtime's MISS (a local const reads faster than a module property), named on first use. */
  miss?: string;
}

/** A statement to insert into a statement list, relative to the original statement at `index`. */
export interface ListEntry {
  index: number;
  statement: TS.Statement;
  place: "top" | "before" | "after";
}

/** Everything the emitter needs about one planned target. */
export interface EmitPlan {
  spec: SpecData;
  variadic: boolean;
  key?: KeyBinding;
}

function id(c: EmitContext, name: string): TS.Identifier {
  return c.factory.createIdentifier(name);
}

function runtimeMember(c: EmitContext, name: string): TS.PropertyAccessExpression {
  return c.factory.createPropertyAccessExpression(id(c, c.runtime), name);
}

function runtimeCall(c: EmitContext, method: string, args: TS.Expression[]): TS.CallExpression {
  return c.factory.createCallExpression(runtimeMember(c, method), undefined, args);
}

/** An identifier that TypeScript's transforms treat as a reference written at `original`. */
function referenceTo(c: EmitContext, original: TS.Identifier): TS.Identifier {
  return c.ts.setOriginalNode(id(c, original.text), original);
}

function keyExpression(c: EmitContext, name: string, key: KeyBinding | undefined): TS.Expression {
  if (key === undefined) return id(c, name);
  if (key.kind === "local") return key.name.pos >= 0 ? referenceTo(c, key.name) : id(c, name);
  let local = c.keyImports.get(key.module);
  if (local === undefined) {
    local = c.uid(key.module.replace(/^.*\//, ""));
    c.keyImports.set(key.module, local);
  }
  return key.member === undefined ? id(c, local) : c.factory.createPropertyAccessExpression(id(c, local), key.member);
}

/** `{ arity: 1, name: "f", key: () => hash }` — the spec literal the runtime reads. */
export function specLiteral(c: EmitContext, spec: SpecData, key?: KeyBinding): TS.ObjectLiteralExpression {
  const f = c.factory;
  const properties: TS.PropertyAssignment[] = [];
  const add = (name: string, value: TS.Expression) => properties.push(f.createPropertyAssignment(name, value));
  const num = (n: number) => (n < 0 ? f.createPrefixUnaryExpression(c.ts.SyntaxKind.MinusToken, f.createNumericLiteral(-n)) : f.createNumericLiteral(n));
  add("arity", num(spec.arity));
  if (spec.receiver) add("receiver", f.createTrue());
  if (spec.async) add("async", f.createTrue());
  if (spec.max !== undefined) add("max", num(spec.max));
  if (spec.ttlMs !== undefined) add("ttlMs", num(spec.ttlMs));
  if (spec.key && "json" in spec.key) add("key", f.createStringLiteral("json"));
  if (spec.key && "name" in spec.key) add("key", f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(c.ts.SyntaxKind.EqualsGreaterThanToken), keyExpression(c, spec.key.name, key)));
  if (spec.weak) add("weak", f.createTrue());
  if (spec.name !== undefined) add("name", f.createStringLiteral(spec.name));
  if (spec.self) add("self", f.createTrue());
  if (spec.verify) add("verify", f.createObjectLiteralExpression(Object.entries(spec.verify).map(([k, v]) => f.createPropertyAssignment(k, typeof v === "string" ? f.createStringLiteral(v) : typeof v === "number" ? f.createNumericLiteral(v) : f.createTrue()))));
  return f.createObjectLiteralExpression(properties, true);
}

/** Expression form: `memoize(fn, spec)` in place of the function expression or arrow. */
export function emitExpression(c: EmitContext, fn: TS.ArrowFunction | TS.FunctionExpression, original: TS.Node, plan: EmitPlan): TS.Expression {
  const f = c.factory;
  const ts = c.ts;
  let impl: TS.Expression = fn;
  if (plan.spec.self && ts.isFunctionExpression(fn) && fn.name) {
    const anonymous = f.updateFunctionExpression(fn, fn.modifiers, fn.asteriskToken, undefined, fn.typeParameters, fn.parameters, fn.type, fn.body);
    const self = f.createParameterDeclaration(undefined, undefined, fn.name.text);
    impl = f.createArrowFunction(undefined, undefined, [self], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), anonymous);
  }
  // The call takes the function's place and its comments; the function inside keeps its source map range.
  ts.setCommentRange(impl, { pos: original.getStart(c.sf), end: original.end });
  const call = runtimeCall(c, "memoize", [impl, specLiteral(c, plan.spec, plan.key)]);
  return ts.setTextRange(call, original);
}

/** Babel's `toIdentifier(name)` without leading underscores and trailing digits: the base of a generated name. */
export function uidBase(name: string): string {
  const camel = name.replace(/[^\w$]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : "")).replace(/^_+/, "").replace(/\d+$/, "");
  return camel === "" || /^\d/.test(camel) ? `_${camel}` : camel;
}

function storeBaseName(ts: typeof TS, fn: FunctionLike): string {
  if (ts.isFunctionDeclaration(fn)) return `${fn.name?.text ?? "default"}Cache`;
  return `${(memberKey(ts, fn) ?? "method").replace(/^#/, "")}Cache`;
}

/** A class or object member's key (`static constructor()` has no name node: its key is "constructor"). */
function memberKey(ts: typeof TS, fn: FunctionLike): string | undefined {
  return ts.isConstructorDeclaration(fn) ? "constructor" : keyName(ts, (fn as TS.MethodDeclaration).name);
}

/** The statement list a declaration's store goes into, and the original statement it goes before. */
function storeSlot(ts: typeof TS, declaration: TS.Node): { list: TS.Node; before: TS.Node | "top" } {
  const list = declaration.parent;
  if (ts.isSourceFile(list)) {
    const first = list.statements.find((s) => !ts.isImportDeclaration(s));
    return { list, before: first ?? "top" };
  }
  if (ts.isBlock(list) || ts.isModuleBlock(list)) return { list, before: "top" };
  // A case clause, a label or a sloppy `if`: before the statement that sits in a list.
  let statement: TS.Node = ts.isCaseOrDefaultClause(list) ? list.parent.parent : list;
  while (!(ts.isSourceFile(statement.parent) || ts.isBlock(statement.parent) || ts.isModuleBlock(statement.parent) || ts.isCaseOrDefaultClause(statement.parent))) {
    statement = statement.parent;
  }
  return { list: statement.parent, before: statement };
}

/** Records a declaration store to insert into its statement list. */
function addListStore(c: EmitContext, declaration: TS.Node, statement: TS.Statement): void {
  const { list, before } = storeSlot(c.ts, declaration);
  const statements = (list as TS.Block).statements;
  const index = before === "top" ? (c.ts.isSourceFile(list) ? statements.length : 0) : statements.indexOf(before as TS.Statement);
  addListEntry(c, list, { index, statement, place: "top" });
}

function addListEntry(c: EmitContext, list: TS.Node, entry: ListEntry): void {
  const entries = c.listStores.get(list) ?? [];
  entries.push(entry);
  c.listStores.set(list, entries);
}

/** For `const f = <fn>;` (a statement of its own): the variable's name and its statement. */
function declaredVariable(ts: typeof TS, fn: TS.Node): { name: TS.Identifier; statement: TS.VariableStatement } {
  let declaration = fn.parent;
  while (!ts.isVariableDeclaration(declaration)) declaration = declaration.parent;
  return { name: declaration.name as TS.Identifier, statement: declaration.parent.parent as TS.VariableStatement };
}

/**
 * Inline form: the function keeps its node; its body becomes a lookup in the store and, on a miss,
 * either the original body with each own `return E` storing its value (`paramFacts`), or the
 * original body in an arrow IIFE (which keeps `this`, `arguments`, `super` and `new.target`).
 * `fn` is the node with its children already rewritten; `original` is the parse-tree node.
 */
export function emitInline(c: EmitContext, fn: FunctionLike, original: FunctionLike, plan: EmitPlan): FunctionLike {
  const f = c.factory;
  const ts = c.ts;
  const { spec, variadic } = plan;
  const isDeclaration = ts.isFunctionDeclaration(original);
  const isArrow = ts.isArrowFunction(original);
  const isVariable = isArrow || ts.isFunctionExpression(original);
  const variable = isVariable ? declaredVariable(ts, original) : undefined;
  const store = c.uid(uidBase(variable ? `${variable.name.text}Cache` : storeBaseName(ts, original)));
  let fnName = (fn as TS.FunctionDeclaration).name;
  const storeArgs: TS.Expression[] = [specLiteral(c, spec, plan.key)];
  if (isDeclaration) {
    // An anonymous `export default function` gets the name TypeScript's module transform gives it (`default_1`).
    if (fnName === undefined) fnName = f.getGeneratedNameForNode(original);
    storeArgs.push(original.name ? referenceTo(c, original.name) : f.getGeneratedNameForNode(original));
  }
  const storeDeclaration = f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(store, undefined, undefined, runtimeCall(c, "store", storeArgs))], ts.NodeFlags.Const));
  ts.setSourceMapRange(storeDeclaration, { pos: original.getStart(c.sf), end: original.end });

  const params = jsParams(ts, fn);
  const thisParam = fn.parameters.find((p) => !params.includes(p));
  const simple = params.every((p) => ts.isIdentifier(p.name) && p.initializer === undefined && p.dotDotDotToken === undefined);
  const length = firstNonPlain(params);
  let outerParams: TS.ParameterDeclaration[] = [...fn.parameters];
  let innerParams: TS.ParameterDeclaration[] = [];
  const forward: TS.Expression[] = [];
  let keyNames = params.map((p) => (p.name as TS.Identifier).text);
  let spread = params.map((p) => p.dotDotDotToken !== undefined);
  if (!simple) {
    innerParams = params;
    keyNames = [];
    spread = [];
    outerParams = params.map((p, i) => {
      const name = c.uid(`p${i}`);
      keyNames.push(name);
      spread.push(p.dotDotDotToken !== undefined);
      if (p.dotDotDotToken) {
        forward.push(f.createSpreadElement(id(c, name)));
        return f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), name);
      }
      forward.push(id(c, name));
      return f.createParameterDeclaration(undefined, undefined, name, undefined, undefined, i < length ? undefined : f.createVoidZero());
    });
    if (thisParam) outerParams.unshift(thisParam);
  }
  // Variadic keys are all arguments: the function's own `arguments`, or for an arrow (which has none) its parameters spread into an array.
  const keys = (): TS.Expression[] => {
    const list: TS.Expression[] = !variadic
      ? keyNames.map((name) => id(c, name))
      : !isArrow
        ? [id(c, "arguments")]
        : [f.createArrayLiteralExpression(keyNames.map((name, i) => (spread[i] ? f.createSpreadElement(id(c, name)) : id(c, name))))];
    if (spec.receiver) list.unshift(f.createThis());
    return list;
  };

  const isAsync = (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  const body = fn.body!;
  const block = ts.isBlock(body) ? body : undefined;
  const single = block && block.statements.length === 1 && !isDirective(ts, block.statements[0]) ? block.statements[0] : undefined;
  const result = !block ? (body as TS.Expression) : single && ts.isReturnStatement(single) && single.expression ? single.expression : undefined;

  const hit = c.uid("hit");
  const member = (name: string) => f.createPropertyAccessExpression(id(c, store), name);
  const store_ = (value: TS.Expression) => f.createCallExpression(member(variadic ? "setKey" : "set"), undefined, [...keys(), unparenthesized(ts, value)]);
  const lookup = [
    f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(hit, undefined, undefined, f.createCallExpression(member(variadic ? "getKey" : "get"), undefined, keys()))], ts.NodeFlags.Const)),
    f.createIfStatement(f.createStrictInequality(id(c, hit), id(c, (c.miss ??= c.uid("MISS")))), f.createReturnStatement(id(c, hit))),
  ];
  let statements: TS.Statement[];
  const bodyFacts = simple ? paramFacts(c, original, keyNames) : undefined;
  if (bodyFacts?.reassigned) {
    // A parameter reassigned or redeclared (`var a = a + 1`) in the body: the body runs in an arrow with
    // the same parameters, so its writes stay its own and the keys stay what the caller passed.
    innerParams = keyNames.map((name) => f.createParameterDeclaration(undefined, undefined, name));
    forward.push(...keyNames.map((name) => id(c, name)));
  }
  if (simple && !isAsync && !variadic && !result && block && bodyFacts && !bodyFacts.reassigned && !bodyFacts.finalizer && !bodyFacts.shadowed) {
    // Each own `return E` becomes `return store.set(keys, E)`: the body stays where it is, and a miss allocates nothing.
    const visit = (node: TS.Node): TS.Node => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return node;
      if (ts.isReturnStatement(node)) return f.updateReturnStatement(node, store_(node.expression ?? f.createVoidZero()));
      return ts.visitEachChild(node, visit, c.context);
    };
    const prologue = block.statements.findIndex((s) => !isDirective(ts, s));
    const directives = prologue < 0 ? block.statements : block.statements.slice(0, prologue);
    const rest = (prologue < 0 ? [] : block.statements.slice(prologue)).map((s) => visit(s) as TS.Statement);
    const last = rest[rest.length - 1];
    const falls = !last || !(ts.isReturnStatement(last) || ts.isThrowStatement(last));
    statements = [...directives, ...lookup, ...rest, ...(falls ? [f.createReturnStatement(store_(f.createVoidZero()))] : [])];
  } else {
    const compute: TS.Expression =
      simple && !isAsync && result
        ? result
        : f.createCallExpression(
            f.createParenthesizedExpression(
              f.createArrowFunction(isAsync ? [f.createModifier(ts.SyntaxKind.AsyncKeyword)] : undefined, undefined, innerParams, undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body),
            ),
            undefined,
            forward,
          );
    statements = [...lookup, f.createReturnStatement(store_(compute))];
  }
  const newBody = ts.setTextRange(f.createBlock(statements, true), body);
  const modifiers = fn.modifiers?.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword);

  if (variable) {
    // The store is made just before the variable's statement, as often as the function itself; `own` lets cacheOf find it.
    const list = variable.statement.parent;
    const index = (list as TS.Block).statements.indexOf(variable.statement);
    ts.setSourceMapRange(storeDeclaration, { pos: variable.statement.getStart(c.sf), end: variable.statement.end });
    addListEntry(c, list, { index, statement: storeDeclaration, place: "before" });
    const own = f.createExpressionStatement(runtimeCall(c, "own", [referenceTo(c, variable.name), id(c, store)]));
    ts.setSourceMapRange(own, { pos: variable.statement.getStart(c.sf), end: variable.statement.end });
    addListEntry(c, list, { index, statement: own, place: "after" });
  } else if (!isDeclaration) {
    c.moduleStores.push(storeDeclaration);
    const owner = original.parent;
    const name = memberKey(ts, original) ?? "";
    const isStatic = (ts.getModifiers(original) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    const list = c.homes.get(owner) ?? [];
    list.push({ name, store, isStatic });
    c.homes.set(owner, list);
  } else {
    addListStore(c, original, storeDeclaration);
  }
  if (ts.isFunctionDeclaration(fn)) return f.updateFunctionDeclaration(fn, modifiers, fn.asteriskToken, fnName, fn.typeParameters, outerParams, fn.type, newBody);
  if (ts.isMethodDeclaration(fn)) return f.updateMethodDeclaration(fn, modifiers, fn.asteriskToken, fn.name, fn.questionToken, fn.typeParameters, outerParams, fn.type, newBody);
  if (ts.isGetAccessorDeclaration(fn)) return f.updateGetAccessorDeclaration(fn, modifiers, fn.name, outerParams, fn.type, newBody);
  if (ts.isConstructorDeclaration(fn)) {
    // Only `static constructor()` gets here (isStaticConstructor): emitted as the static method JavaScript makes of it.
    const method = f.createMethodDeclaration(modifiers, undefined, "constructor", undefined, undefined, outerParams, fn.type, newBody);
    return ts.setOriginalNode(ts.setTextRange(method, fn), fn);
  }
  if (ts.isArrowFunction(fn)) return f.updateArrowFunction(fn, modifiers as TS.Modifier[] | undefined, fn.typeParameters, outerParams, fn.type, fn.equalsGreaterThanToken, newBody);
  if (ts.isFunctionExpression(fn)) return f.updateFunctionExpression(fn, modifiers as TS.Modifier[] | undefined, fn.asteriskToken, fn.name, fn.typeParameters, outerParams, fn.type, newBody);
  throw new Error(`memoscope: cannot rewrite a ${ts.SyntaxKind[fn.kind]} inline`);
}

function isDirective(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

/** The expression inside any parentheses (Babel keeps none; a call argument needs them only around a comma, which the factory adds back). */
function unparenthesized(ts: typeof TS, expression: TS.Expression): TS.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/**
 * What decides whether the body's own `return`s can store their values directly: not when a parameter
 * (a key) is reassigned (then the IIFE also takes the parameters) or shadowed where a return is, and not
 * when a `finally` could still throw or replace the value after it is stored. Read from the original tree with the checker, where Babel asks its scope (constant
 * violations, bindings at each return).
 */
function paramFacts(c: EmitContext, original: FunctionLike, keyNames: string[]): { reassigned: boolean; finalizer: boolean; shadowed: boolean } {
  const ts = c.ts;
  const { checker } = c;
  const byName = new Map<string, TS.Symbol>();
  for (const p of jsParams(ts, original)) {
    const symbol = ts.isIdentifier(p.name) && keyNames.includes(p.name.text) ? checker.getSymbolAtLocation(p.name) : undefined;
    if (symbol) byName.set((p.name as TS.Identifier).text, symbol);
  }
  const params = new Set(byName.values());
  const isParam = (node: TS.Identifier) => {
    const symbol = checker.getSymbolAtLocation(node);
    return symbol !== undefined && params.has(symbol);
  };
  let reassigned = false;
  let finalizer = false;
  let shadowed = false;
  // Is an assignment target (an identifier, or a destructuring pattern) one of the parameters?
  const target = (node: TS.Node): void => {
    while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) node = node.expression;
    if (ts.isIdentifier(node)) {
      if (isParam(node)) reassigned = true;
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) target(element);
    } else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property)) target(property.initializer);
        else if (ts.isShorthandPropertyAssignment(property)) {
          const symbol = checker.getShorthandAssignmentValueSymbol(property);
          if (symbol !== undefined && params.has(symbol)) reassigned = true;
        } else if (ts.isSpreadAssignment(property)) target(property.expression);
      }
    } else if (ts.isSpreadElement(node)) {
      target(node.expression);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      target(node.left);
    }
  };
  const visit = (node: TS.Node, nested: boolean): void => {
    if (reassigned) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target(node.left);
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) target(node.operand);
    else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) target(node.initializer);
    // A `var` (or function) of the same name redeclares the parameter: Babel counts it as a reassignment.
    else if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name) && isParam(node.name)) reassigned = true;
    else if (ts.isFunctionDeclaration(node) && node.parent === original.body && node.name && keyNames.includes(node.name.text)) reassigned = true;
    else if (ts.isTryStatement(node) && node.finallyBlock && !nested) finalizer = true;
    // The keys are written at each return: a block there that shadows a parameter would change them.
    else if (ts.isReturnStatement(node) && !nested && [...byName].some(([name, symbol]) => checker.resolveName(name, node, ts.SymbolFlags.Value, false) !== symbol)) shadowed = true;
    // Assignments in nested functions count (their own parameters are other symbols); a `finally` there does not.
    ts.forEachChild(node, (child) => visit(child, nested || ts.isFunctionLike(child)));
  };
  if (original.body) visit(original.body, false);
  return { reassigned, finalizer, shadowed };
}

/** Index of the first parameter with a default or rest: the function's `length`. */
function firstNonPlain(params: readonly TS.ParameterDeclaration[]): number {
  const index = params.findIndex((p) => p.initializer !== undefined || p.dotDotDotToken !== undefined);
  return index < 0 ? params.length : index;
}

/** Registers memoized methods with their home: a static block in a class (already visited), a call around an object. */
export function emitHome(c: EmitContext, owner: TS.Node, original: TS.Node): TS.Node {
  const f = c.factory;
  const ts = c.ts;
  const methods = c.homes.get(original);
  if (!methods) return owner;
  const pairs = (isStatic: boolean) =>
    methods.filter((m) => m.isStatic === isStatic).map((m) => f.createArrayLiteralExpression([f.createStringLiteral(m.name), id(c, m.store)]));
  if (ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) {
    const statements: TS.Statement[] = [];
    const instance = pairs(false);
    const statics = pairs(true);
    if (instance.length) statements.push(f.createExpressionStatement(runtimeCall(c, "home", [f.createPropertyAccessExpression(f.createThis(), "prototype"), ...instance])));
    if (statics.length) statements.push(f.createExpressionStatement(runtimeCall(c, "home", [f.createThis(), ...statics])));
    const members = [...owner.members, f.createClassStaticBlockDeclaration(f.createBlock(statements, true))];
    return ts.isClassDeclaration(owner)
      ? f.updateClassDeclaration(owner, owner.modifiers, owner.name, owner.typeParameters, owner.heritageClauses, members)
      : f.updateClassExpression(owner, owner.modifiers, owner.name, owner.typeParameters, owner.heritageClauses, members);
  }
  if (ts.isObjectLiteralExpression(owner)) {
    ts.setCommentRange(owner, { pos: original.getStart(c.sf), end: original.end });
    return ts.setTextRange(runtimeCall(c, "home", [owner, ...pairs(false)]), original);
  }
  return owner;
}
