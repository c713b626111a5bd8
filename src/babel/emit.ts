import type { NodePath, types as BabelTypes } from "@babel/core";
import type { SpecData } from "../core";
import { jsParams, keyName } from "./resolve-target";

type T = typeof BabelTypes;
type InlineFunction =
  | BabelTypes.FunctionDeclaration
  | BabelTypes.ClassMethod
  | BabelTypes.ClassPrivateMethod
  | BabelTypes.ObjectMethod
  | BabelTypes.ArrowFunctionExpression
  | BabelTypes.FunctionExpression;

/**
 * Step 3 of the Babel path: emit the rewrite the core planned. See `src/core/plan.ts` for the shapes;
 * the TypeScript front end emits the same ones.
 */

/** Per-file emission state: the runtime namespace and module-level statements to add. */
export interface EmitContext {
  t: T;
  program: NodePath<BabelTypes.Program>;
  runtime: BabelTypes.Identifier;
  /** Module-level alias of the runtime's MISS (a local const reads faster than a module property), created on first use. */
  miss: BabelTypes.Identifier | undefined;
  /** Statements for the top of the module (method stores), in order. */
  moduleStores: BabelTypes.Statement[];
  /** Statements to add to the program's own body, placed all at once by `placeProgramStatements`. */
  programInserts: ProgramInserts;
  /** Memoized methods per class/object node, registered after all rewrites. */
  homes: Map<NodePath, Array<{ name: string; store: BabelTypes.Identifier; isStatic: boolean }>>;
  /** A fresh name in a scope, as `scope.generateUidIdentifier` gives it (see uid.ts). */
  uid: (scope: NodePath["scope"], base: string) => BabelTypes.Identifier;
}

/**
 * Insertions into the program's body, gathered and made in one pass at the end. Each path insertion
 * splices the body and renumbers every sibling path, so inserting a store per top-level function made
 * a file with N tags cost N² (issue 10).
 */
export interface ProgramInserts {
  /** Declaration stores for the top of the module, in the order they were made (innermost/last first). */
  top: BabelTypes.Statement[];
  /** Statements to put just before / just after a statement of the body. */
  before: Map<BabelTypes.Node, BabelTypes.Statement[]>;
  after: Map<BabelTypes.Node, BabelTypes.Statement[]>;
}

/** `{ arity: 1, name: "f", key: () => hash }` — the spec literal the runtime reads. */
export function specLiteral(t: T, spec: SpecData): BabelTypes.ObjectExpression {
  const properties: BabelTypes.ObjectProperty[] = [];
  const add = (name: string, value: BabelTypes.Expression) => properties.push(t.objectProperty(t.identifier(name), value));
  const num = (n: number) => (n < 0 ? t.unaryExpression("-", t.numericLiteral(-n)) : t.numericLiteral(n));
  add("arity", num(spec.arity));
  if (spec.receiver) add("receiver", t.booleanLiteral(true));
  if (spec.async) add("async", t.booleanLiteral(true));
  if (spec.max !== undefined) add("max", num(spec.max));
  if (spec.ttlMs !== undefined) add("ttlMs", num(spec.ttlMs));
  if (spec.key && "json" in spec.key) add("key", t.stringLiteral("json"));
  if (spec.key && "name" in spec.key) add("key", t.arrowFunctionExpression([], t.identifier(spec.key.name)));
  if (spec.weak) add("weak", t.booleanLiteral(true));
  if (spec.name !== undefined) add("name", t.stringLiteral(spec.name));
  if (spec.self) add("self", t.booleanLiteral(true));
  if (spec.verify) add("verify", t.valueToNode(spec.verify) as BabelTypes.ObjectExpression);
  return t.objectExpression(properties);
}

function runtimeCall(ctx: EmitContext, method: string, args: BabelTypes.Expression[]): BabelTypes.CallExpression {
  const { t } = ctx;
  return t.callExpression(t.memberExpression(t.cloneNode(ctx.runtime), t.identifier(method)), args);
}

/** Expression form: `memoize(fn, spec)` in place of the function expression or arrow. */
export function emitExpression(ctx: EmitContext, fn: NodePath<BabelTypes.ArrowFunctionExpression | BabelTypes.FunctionExpression>, spec: SpecData): void {
  const { t } = ctx;
  let impl: BabelTypes.Expression = fn.node;
  if (spec.self && fn.node.type === "FunctionExpression" && fn.node.id) {
    const self = fn.node.id;
    const anonymous = t.functionExpression(null, fn.node.params, fn.node.body, fn.node.generator, fn.node.async);
    anonymous.returnType = fn.node.returnType;
    anonymous.typeParameters = fn.node.typeParameters;
    impl = t.arrowFunctionExpression([t.identifier(self.name)], anonymous);
  }
  const call = runtimeCall(ctx, "memoize", [impl, specLiteral(t, spec)]);
  fn.replaceWith(call);
}

/** A statement list that a declaration store can be put at the top of, and the index to put it at. */
function storeSlot(declaration: NodePath): { list: NodePath; index: number } | { before: NodePath } {
  let statement: NodePath = declaration;
  if (statement.parentPath?.isExportDeclaration()) statement = statement.parentPath;
  const list = statement.parentPath!;
  if (list.isSwitchCase()) return { before: list.parentPath! };
  if (list.isProgram()) {
    const body = list.node.body;
    let index = 0;
    while (index < body.length && body[index].type === "ImportDeclaration") index++;
    return { list, index };
  }
  if (list.isBlockStatement() || list.isStaticBlock() || list.isTSModuleBlock()) return { list, index: 0 };
  return { before: statement };
}

/**
 * Inline form: the function keeps its node; its body becomes a lookup in `store` and, on a miss,
 * the original body (an arrow IIFE, which keeps `this`, `arguments`, `super` and `new.target`).
 */
export function emitInline(ctx: EmitContext, fn: NodePath<InlineFunction>, spec: SpecData, variadic: boolean): void {
  const { t } = ctx;
  const node = fn.node;
  const isDeclaration = node.type === "FunctionDeclaration";
  const isVariable = node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression";
  const isMethod = !isDeclaration && !isVariable;
  const variable = isVariable ? declaredVariable(fn) : undefined;
  const store = ctx.uid(isMethod ? ctx.program.scope : (variable?.statement ?? fn).parentPath!.scope, `${variable?.name ?? storeBaseName(node)}Cache`);
  const storeInit = runtimeCall(ctx, "store", isDeclaration ? [specLiteral(t, spec), functionRef(ctx, fn as NodePath<BabelTypes.FunctionDeclaration>)] : [specLiteral(t, spec)]);
  const storeDeclaration = t.variableDeclaration("const", [t.variableDeclarator(store, storeInit)]);

  const params = jsParams(node);
  const thisParam = node.params.find((p) => p.type === "Identifier" && p.name === "this");
  const simple = params.every((p) => p.type === "Identifier");
  const length = firstNonPlain(params);
  let outerParams: BabelTypes.Function["params"] = node.params;
  const thisParamNode = thisParam as BabelTypes.Identifier | undefined;
  const forward: BabelTypes.Expression[] = [];
  let innerParams: ReturnType<typeof jsParams> = [];
  let keyNames = params.map((p) => (p as BabelTypes.Identifier).name);
  let restName: string | undefined;
  if (simple && keyNames.some((name) => (fn.scope.getOwnBinding(name)?.constantViolations.length ?? 0) > 0)) {
    // A parameter reassigned or redeclared (`var a = a + 1`) in the body: the body runs in an arrow with
    // the same parameters, so its writes stay its own and the keys stay what the caller passed.
    innerParams = params.map((p) => t.identifier((p as BabelTypes.Identifier).name));
    forward.push(...keyNames.map((name) => t.identifier(name)));
  }
  if (!simple) {
    innerParams = params;
    keyNames = [];
    outerParams = params.map((p, i) => {
      const id = ctx.uid(fn.scope, `p${i}`);
      keyNames.push(id.name);
      if (p.type === "RestElement") {
        restName = id.name;
        forward.push(t.spreadElement(t.cloneNode(id)) as unknown as BabelTypes.Expression);
        return t.restElement(id);
      }
      forward.push(t.cloneNode(id));
      return i < length ? id : t.assignmentPattern(id, t.unaryExpression("void", t.numericLiteral(0)));
    });
    if (thisParamNode) outerParams.unshift(thisParamNode);
  }
  // Variadic keys are all arguments: the function's own `arguments`, or for an arrow (which has none) its parameters spread into an array.
  const keys: BabelTypes.Expression[] = !variadic
    ? keyNames.map((name) => t.identifier(name))
    : node.type !== "ArrowFunctionExpression"
      ? [t.identifier("arguments")]
      : [t.arrayExpression(keyNames.map((name) => (name === restName ? t.spreadElement(t.identifier(name)) : t.identifier(name))))];
  if (spec.receiver) keys.unshift(t.thisExpression());

  const body = node.body;
  const single = body.type !== "BlockStatement" ? undefined : body.body.length === 1 && body.directives.length === 0 ? body.body[0] : undefined;
  const result = body.type !== "BlockStatement" ? body : single?.type === "ReturnStatement" && single.argument ? single.argument : undefined;
  const compute = simple && !node.async && result ? result : t.callExpression(t.arrowFunctionExpression(innerParams, body, node.async), forward);

  const hit = ctx.uid(fn.scope, "hit");
  const get = variadic ? "getKey" : "get";
  const set = variadic ? "setKey" : "set";
  const member = (name: string) => t.memberExpression(t.cloneNode(store), t.identifier(name));
  const store_ = (value: BabelTypes.Expression) => t.callExpression(member(set), [...keys.map((k) => t.cloneNode(k)), value]);
  const lookup = [
    t.variableDeclaration("const", [t.variableDeclarator(hit, t.callExpression(member(get), keys.map((k) => t.cloneNode(k))))]),
    t.ifStatement(t.binaryExpression("!==", t.cloneNode(hit), t.cloneNode((ctx.miss ??= ctx.uid(ctx.program.scope, "MISS")))), t.returnStatement(t.cloneNode(hit))),
  ];
  if (simple && !node.async && !variadic && !result && body.type === "BlockStatement" && returnsCanStore(fn, keyNames)) {
    // Each own `return E` becomes `return store.set(keys, E)`: the body stays where it is, and a miss allocates nothing.
    (fn.get("body") as NodePath).traverse({
      Function(inner) {
        inner.skip();
      },
      ReturnStatement(ret) {
        ret.node.argument = store_(ret.node.argument ?? t.unaryExpression("void", t.numericLiteral(0)));
      },
    });
    const last = body.body[body.body.length - 1];
    const falls = !last || (last.type !== "ReturnStatement" && last.type !== "ThrowStatement");
    node.body = t.blockStatement([...lookup, ...body.body, ...(falls ? [t.returnStatement(store_(t.unaryExpression("void", t.numericLiteral(0))))] : [])], body.directives);
  } else {
    node.body = t.blockStatement([...lookup, t.returnStatement(store_(compute))]);
  }
  node.params = outerParams;
  node.async = false;

  if (isMethod) {
    ctx.moduleStores.push(storeDeclaration);
    const owner = fn.parentPath!.isClassBody() ? fn.parentPath!.parentPath! : fn.parentPath!;
    const method = node as BabelTypes.ClassMethod | BabelTypes.ClassPrivateMethod | BabelTypes.ObjectMethod;
    const name = keyName(method.key, "computed" in method ? method.computed === true : false) ?? "";
    const list = ctx.homes.get(owner) ?? [];
    list.push({ name, store, isStatic: "static" in method && method.static === true });
    ctx.homes.set(owner, list);
    return;
  }
  if (variable) {
    // The store is made just before the variable's statement, as often as the function itself; `own` lets cacheOf find it.
    const own = t.expressionStatement(runtimeCall(ctx, "own", [t.identifier(variable.name), t.cloneNode(store)]));
    if (variable.statement.parentPath!.isProgram()) {
      const { before, after } = ctx.programInserts;
      before.set(variable.statement.node, [...(before.get(variable.statement.node) ?? []), storeDeclaration]);
      after.set(variable.statement.node, [own, ...(after.get(variable.statement.node) ?? [])]);
      return;
    }
    variable.statement.insertAfter(own);
    insertBeforeStatement(variable.statement, storeDeclaration);
    return;
  }
  // Inserted through paths (never by splicing node arrays), so the paths of sibling statements keep valid keys;
  // the program's own body is the exception, rebuilt once at the end (see ProgramInserts).
  const slot = storeSlot(fn);
  if ("list" in slot && slot.list.isProgram()) ctx.programInserts.top.push(storeDeclaration);
  else if ("before" in slot) insertBeforeStatement(slot.before, storeDeclaration);
  else {
    const statements = slot.list.get("body") as NodePath[];
    if (slot.index < statements.length) insertBeforeStatement(statements[slot.index], storeDeclaration);
    else slot.list.pushContainer("body" as never, storeDeclaration as never);
  }
}

/**
 * Inserts a statement before another. Babel also keeps a statement's leading comment as the previous
 * statement's trailing comment; that copy is dropped, so the comment (the tag) stays with its statement.
 */
export function insertBeforeStatement(statement: NodePath, node: BabelTypes.Statement): void {
  const previous = typeof statement.key === "number" && statement.key > 0 ? statement.getSibling(statement.key - 1).node : undefined;
  if (previous) dropCopiedComments(previous, statement.node);
  statement.insertBefore(node);
}

/**
 * Puts the gathered statements into the program's body in one pass: after the imports the method
 * stores, then the declaration stores in source order; each statement's own stores around it. Babel's
 * paths of the body are then renumbered once. The body is not traversed yet (this runs on entering the
 * Program), so the new statements are visited by the rest of the build as if they had been there.
 */
export function placeProgramStatements(ctx: EmitContext): void {
  const { program, programInserts: inserts, moduleStores } = ctx;
  const top = [...moduleStores, ...inserts.top.slice().reverse()];
  if (top.length === 0 && inserts.before.size === 0 && inserts.after.size === 0) return;
  const body = program.node.body;
  let firstBody = body.findIndex((s) => s.type !== "ImportDeclaration");
  if (firstBody < 0) firstBody = body.length;
  const out: BabelTypes.Statement[] = [];
  body.forEach((statement, index) => {
    const before = index === firstBody ? [...top, ...(inserts.before.get(statement) ?? [])] : inserts.before.get(statement) ?? [];
    if (before.length > 0 && index > 0) dropCopiedComments(body[index - 1], statement);
    out.push(...before, statement, ...(inserts.after.get(statement) ?? []));
  });
  if (firstBody === body.length) out.push(...top);
  program.node.body = out;
  program.get("body"); // renumbers the cached paths of the body's statements
}

/** Babel keeps a statement's leading comment also as the previous statement's trailing one; the copy is dropped, so the tag stays with its statement. */
function dropCopiedComments(previous: BabelTypes.Node, statement: BabelTypes.Node): void {
  const leading = statement.leadingComments;
  if (previous.trailingComments && leading) {
    previous.trailingComments = previous.trailingComments.filter((c) => !leading.some((l) => l.start === c.start));
  }
}

/** For `const f = <fn>;`: the variable's name and the statement declaring it (the export, if exported). */
function declaredVariable(fn: NodePath): { name: string; statement: NodePath } {
  let declarator = fn.parentPath!;
  while (!declarator.isVariableDeclarator()) declarator = declarator.parentPath!;
  const declaration = declarator.parentPath!;
  const statement = declaration.parentPath!.isExportNamedDeclaration() ? declaration.parentPath! : declaration;
  return { name: ((declarator.node as BabelTypes.VariableDeclarator).id as BabelTypes.Identifier).name, statement };
}

/**
 * Can the body's own `return`s store their values directly? Not when a parameter (a key) is reassigned
 * or shadowed where a return is, and not when a `finally` could still throw or replace the value after
 * it is stored.
 */
function returnsCanStore(fn: NodePath<BabelTypes.Function>, keyNames: string[]): boolean {
  if (keyNames.some((name) => (fn.scope.getOwnBinding(name)?.constantViolations.length ?? 0) > 0)) return false;
  let safe = true;
  (fn.get("body") as NodePath).traverse({
    Function(inner) {
      inner.skip();
    },
    TryStatement(attempt) {
      if (attempt.node.finalizer) safe = false;
    },
    ReturnStatement(ret) {
      // The keys are written at each return: a block there that shadows a parameter would change them.
      if (keyNames.some((name) => ret.scope.getBinding(name) !== fn.scope.getOwnBinding(name))) safe = false;
    },
  });
  return safe;
}

/** Index of the first parameter with a default or rest: the function's `length`. */
function firstNonPlain(params: ReturnType<typeof jsParams>): number {
  const index = params.findIndex((p) => p.type === "AssignmentPattern" || p.type === "RestElement");
  return index < 0 ? params.length : index;
}

/** `fib`, `total`: the base of readable store names like `_fibCache` (Babel's uid helper alone would turn `f1` into `_f`). */
function storeBaseName(node: InlineFunction): string {
  if (node.type === "FunctionDeclaration") return node.id?.name ?? "default";
  if (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression") return "fn";
  const name = keyName(node.key, "computed" in node ? node.computed === true : false);
  return (name ?? "method").replace(/^#/, "");
}

/** The declaration's own name, giving an anonymous `export default function` one (its `name` stays "default"). */
function functionRef(ctx: EmitContext, fn: NodePath<BabelTypes.FunctionDeclaration>): BabelTypes.Identifier {
  if (!fn.node.id) fn.node.id = ctx.uid(fn.scope.parent!, "default");
  return ctx.t.identifier(fn.node.id.name);
}

/** Registers memoized methods with their home objects: a static block in classes, a call around objects. */
export function emitHomes(ctx: EmitContext): void {
  const { t } = ctx;
  for (const [owner, methods] of ctx.homes) {
    const pairs = (isStatic: boolean) =>
      methods.filter((m) => m.isStatic === isStatic).map((m) => t.arrayExpression([t.stringLiteral(m.name), t.cloneNode(m.store)]));
    if (owner.isClass()) {
      const statements: BabelTypes.Statement[] = [];
      const instance = pairs(false);
      const statics = pairs(true);
      if (instance.length) statements.push(t.expressionStatement(runtimeCall(ctx, "home", [t.memberExpression(t.thisExpression(), t.identifier("prototype")), ...instance])));
      if (statics.length) statements.push(t.expressionStatement(runtimeCall(ctx, "home", [t.thisExpression(), ...statics])));
      owner.node.body.body.push(t.staticBlock(statements));
    } else if (owner.isObjectExpression()) {
      owner.replaceWith(runtimeCall(ctx, "home", [owner.node, ...pairs(false)]));
    }
  }
}

