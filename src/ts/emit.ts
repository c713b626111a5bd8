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
  sf: TS.SourceFile;
  /** Name of the runtime namespace (`_memoscope`). */
  runtime: string;
  /** A file-unique name, Babel style: `_hit`, `_hit2`, … */
  uid(base: string): string;
  /** Module-level statements for method stores, in order. */
  moduleStores: TS.Statement[];
  /** Declaration stores per statement list (original node), each inserted before the original statement at `index`. */
  listStores: Map<TS.Node, Array<{ index: number; statement: TS.Statement }>>;
  /** Memoized methods per class or object literal (original node). */
  homes: Map<TS.Node, Array<{ name: string; store: string; isStatic: boolean }>>;
  /** Namespace imports added for imported key functions: module → local name. */
  keyImports: Map<string, string>;
  /** Module-level alias of the runtime's MISS (a local const reads faster than a module property), named on first use. */
  miss?: string;
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
  if (key === undefined || key.kind === "global") return id(c, name);
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
  return `${(keyName(ts, (fn as TS.MethodDeclaration).name) ?? "method").replace(/^#/, "")}Cache`;
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
  const entries = c.listStores.get(list) ?? [];
  entries.push({ index, statement });
  c.listStores.set(list, entries);
}

/**
 * Inline form: the function keeps its node; its body becomes a lookup in the store and, on a miss,
 * the original body (an arrow IIFE, which keeps `this`, `arguments`, `super` and `new.target`).
 * `fn` is the node with its children already rewritten; `original` is the parse-tree node.
 */
export function emitInline(c: EmitContext, fn: FunctionLike, original: FunctionLike, plan: EmitPlan): FunctionLike {
  const f = c.factory;
  const ts = c.ts;
  const { spec, variadic } = plan;
  const isDeclaration = ts.isFunctionDeclaration(original);
  const store = c.uid(uidBase(storeBaseName(ts, original)));
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
  if (!simple) {
    innerParams = params;
    keyNames = [];
    outerParams = params.map((p, i) => {
      const name = c.uid(`p${i}`);
      keyNames.push(name);
      if (p.dotDotDotToken) {
        forward.push(f.createSpreadElement(id(c, name)));
        return f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), name);
      }
      forward.push(id(c, name));
      return f.createParameterDeclaration(undefined, undefined, name, undefined, undefined, i < length ? undefined : f.createVoidZero());
    });
    if (thisParam) outerParams.unshift(thisParam);
  }
  const keys = (): TS.Expression[] => {
    const list: TS.Expression[] = variadic ? [id(c, "arguments")] : keyNames.map((name) => id(c, name));
    if (spec.receiver) list.unshift(f.createThis());
    return list;
  };

  const isAsync = (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  const body = fn.body as TS.Block;
  const single = body.statements.length === 1 && !isDirective(ts, body.statements[0]) ? body.statements[0] : undefined;
  const compute: TS.Expression =
    simple && !isAsync && single && ts.isReturnStatement(single) && single.expression
      ? single.expression
      : f.createCallExpression(
          f.createParenthesizedExpression(
            f.createArrowFunction(isAsync ? [f.createModifier(ts.SyntaxKind.AsyncKeyword)] : undefined, undefined, innerParams, undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body),
          ),
          undefined,
          forward,
        );

  const hit = c.uid("hit");
  const member = (name: string) => f.createPropertyAccessExpression(id(c, store), name);
  const newBody = f.createBlock(
    [
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(hit, undefined, undefined, f.createCallExpression(member(variadic ? "getKey" : "get"), undefined, keys()))], ts.NodeFlags.Const)),
      f.createIfStatement(f.createStrictInequality(id(c, hit), id(c, (c.miss ??= c.uid("MISS")))), f.createReturnStatement(id(c, hit))),
      f.createReturnStatement(f.createCallExpression(member(variadic ? "setKey" : "set"), undefined, [...keys(), compute])),
    ],
    true,
  );
  ts.setTextRange(newBody, body);
  const modifiers = fn.modifiers?.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword);

  if (!isDeclaration) {
    c.moduleStores.push(storeDeclaration);
    const owner = original.parent;
    const name = keyName(ts, (original as TS.MethodDeclaration).name) ?? "";
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
  throw new Error(`memoscope: cannot rewrite a ${ts.SyntaxKind[fn.kind]} inline`);
}

function isDirective(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
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
