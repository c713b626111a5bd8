import type { NodePath, types as t } from "@babel/core";
import type { Binding, Scope } from "@babel/traverse";
import {
  MODULE,
  classify,
  emptyFacts,
  memoizedSummary,
  type BindingFact,
  type BindingKind,
  type FileFacts,
  type FileReport,
  type LexicalKeyword,
  type ParamShape,
  type TagOptions,
  type UnitKind,
} from "../core";
import { WRAPPERS, keyName, outsideWrappers } from "./resolve-target";

/**
 * Step "collect reference facts" of the Babel path: one traversal of the ORIGINAL program (before any
 * rewrite) that reads Babel's scope tracker and fills the core's AST-neutral facts, then asks the core
 * to classify them. Uses only the path and scope APIs Babel hands the plugin (no `@babel/*` import).
 *
 * Babel's scope tracker is right for ordinary code but differs from ECMAScript in a few places; each
 * is patched here, where the reference is resolved (`resolve`), and each has a fixture:
 *
 * 1. A parameter list with expressions (defaults, computed keys) gets its own environment: a body
 *    `var x` next to a parameter `x` is a second binding (Babel: one, the parameter), and a body `var`
 *    is invisible from the parameter list (Babel: visible).
 * 2. Consequently `arguments` in a parameter default is the function's own even if the body declares
 *    `var arguments`; `arguments` with no binding is the own object of the nearest non-arrow function
 *    (with none, at top level, it is an ordinary global name: the classifier decides).
 * 3. Annex B: a plain function declared in a block, in sloppy code, also binds a `var` in the enclosing
 *    function (or script), unless a `let`/`const`/`class`/parameter of that name is in the way (a
 *    simple catch parameter is not: B.3.4 lets a `var` redeclare it). Babel only knows the block
 *    binding, so uses outside the block looked global. Like any body `var`, it is invisible from a
 *    parameter list with expressions (1).
 * 4. A named function expression's name lives in a scope between the function and its surroundings
 *    (Babel puts it inside), so the function captures its own name, and a body `var` of the same name
 *    (an Annex B one too) shadows it (Babel keeps the name's binding).
 * 5. A class declaration's body sees an inner, immutable binding of the class name (Babel reuses the
 *    outer, reassignable one).
 * 6. A `var` initialiser that runs once per loop iteration, a `for (var … of/in …)` head, and a
 *    redeclaration with an initialiser reassign the variable (Babel: no constant violation).
 * 7. TypeScript: type positions are skipped; type-only imports, interfaces, type aliases and ambient
 *    (`declare`) declarations are not value bindings, so names resolve past them (an ambient name is
 *    a global); enums and namespaces are bindings (Babel registers neither).
 * 9. TypeScript: inside an enum's member initialisers, the members of that enum (of every declaration
 *    of it in the same statement list: declarations merge) are in scope, and inside a namespace's
 *    body, so are the names other declarations of that namespace in the same statement list export.
 *    TypeScript compiles such a name to `E.A` / `N.a`, a read of the enum or namespace object, so it
 *    is a reference to the enum or namespace binding (Babel: an unknown name, or an outer binding).
 *    Bindings declared inside the initialiser or the body come first; the lookup of the enum or
 *    namespace name itself starts where it is declared.
 */

type Memoized = ReadonlyMap<t.Node, TagOptions>;

/** Collects the facts of a program and classifies them: the file's part of the report. */
export function analyzeProgram(program: NodePath<t.Program>, memoized: Memoized): FileReport {
  return classify(collectFacts(program, memoized));
}

/** Keys whose subtree is a type, never a value. */
const TYPE_KEYS = new Set(["typeAnnotation", "returnType", "typeParameters", "superTypeParameters", "typeArguments", "superTypeArguments", "predicate", "implements"]);
/** Nodes that declare only types. */
const TYPE_DECLARATIONS = new Set(["TSInterfaceDeclaration", "TSTypeAliasDeclaration", "TSDeclareFunction", "TSDeclareMethod", "TSIndexSignature", "TSImportType"]);
const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);
const METHODS = new Set(["ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);
const FIELDS = new Set(["ClassProperty", "ClassPrivateProperty", "ClassAccessorProperty"]);
const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);

/** A stack entry: the node that pushed it (popped on that node's exit) and the current unit. */
interface Frame {
  node: t.Node;
  unit: number;
  loops: number;
}

/**
 * Rule 9: an enum or a namespace body being visited whose merged names are in scope. `boundary` is the
 * scope where the lookup reaches them: the enum's enclosing scope (exclusive: an enum has no scope of
 * its own) or the namespace body's scope (inclusive: its own bindings come first).
 */
interface MergedNames {
  node: t.Node;
  name: string;
  names: ReadonlySet<string>;
  /** Enums and namespaces the namespace body declares (bindings Babel does not know), which come first. */
  own: ReadonlySet<string>;
  boundary: Scope;
  inclusive: boolean;
  /** Where the enum or namespace name is looked up. */
  declScope: Scope;
}

/** Reading mode of an identifier that is an assignment target. */
type WriteMode = "write" | "readwrite";

/** The facts of one program. */
export function collectFacts(program: NodePath<t.Program>, memoized: Memoized): FileFacts {
  return new Collector(program, memoized).run();
}

class Collector {
  private readonly facts = emptyFacts();
  private readonly frames: Frame[] = [];
  /** Unit in force where each scope-creating node starts. */
  private readonly scopeUnit = new Map<t.Node, number>();
  /** Unit node by unit id. */
  private readonly unitNodes: t.Node[] = [];
  private readonly bindingIds = new Map<Binding | t.Node, number>();
  /** The declaring identifier of each binding id (to tell redeclarations from the declaration). */
  private readonly declaringNodes: t.Node[] = [];
  private readonly shadows = new Map<Binding, number | null>();
  private readonly writeTargets = new Map<t.Node, WriteMode>();
  private readonly activeClasses = new Set<t.Node>();
  /** Functions whose parameter list is being visited. */
  private readonly inParams = new Set<t.Node>();
  private readonly paramExpressions = new WeakMap<t.Node, boolean>();
  /** Bindings Babel does not register (enums, namespaces, Annex B vars), by scope node and name. */
  private readonly extras = new Map<t.Node, Map<string, number>>();
  private readonly extraNames = new Set<string>();
  /** Per reference: the scope it occurs in and the scope of the binding Babel found (null: none). */
  private readonly refScopes: Scope[] = [];
  private readonly refStops: (Scope | null)[] = [];
  /** Per reference: the functions whose parameter list it is in (undefined: none). */
  private readonly refParams: (ReadonlySet<t.Node> | undefined)[] = [];
  /** How many `with` bodies enclose the current node. */
  private withDepth = 0;
  /** Rule 9: enums and namespace bodies being visited, innermost last. */
  private readonly merged: MergedNames[] = [];
  /** Rule 9: enum and namespace declarations by statement list and name. */
  private readonly declarationGroups = new Map<unknown, Map<string, t.Node[]>>();

  constructor(
    private readonly program: NodePath<t.Program>,
    private readonly memoized: Memoized,
  ) {}

  run(): FileFacts {
    this.scopeUnit.set(this.program.node, MODULE);
    this.frames.push({ node: this.program.node, unit: MODULE, loops: 0 });
    this.program.traverse({
      enter: (path: NodePath) => this.enter(path),
      exit: (path: NodePath) => this.exit(path),
    });
    this.resolveExtras();
    return this.facts;
  }

  private get unit(): number {
    return this.frames[this.frames.length - 1].unit;
  }

  private enter(path: NodePath): void {
    const node = path.node;
    if (this.isTypeOnly(path)) {
      path.skip();
      return;
    }
    this.enterPosition(path);
    switch (node.type) {
      case "Identifier":
        this.identifier(path as NodePath<t.Identifier>);
        break;
      case "JSXIdentifier":
        this.jsxIdentifier(path as NodePath<t.JSXIdentifier>);
        break;
      case "ThisExpression":
        this.lexical("this");
        break;
      case "Super":
        this.lexical("super");
        break;
      case "MetaProperty":
        if (node.meta.name === "new" && node.property.name === "target") this.lexical("new.target");
        break;
      case "AssignmentExpression":
        this.markTargets(node.left, node.operator === "=" ? "write" : "readwrite");
        break;
      case "UpdateExpression":
        this.markTargets(node.argument, "readwrite");
        break;
      case "ForInStatement":
      case "ForOfStatement":
        if (node.left.type !== "VariableDeclaration") this.markTargets(node.left, "write");
        break;
      case "VariableDeclarator":
        this.declarator(path as NodePath<t.VariableDeclarator>);
        break;
      case "CallExpression":
      case "OptionalCallExpression":
      case "NewExpression":
        this.call(path as NodePath<t.CallExpression | t.NewExpression>);
        break;
      case "WithStatement":
        this.facts.dynamic.push({ unit: this.unit, kind: "with", at: start(node) });
        break;
      case "ClassDeclaration":
      case "ClassExpression":
        this.activeClasses.add(node);
        break;
      case "StaticBlock":
        this.pushUnit(path, "static-block");
        break;
      case "TSEnumDeclaration":
      case "TSModuleDeclaration":
        this.declareExtra(path, node.id.type === "Identifier" ? node.id : undefined, node.type === "TSEnumDeclaration" ? "enum" : "namespace");
        this.enterMerged(path as NodePath<t.TSEnumDeclaration | t.TSModuleDeclaration>);
        break;
    }
    if (LOOPS.has(node.type)) this.frames[this.frames.length - 1].loops++;
    if (FUNCTIONS.has(node.type)) {
      if (node.type === "FunctionDeclaration") this.annexB(path as NodePath<t.FunctionDeclaration>);
      if (node.type === "ClassMethod" && node.kind === "constructor") this.parameterProperties(path as NodePath<t.ClassMethod>);
      this.pushUnit(path, unitKind(node));
    }
    if (path.scope.block === node) this.scopeUnit.set(node, this.unit);
  }

  private exit(path: NodePath): void {
    const node = path.node;
    if (LOOPS.has(node.type)) this.frames[this.frames.length - 1].loops--;
    if (path.key === "body" && path.parent.type === "WithStatement") this.withDepth--;
    while (this.frames[this.frames.length - 1].node === node) this.frames.pop();
    if (path.listKey === "params" && path.parentPath?.isFunction()) this.inParams.delete(path.parent);
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") this.activeClasses.delete(node);
    while (this.merged.length > 0 && this.merged[this.merged.length - 1].node === node) this.merged.pop();
  }

  /**
   * 8. TypeScript parameter properties (`constructor(private a: number)`) are parameters, but Babel's
   *    scope tracker does not register them; register them before the constructor's references resolve.
   */
  private parameterProperties(ctor: NodePath<t.ClassMethod>): void {
    for (const param of ctor.get("params")) {
      if (!param.isTSParameterProperty()) continue;
      const parameter = param.get("parameter") as NodePath<t.Identifier | t.AssignmentPattern>;
      const id = parameter.node.type === "AssignmentPattern" ? parameter.node.left : parameter.node;
      if (id.type === "Identifier" && !ctor.scope.getOwnBinding(id.name)) ctor.scope.registerBinding("param", parameter);
    }
  }

  /** Skips type-only subtrees and ambient declarations. */
  private isTypeOnly(path: NodePath): boolean {
    const node = path.node as t.Node & { declare?: boolean; importKind?: string; exportKind?: string; abstract?: boolean };
    if ((path.key !== null && TYPE_KEYS.has(path.key as string)) || path.listKey === "implements") return true;
    if (TYPE_DECLARATIONS.has(node.type)) return true;
    if (node.declare === true) return true;
    if (node.type === "ImportDeclaration" && node.importKind === "type") return true;
    if (node.type === "ExportNamedDeclaration" && node.exportKind === "type") return true;
    return false;
  }

  /**
   * Which unit a child belongs to: a member's computed key and decorators, and a parameter's
   * decorators, run in the enclosing unit; a field's initialiser is a unit of its own.
   */
  private enterPosition(path: NodePath): void {
    const parent = path.parent;
    if (parent === undefined || parent === null) return;
    if (path.listKey === "params" && path.parentPath!.isFunction()) this.inParams.add(parent);
    if ((path.key === "key" && METHODS.has(parent.type)) || (path.listKey === "decorators" && !FIELDS.has(parent.type) && !isClass(parent))) {
      const current = this.unit;
      if (current !== MODULE) this.frames.push({ node: path.node, unit: this.facts.units[current].parent, loops: 0 });
      return;
    }
    if (path.key === "body" && parent.type === "WithStatement") this.withDepth++;
    if (path.key === "value" && FIELDS.has(parent.type) && path.node !== null) this.pushUnit(path.parentPath!, "field", path.node);
  }

  /** Starts a unit for `path` (whose node names and locates it); it ends when `pushedBy` exits. */
  private pushUnit(path: NodePath, kind: UnitKind, pushedBy: t.Node = path.node): void {
    const node = path.node;
    const id = this.facts.units.length;
    // A field holding a function: the function is what is memoized, not the initialiser around it.
    const options =
      kind === "field"
        ? FUNCTIONS.has(pushedBy.type) ? undefined : this.memoized.get(node)
        : this.memoized.get(node) ?? this.holderOptions(path);
    this.facts.units.push({
      kind,
      name: unitName(path),
      loc: { line: start(node).line, column: start(node).column },
      parent: this.unit,
      ...(options !== undefined && { memoized: memoizedSummary(options), params: paramShapes(node) }),
    });
    this.unitNodes.push(node);
    if (this.withDepth > 0) this.facts.dynamic.push({ unit: id, kind: "with", at: start(node) });
    this.frames.push({ node: pushedBy, unit: id, loops: 0 });
  }

  /** A tag may be keyed by the node that holds the function (`const f = …`, a field, a property). */
  private holderOptions(path: NodePath): TagOptions | undefined {
    const { child, parent } = outsideWrappers(path);
    if (!parent || child.key === "key") return undefined;
    const type = parent.node.type;
    if (type === "VariableDeclarator" || type === "ObjectProperty" || FIELDS.has(type)) return this.memoized.get(parent.node);
    return undefined;
  }

  private lexical(keyword: LexicalKeyword): void {
    if (this.unit !== MODULE) this.facts.lexical.push({ unit: this.unit, keyword });
  }

  // ---- references ----

  private identifier(path: NodePath<t.Identifier>): void {
    const node = path.node;
    // Names of enums, enum members and namespaces are declarations, whatever Babel's isReferenced says.
    if (path.key === "id" && (path.parent.type === "TSEnumMember" || path.parent.type === "TSEnumDeclaration" || path.parent.type === "TSModuleDeclaration")) return;
    const mode = this.writeTargets.get(node);
    if (mode === undefined && (this.unit === MODULE || !path.isReferencedIdentifier())) return;
    const merged = this.merged.length > 0 ? this.mergedTarget(path.scope, node.name) : undefined;
    // A write of `a` is a write of the property `N.a`: the namespace itself is only read.
    if (merged !== undefined) this.reference(merged.declScope, merged.name, node, undefined);
    else this.reference(path.scope, node.name, node, mode);
  }

  /** Rule 9: starts an enum or namespace body whose merged names are in scope. */
  private enterMerged(path: NodePath<t.TSEnumDeclaration | t.TSModuleDeclaration>): void {
    const node = path.node;
    if (node.id.type !== "Identifier") return;
    const statements = this.sameNamed(path, node.id.name);
    if (node.type === "TSEnumDeclaration") {
      const names = new Set<string>();
      for (const other of statements) if (other.type === "TSEnumDeclaration" && other.id.name === node.id.name && other.declare !== true) for (const member of enumMembers(other)) names.add(member.id.type === "Identifier" ? member.id.name : member.id.value);
      if (names.size > 0) this.merged.push({ node, name: node.id.name, names, own: new Set(), boundary: path.scope, inclusive: false, declScope: path.parentPath!.scope });
      return;
    }
    if (path.parent.type === "TSModuleDeclaration" || node.body.type !== "TSModuleBlock") return;
    const names = new Set<string>();
    for (const other of statements) {
      if (other === node || other.type !== "TSModuleDeclaration" || other.id.type !== "Identifier" || other.id.name !== node.id.name || other.declare === true || other.body.type !== "TSModuleBlock") continue;
      for (const statement of other.body.body) exportedNames(statement, names);
    }
    if (names.size === 0) return;
    const own = new Set<string>();
    for (const statement of node.body.body) {
      const d = statement.type === "ExportNamedDeclaration" && statement.declaration ? statement.declaration : statement;
      if ((d.type === "TSEnumDeclaration" || d.type === "TSModuleDeclaration") && d.id.type === "Identifier" && d.declare !== true) own.add(d.id.name);
    }
    this.merged.push({ node, name: node.id.name, names, own, boundary: path.get("body").scope, inclusive: true, declScope: path.parentPath!.scope });
  }

  /** The enums and namespaces of a name in the statement list holding `path` (one pass per list: linear). */
  private sameNamed(path: NodePath, name: string): readonly t.Node[] {
    const holder = path.parentPath?.isExportNamedDeclaration() ? path.parentPath : path;
    const container = holder.container;
    if (!Array.isArray(container)) return [path.node];
    let byName = this.declarationGroups.get(container);
    if (byName === undefined) {
      this.declarationGroups.set(container, (byName = new Map()));
      for (const statement of container as t.Node[]) {
        const d = statement.type === "ExportNamedDeclaration" && statement.declaration ? statement.declaration : statement;
        if ((d.type !== "TSEnumDeclaration" && d.type !== "TSModuleDeclaration") || d.id.type !== "Identifier") continue;
        const group = byName.get(d.id.name);
        if (group === undefined) byName.set(d.id.name, [d]);
        else group.push(d);
      }
    }
    return byName.get(name) ?? [];
  }

  /** Rule 9: the enum or namespace a name in its scope stands for, unless a binding inside it comes first. */
  private mergedTarget(scope: Scope, name: string): MergedNames | undefined {
    const bound = (s: Scope) => {
      const binding = s.getOwnBinding(name);
      return (binding !== undefined && bindingKind(binding) !== undefined) || this.extras.get(s.block)?.has(name) === true;
    };
    let s: Scope | undefined = scope;
    for (let i = this.merged.length - 1; i >= 0; i--) {
      const context = this.merged[i];
      for (; s && s !== context.boundary; s = s.parent) if (bound(s)) return undefined;
      if (s === undefined) return undefined;
      if (context.inclusive) {
        if (bound(s) || context.own.has(name)) return undefined;
        s = s.parent;
      }
      if (context.names.has(name)) return context;
    }
    return undefined;
  }

  private jsxIdentifier(path: NodePath<t.JSXIdentifier>): void {
    const node = path.node;
    if (node.name === "this" && path.parent.type === "JSXMemberExpression" && path.key === "object") {
      this.lexical("this");
      return;
    }
    if (this.unit === MODULE || !path.isReferencedIdentifier()) return;
    this.reference(path.scope, node.name, node, undefined);
  }

  private reference(scope: Scope, name: string, node: t.Node, mode: WriteMode | undefined): void {
    const { id, stop } = this.resolve(scope, name);
    if (id === null && name === "arguments" && mode === undefined) {
      this.lexical("arguments");
      return;
    }
    this.facts.references.push({ name, unit: this.unit, binding: id, read: mode !== "write", write: mode !== undefined, at: start(node) });
    this.refScopes.push(scope);
    this.refStops.push(stop);
    this.refParams.push(this.inParams.size > 0 ? new Set(this.inParams) : undefined);
  }

  /** Marks the identifiers an assignment target writes (not member expressions: those read their object). */
  private markTargets(target: t.Node | null | undefined, mode: WriteMode): void {
    if (!target) return;
    switch (target.type) {
      case "Identifier":
        this.writeTargets.set(target, mode);
        break;
      case "ObjectPattern":
        for (const property of target.properties) this.markTargets(property.type === "RestElement" ? property.argument : (property.value as t.Node), mode);
        break;
      case "ArrayPattern":
        for (const element of target.elements) this.markTargets(element, mode);
        break;
      case "AssignmentPattern":
        this.markTargets(target.left, mode);
        break;
      case "RestElement":
        this.markTargets(target.argument, mode);
        break;
      default:
        if (WRAPPERS.has(target.type)) this.markTargets((target as t.TSAsExpression).expression, mode);
    }
  }

  /**
   * The binding a name resolves to at `scope`, ECMAScript's way (see the file comment), and the scope
   * of the Babel binding it was derived from (where the search for enums/namespaces/Annex B stops).
   */
  private resolve(scope: Scope, name: string): { id: number | null; stop: Scope | null } {
    let binding = scope.getBinding(name);
    while (binding !== undefined) {
      const kind = bindingKind(binding);
      const block = binding.scope.block;
      const split = FUNCTIONS.has(block.type) && this.hasParamExpressions(block);
      const fromParams = this.inParams.has(block);
      // A type, or a body `var` seen from a parameter list that has its own environment: look further out.
      if (kind === undefined || (split && fromParams && binding.kind !== "param" && binding.kind !== "local")) {
        binding = binding.scope.parent?.getBinding(name);
        continue;
      }
      if ((split && !fromParams && (binding.kind === "param" || binding.kind === "local")) || (!split && binding.kind === "local" && binding.path.isFunctionExpression())) {
        const shadow = this.bodyShadow(binding);
        if (shadow !== null) return { id: shadow, stop: binding.scope };
        // A function expression's name lives outside the function's body, so an Annex B var of the
        // body (a variable Babel does not know) shadows it too: let the search include the body.
        if (binding.kind === "local" && binding.path.isFunctionExpression()) return { id: this.bindingId(binding, kind), stop: binding.scope.parent ?? null };
      }
      if (binding.path.isClassDeclaration() && this.activeClasses.has(binding.path.node)) {
        return { id: this.innerClass(binding.path as NodePath<t.ClassDeclaration>), stop: binding.scope };
      }
      return { id: this.bindingId(binding, kind), stop: binding.scope };
    }
    return { id: null, stop: null };
  }

  private bindingId(binding: Binding, kind: BindingKind): number {
    const known = this.bindingIds.get(binding);
    if (known !== undefined) return known;
    const local = binding.kind === "local";
    let unit = this.unitOfScope(binding.scope);
    // A function expression's own name lives just outside it.
    if (local && binding.path.isFunctionExpression()) unit = unit === MODULE ? MODULE : this.facts.units[unit].parent;
    return this.addBinding(binding, { name: binding.identifier.name, kind, unit, declared: start(binding.identifier), reassigned: false }, binding.identifier);
  }

  private addBinding(key: Binding | t.Node, fact: BindingFact, declaring: t.Node): number {
    const id = this.facts.bindings.length;
    this.facts.bindings.push({ ...fact, declared: { line: fact.declared.line, column: fact.declared.column } });
    this.declaringNodes.push(declaring);
    this.bindingIds.set(key, id);
    return id;
  }

  private unitOfScope(scope: Scope | undefined): number {
    for (let s = scope; s; s = s.parent) {
      const unit = this.scopeUnit.get(s.block);
      if (unit !== undefined) return unit;
    }
    return MODULE;
  }

  /** The class name as seen from inside its own body: immutable, declared by the class. */
  private innerClass(path: NodePath<t.ClassDeclaration>): number {
    const node = path.node;
    const known = this.bindingIds.get(node);
    if (known !== undefined) return known;
    const id = node.id!;
    return this.addBinding(node, { name: id.name, kind: "class", unit: this.scopeUnit.get(node) ?? this.unitOfScope(path.scope), declared: start(id), reassigned: false }, id);
  }

  /** A body `var` or function declaration that ECMAScript binds separately from a parameter or a function expression's name. */
  private bodyShadow(binding: Binding): number | null {
    const known = this.shadows.get(binding);
    if (known !== undefined) return known;
    let found: number | null = null;
    const name = binding.identifier.name;
    for (const violation of binding.constantViolations) {
      const isVar = violation.isVariableDeclarator() && (violation.parent as t.VariableDeclaration).kind === "var";
      if (!isVar && !violation.isFunctionDeclaration()) continue;
      const identifier = violation.getBindingIdentifiers()[name] as t.Identifier | undefined;
      if (identifier === undefined) continue;
      found = this.addBinding({} as t.Node, { name, kind: isVar ? "var" : "function", unit: this.unitOfScope(binding.scope), declared: start(identifier), reassigned: false }, identifier);
      break;
    }
    this.shadows.set(binding, found);
    return found;
  }

  /** ECMAScript's ContainsExpression of a parameter list: defaults or computed keys anywhere in it. */
  private hasParamExpressions(fn: t.Node): boolean {
    const known = this.paramExpressions.get(fn);
    if (known !== undefined) return known;
    const contains = (node: t.Node | null | undefined): boolean => {
      if (!node) return false;
      switch (node.type) {
        case "AssignmentPattern":
          return true;
        case "ObjectPattern":
          return node.properties.some((p) => (p.type === "RestElement" ? contains(p.argument) : p.computed || contains(p.value as t.Node)));
        case "ArrayPattern":
          return node.elements.some(contains);
        case "RestElement":
          return contains(node.argument);
        case "TSParameterProperty":
          return contains(node.parameter);
        default:
          return false;
      }
    };
    const result = (fn as t.Function).params.some(contains);
    this.paramExpressions.set(fn, result);
    return result;
  }

  // ---- declarations Babel gets wrong or does not see ----

  /** `var` initialisers that reassign: redeclarations, and heads or bodies of loops (once per iteration). */
  private declarator(path: NodePath<t.VariableDeclarator>): void {
    const declaration = path.parentPath.node as t.VariableDeclaration;
    if (declaration.kind !== "var") return;
    const head = path.parentPath.parentPath!;
    const perIteration = (head.isForInStatement() || head.isForOfStatement()) && path.parentPath.key === "left";
    if (path.node.init == null && !perIteration) return;
    const frame = this.frames[this.frames.length - 1];
    const loops = frame.loops - (head.isForStatement() && path.parentPath.key === "init" ? 1 : 0);
    for (const [name, identifier] of Object.entries(path.getBindingIdentifiers())) {
      const { id } = this.resolve(path.scope, name);
      if (id === null) continue;
      if (perIteration || loops > 0 || this.declaringNodes[id] !== identifier) this.facts.bindings[id].reassigned = true;
    }
  }

  /** Registers an enum or namespace (merged declarations share one binding). */
  private declareExtra(path: NodePath, id: t.Identifier | undefined, kind: "enum" | "namespace"): void {
    if (id === undefined || path.parent.type === "TSModuleDeclaration") return;
    const scope = path.parentPath!.scope;
    if (scope.getOwnBinding(id.name) !== undefined) return; // merges into a function, class or var Babel knows
    this.addExtra(scope, id, kind, false);
  }

  private addExtra(scope: Scope, id: t.Identifier, kind: BindingKind, reassigned: boolean): void {
    let names = this.extras.get(scope.block);
    if (names === undefined) this.extras.set(scope.block, (names = new Map()));
    const existing = names.get(id.name);
    if (existing !== undefined) {
      if (kind === "var") this.facts.bindings[existing].reassigned = true;
      else if (reassigned) this.facts.bindings[existing].reassigned = true;
      return;
    }
    names.set(id.name, this.addBinding({} as t.Node, { name: id.name, kind, unit: this.unitOfScope(scope), declared: start(id), reassigned }, id));
    this.extraNames.add(id.name);
  }

  /** Annex B.3.3: a plain function declared in a block of sloppy code also binds a `var` in the enclosing function. */
  private annexB(path: NodePath<t.FunctionDeclaration>): void {
    const node = path.node;
    if (node.id == null || node.async || node.generator) return;
    const container = path.parentPath;
    if (container.isProgram() || container.isExportDeclaration() || container.isTSModuleBlock()) return;
    if (container.isBlockStatement() && container.parentPath?.isFunction()) return;
    if (this.program.node.sourceType === "module" || isStrict(path)) return;
    const name = node.id.name;
    // `path.scope` is the declared function's own scope; the block holding it is the parent's.
    const blockScope = container.scope;
    const functionScope = blockScope.getFunctionParent() ?? blockScope.getProgramParent();
    // Would `var name` here be an early error (a lexical binding in between)? Not a simple catch
    // parameter, which a `var` may redeclare (B.3.4).
    for (let s: Scope | undefined = blockScope.parent; s && s !== functionScope; s = s.parent) {
      const binding = s.getOwnBinding(name);
      if (binding && !(binding.path.isCatchClause() && binding.path.node.param?.type === "Identifier")) return;
    }
    let own = functionScope.getOwnBinding(name);
    // A function expression's own name is not a binding of its body (B.3.2.1 creates the var).
    if (own !== undefined && own.kind === "local" && own.path.node === functionScope.block) {
      const shadow = this.bodyShadow(own);
      if (shadow !== null) {
        this.facts.bindings[shadow].reassigned = true;
        return;
      }
      own = undefined;
    }
    if (own !== undefined) {
      // An existing `var` or function of that name is assigned when the block runs; a parameter or a
      // lexical binding means no Annex B var.
      if (own.kind === "var" || own.kind === "hoisted") this.facts.bindings[this.bindingId(own, own.kind === "var" ? "var" : "function")].reassigned = true;
      return;
    }
    this.addExtra(functionScope, node.id, "var", this.frames[this.frames.length - 1].loops > 0);
  }

  /** Resolves references whose name an enum, namespace or Annex B var declares, now that all are known. */
  private resolveExtras(): void {
    if (this.extraNames.size === 0) return;
    this.facts.references.forEach((ref, i) => {
      if (!this.extraNames.has(ref.name)) return;
      const params = this.refParams[i];
      for (let s: Scope | undefined = this.refScopes[i]; s && s !== this.refStops[i]; s = s.parent) {
        // A parameter list with expressions has its own environment: it cannot see the body's names.
        if (params?.has(s.block) && this.hasParamExpressions(s.block)) continue;
        const extra = this.extras.get(s.block)?.get(ref.name);
        if (extra !== undefined) {
          ref.binding = extra;
          if (ref.write) this.facts.bindings[extra].reassigned = true;
          return;
        }
      }
    });
  }

  // ---- calls ----

  /** Direct `eval`, and calls of global functions (for MS103). */
  private call(path: NodePath<t.CallExpression | t.NewExpression>): void {
    const node = path.node;
    if (this.unit === MODULE && !(node.callee.type === "Identifier" && node.callee.name === "eval")) return;
    const chain = calleeChain(node.callee);
    if (chain === undefined) return;
    if (this.resolve(path.scope, chain[0]).id !== null) return;
    if (chain.length === 1 && chain[0] === "eval" && node.type === "CallExpression") {
      this.facts.dynamic.push({ unit: this.unit, kind: "eval", at: start(node) });
    }
    if (this.unit === MODULE) return;
    this.facts.calls.push({ unit: this.unit, callee: chain.join("."), isNew: node.type === "NewExpression", argCount: node.arguments.length, at: start(node) });
  }
}

// ---- helpers ----

/** Rule 9: the value names a statement of a namespace body exports (not ambient ones). */
function exportedNames(statement: t.Node, out: Set<string>): void {
  if (statement.type === "TSImportEqualsDeclaration") {
    if (statement.isExport && statement.importKind !== "type") out.add(statement.id.name);
    return;
  }
  if (statement.type !== "ExportNamedDeclaration" || !statement.declaration || statement.exportKind === "type") return;
  const d = statement.declaration;
  if ((d as { declare?: boolean }).declare === true) return;
  switch (d.type) {
    case "VariableDeclaration":
      for (const declarator of d.declarations) patternNames(declarator.id, out);
      break;
    case "FunctionDeclaration":
    case "ClassDeclaration":
    case "TSEnumDeclaration":
      if (d.id) out.add(d.id.name);
      break;
    case "TSModuleDeclaration":
      if (d.id.type === "Identifier") out.add(d.id.name);
      break;
  }
}

function patternNames(node: t.Node | null | undefined, out: Set<string>): void {
  if (!node) return;
  switch (node.type) {
    case "Identifier":
      out.add(node.name);
      break;
    case "ObjectPattern":
      for (const property of node.properties) patternNames(property.type === "RestElement" ? property.argument : (property.value as t.Node), out);
      break;
    case "ArrayPattern":
      for (const element of node.elements) patternNames(element, out);
      break;
    case "AssignmentPattern":
      patternNames(node.left, out);
      break;
    case "RestElement":
      patternNames(node.argument, out);
      break;
  }
}

const NOWHERE = { line: 0, column: 0 };

/** Where a node starts; nodes another plugin inserted without a location report line 0. */
function start(node: t.Node): { line: number; column: number } {
  return node.loc?.start ?? NOWHERE;
}

function isClass(node: t.Node): boolean {
  return node.type === "ClassDeclaration" || node.type === "ClassExpression";
}

/** The binding kind the report uses, or undefined for a binding that holds no value (a type, an ambient declaration). */
function bindingKind(binding: Binding): BindingKind | undefined {
  const path = binding.path;
  const node = path.node as t.Node & { declare?: boolean; importKind?: string };
  if (node.declare === true || (path.parentPath?.node as { declare?: boolean } | undefined)?.declare === true) return undefined;
  switch (binding.kind as string) {
    case "param":
      return "param";
    case "var":
      return "var";
    case "let":
      if (node.type === "ClassDeclaration") return "class";
      if (node.type === "CatchClause") return "catch";
      return "let";
    case "const":
    case "using":
      return "const";
    case "hoisted":
      return "function";
    case "module":
      if (node.importKind === "type" || node.importKind === "typeof" || (path.parent as { importKind?: string }).importKind === "type") return undefined;
      return "import";
    case "local":
      return node.type === "ClassExpression" ? "class" : "function";
    default:
      if (node.type === "TSImportEqualsDeclaration") return node.importKind === "type" ? undefined : "import";
      if (node.type === "TSEnumDeclaration") return "enum";
      if (node.type === "TSModuleDeclaration") return "namespace";
      if (node.type === "ClassDeclaration") return "class";
      if (node.type === "FunctionDeclaration") return "function";
      return undefined;
  }
}

/** True when the code at `path` is strict: inside a class, or under a "use strict" directive. */
function isStrict(path: NodePath): boolean {
  for (let p: NodePath | null = path.parentPath; p; p = p.parentPath) {
    const node = p.node;
    if (node.type === "ClassBody") return true;
    if (node.type === "Program" || node.type === "BlockStatement") {
      const directives = (node as t.Program | t.BlockStatement).directives ?? [];
      if (directives.some((d) => d.value.value === "use strict")) return true;
    }
  }
  return false;
}

function unitKind(node: t.Node): UnitKind {
  switch (node.type) {
    case "ArrowFunctionExpression":
      return "arrow";
    case "ObjectMethod":
    case "ClassMethod":
    case "ClassPrivateMethod": {
      const kind = (node as t.ClassMethod).kind;
      return kind === "get" ? "getter" : kind === "set" ? "setter" : kind === "constructor" ? "constructor" : "method";
    }
    default:
      return "function";
  }
}

/** The dotted callee (`["Math", "random"]`) when it is a chain of plain member accesses on a name. */
function calleeChain(callee: t.Node): string[] | undefined {
  const parts: string[] = [];
  let node: t.Node = callee;
  for (;;) {
    if (WRAPPERS.has(node.type)) node = (node as t.TSAsExpression).expression;
    else if (node.type === "MemberExpression" || node.type === "OptionalMemberExpression") {
      const property = node.property;
      if (!node.computed && property.type === "Identifier") parts.push(property.name);
      else if (node.computed && property.type === "StringLiteral") parts.push(property.value);
      else return undefined;
      node = node.object;
    } else if (node.type === "Identifier") {
      parts.push(node.name);
      return parts.reverse();
    } else return undefined;
  }
}

/** The class a member belongs to, named by its id or by what it is bound to. */
function className(classPath: NodePath | null | undefined): string {
  if (!classPath) return "<anonymous>";
  const node = classPath.node as t.Class;
  if (node.id) return node.id.name;
  return boundName(classPath) ?? "<anonymous>";
}

/** The name the surroundings give an anonymous function or class (`const f = …`, `{ f: … }`, …). */
function boundName(path: NodePath): string | undefined {
  const { child, parent } = outsideWrappers(path);
  if (!parent) return undefined;
  const node = parent.node;
  switch (node.type) {
    case "VariableDeclarator":
      return node.init === child.node && node.id.type === "Identifier" ? node.id.name : undefined;
    case "AssignmentExpression":
      if (node.right !== child.node || node.operator !== "=") return undefined;
      if (node.left.type === "Identifier") return node.left.name;
      if (node.left.type === "MemberExpression") return keyName(node.left.property, node.left.computed) ?? "[computed]";
      return undefined;
    case "AssignmentPattern":
      return node.right === child.node && node.left.type === "Identifier" ? node.left.name : undefined;
    case "ObjectProperty":
      return node.value === child.node ? (keyName(node.key, node.computed) ?? "[computed]") : undefined;
    case "ClassProperty":
    case "ClassPrivateProperty":
    case "ClassAccessorProperty":
      return node.value === child.node ? memberName(parent) : undefined;
    case "ExportDefaultDeclaration":
      return "default";
    default:
      return undefined;
  }
}

/** `Class#member` for instance members, `Class.member` for static ones. */
function memberName(member: NodePath): string {
  const node = member.node as t.ClassMethod | t.ClassProperty | t.StaticBlock;
  const owner = className(member.parentPath?.parentPath);
  if (node.type === "StaticBlock") return `${owner}.<static>`;
  const key = keyName(node.key, node.computed === true) ?? "[computed]";
  return `${owner}${node.static ? "." : "#"}${key}`;
}

/** The unit's display name (rules in facts.ts, UnitFact.name). */
function unitName(path: NodePath): string {
  const node = path.node;
  switch (node.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
      if (node.id) return node.id.name;
      if (node.type === "FunctionDeclaration") return "default";
      return boundName(path) ?? "<anonymous>";
    case "ArrowFunctionExpression":
      return boundName(path) ?? "<anonymous>";
    case "ObjectMethod":
      return keyName(node.key, node.computed) ?? "[computed]";
    default:
      return memberName(path);
  }
}

/** Parameter shapes for MS104, from annotations, defaults and patterns. */
function paramShapes(node: t.Node): ParamShape[] {
  if (!FUNCTIONS.has(node.type)) return [];
  return (node as t.Function).params.map((param) => paramShape(param.type === "TSParameterProperty" ? param.parameter : param));
}

function paramShape(param: t.Node): ParamShape {
  const annotation = (param as { typeAnnotation?: t.Node | null }).typeAnnotation;
  if (annotation && annotation.type === "TSTypeAnnotation") return typeShape(annotation.typeAnnotation);
  switch (param.type) {
    case "ObjectPattern":
    case "ArrayPattern":
      return "object";
    case "AssignmentPattern": {
      const left = paramShape(param.left);
      if (left !== "unknown") return left;
      const right = param.right;
      if (right.type === "StringLiteral" || right.type === "TemplateLiteral") return "string";
      if (right.type === "ObjectExpression" || right.type === "ArrayExpression") return "object";
      if (right.type === "NumericLiteral" || right.type === "BooleanLiteral" || right.type === "BigIntLiteral") return "other";
      return "unknown";
    }
    default:
      return "unknown";
  }
}

const OBJECT_TYPES = new Set(["Array", "ReadonlyArray", "Map", "Set", "WeakMap", "WeakSet", "Date", "RegExp", "Object", "Record", "Promise", "Function", "Partial", "Readonly", "Required", "Pick", "Omit"]);

function typeShape(type: t.Node): ParamShape {
  switch (type.type) {
    case "TSStringKeyword":
    case "TSTemplateLiteralType":
      return "string";
    case "TSLiteralType":
      return type.literal.type === "StringLiteral" || type.literal.type === "TemplateLiteral" ? "string" : "other";
    case "TSNumberKeyword":
    case "TSBooleanKeyword":
    case "TSBigIntKeyword":
    case "TSSymbolKeyword":
    case "TSUndefinedKeyword":
    case "TSNullKeyword":
    case "TSVoidKeyword":
      return "other";
    case "TSTypeLiteral":
    case "TSArrayType":
    case "TSTupleType":
    case "TSFunctionType":
    case "TSConstructorType":
    case "TSObjectKeyword":
    case "TSMappedType":
      return "object";
    case "TSParenthesizedType":
    case "TSOptionalType":
      return typeShape(type.typeAnnotation);
    case "TSTypeOperator":
      return typeShape(type.typeAnnotation);
    case "TSTypeReference":
      if (type.typeName.type === "Identifier") {
        if (type.typeName.name === "String") return "string";
        if (type.typeName.name === "Number" || type.typeName.name === "Boolean") return "other";
        if (OBJECT_TYPES.has(type.typeName.name)) return "object";
      }
      return "unknown";
    case "TSUnionType":
    case "TSIntersectionType": {
      const shapes = type.types.map(typeShape);
      if (shapes.includes("string")) return "string";
      if (shapes.includes("object")) return "object";
      return shapes.every((s) => s === "other") ? "other" : "unknown";
    }
    default:
      return "unknown";
  }
}

/** An enum's members: Babel 8 moved them from `members` into a `TSEnumBody` at `body` (Babel 7 ASTs have only `members`). */
function enumMembers(node: t.TSEnumDeclaration): t.TSEnumMember[] {
  const body = (node as { body?: { members?: t.TSEnumMember[] } }).body;
  return body?.members ?? node.members;
}
