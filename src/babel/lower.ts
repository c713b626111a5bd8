import type { types as t } from "@babel/core";
import {
  MODULE,
  RefFlag,
  ScopeBuilder,
  ScopeFlag,
  ScopeKind,
  SymbolFlag,
  analyzeLowered,
  memoizedSummary,
  resolveFacts,
  type BindingKind,
  type FileFacts,
  type FileReport,
  type ModuleAnalysis,
  type Position,
  type TagOptions,
  type UnitKind,
} from "../core";
import { CHILD_KEYS, TYPE_ONLY } from "./lower-keys";
import { WRAPPERS } from "./resolve-target";
import { memberName, outside, paramShapes, unitName } from "./unit-names";

/**
 * The Babel front end's part of the capture analysis: one walk over the ORIGINAL program (before any
 * rewrite), lowering Babel's tree into the core's scope builder (scopes, declarations, references with
 * read/write, calls, units). No scoping rule lives here (they are in src/core/scope): this file only
 * says which syntax is which. It walks the raw nodes (no paths, no scope tracker), with the child keys
 * of lower-keys.ts, and throws on a node type it does not know.
 */

type Memoized = ReadonlyMap<t.Node, TagOptions>;

/** Lowers a program, resolves and classifies it, and runs the whole-program pass on it alone: the file's part of the report. `file`: its report key, which MS105 chains name. */
export function analyzeProgram(program: t.Program, memoized: Memoized, file = "<input>"): FileReport {
  return analyzeModule(program, memoized, file).report;
}

/** `analyzeProgram` plus the file's summary for the cross-file pass (core/program). */
export function analyzeModule(program: t.Program, memoized: Memoized, file: string, bom = false): ModuleAnalysis {
  return analyzeLowered(lower(program, memoized, bom), file);
}

/** The resolved facts of a program. */
export function collectFacts(program: t.Program, memoized: Memoized): FileFacts {
  return resolveFacts(lower(program, memoized));
}

/** The program lowered into the core's scope builder, before resolution (its tables, for the whole-program pass and tests). */
export function lower(program: t.Program, memoized: Memoized, bom = false): ScopeBuilder {
  const lowering = new Lowering(memoized, bom);
  lowering.program(program);
  return lowering.b;
}

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);
const FIELDS = new Set(["ClassProperty", "ClassPrivateProperty", "ClassAccessorProperty"]);
const NOWHERE: Position = { line: 0, column: 0 };

/** Assignment-target mode of an identifier. */
type Mode = RefFlag.Write | RefFlag.ReadWrite;

class Lowering {
  readonly b = new ScopeBuilder();
  /** The nodes from the program down to the one being visited. */
  private readonly ancestors: t.Node[] = [];
  /** Identifiers an assignment writes. */
  private readonly targets = new Map<t.Node, Mode>();
  /** Enum and namespace declarations by statement list and name (TypeScript merging, one pass per list). */
  private readonly groups = new Map<t.Node[], Map<string, t.Node[]>>();

  /**
   * `bom`: the file starts with a byte-order mark, which Babel's parser counts as a column of line 1
   * (editors, tsc, ESLint and `scan` do not).
   */
  constructor(
    private readonly memoized: Memoized,
    private readonly bom: boolean,
  ) {}

  /** Where a node starts, counted as editors do; nodes another plugin inserted without a location report line 0. */
  private start(node: t.Node): Position {
    const at = node.loc?.start;
    if (at === undefined || at === null) return NOWHERE;
    return this.bom && at.line === 1 ? { line: 1, column: at.column - 1 } : at;
  }

  program(node: t.Program): void {
    this.b.enter(ScopeKind.Top, node.sourceType === "module" || hasUseStrict(node) ? ScopeFlag.Strict : ScopeFlag.None);
    this.ancestors.push(node);
    this.statements(node.body);
    this.ancestors.pop();
    this.b.exit();
  }

  // ---- the walk ----

  private statements(list: t.Node[]): void {
    for (const statement of list) this.visit(statement, list);
  }

  /** Visits a node; `list` is the statement list holding it, if any (for TypeScript merging). */
  private visit = (node: t.Node | null | undefined, list?: t.Node[]): void => {
    if (node == null || TYPE_ONLY.has(node.type) || (node as { declare?: boolean }).declare === true) return;
    this.ancestors.push(node);
    this.dispatch(node, list);
    this.ancestors.pop();
  };

  /** Visits the children of a node, in Babel's order. */
  private children(node: t.Node): void {
    const keys = CHILD_KEYS.get(node.type);
    if (keys === undefined) throw new Error(`memoscope: unknown Babel node type ${node.type} at line ${this.start(node).line}, column ${this.start(node).column}`);
    for (const key of keys) {
      const child = (node as unknown as Record<string, t.Node | t.Node[] | null | undefined>)[key];
      if (Array.isArray(child)) for (const c of child) this.visit(c);
      else this.visit(child);
    }
  }

  private dispatch(node: t.Node, list: t.Node[] | undefined): void {
    const b = this.b;
    switch (node.type) {
      case "Identifier":
        this.identifier(node);
        return;
      case "JSXIdentifier":
        this.jsxIdentifier(node);
        return;
      case "ThisExpression":
        b.keyword("this");
        return;
      case "Super":
        b.keyword("super");
        return;
      case "MetaProperty":
        if (node.meta.name === "new" && node.property.name === "target") b.keyword("new.target");
        return;
      case "AssignmentExpression":
        this.markTargets(node.left, node.operator === "=" ? RefFlag.Write : RefFlag.ReadWrite);
        break;
      case "UpdateExpression":
        this.markTargets(node.argument, RefFlag.ReadWrite);
        break;
      case "CallExpression":
      case "OptionalCallExpression":
      case "NewExpression":
        b.call(calleeChain(node.callee), node.type === "NewExpression", node.type === "CallExpression", node.arguments.length, this.start(node));
        break;
      case "ImportExpression":
        // `import(…)` (Babel's createImportExpressions): a call nobody can follow, for the whole-program summary.
        b.call(["import"], false, false, 1, this.start(node));
        break;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
      case "ObjectMethod":
      case "ClassMethod":
      case "ClassPrivateMethod":
        this.fn(node);
        return;
      case "ClassDeclaration":
      case "ClassExpression":
        this.klass(node);
        return;
      case "ClassProperty":
      case "ClassPrivateProperty":
      case "ClassAccessorProperty":
        this.field(node);
        return;
      case "StaticBlock":
        this.unit(node, "static-block", memberName(this.ancestors, this.ancestors.length - 1), undefined, () => {
          b.enter(ScopeKind.StaticBlock);
          this.statements(node.body);
          b.exit();
        });
        return;
      case "BlockStatement":
        b.enter(ScopeKind.Block);
        if (hasUseStrict(node)) b.strict();
        this.statements(node.body);
        b.exit();
        return;
      case "CatchClause":
        b.enter(ScopeKind.Block);
        if (node.param) {
          this.declarePattern(node.param, "catch", node.param.type === "Identifier" ? SymbolFlag.SimpleCatch : SymbolFlag.None);
          this.visit(node.param);
        }
        this.ancestors.push(node.body);
        this.statements(node.body.body);
        this.ancestors.pop();
        b.exit();
        return;
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
        if (node.type !== "ForStatement" && node.left.type !== "VariableDeclaration") this.markTargets(node.left, RefFlag.Write);
        b.enterLoop();
        b.enter(ScopeKind.Block);
        this.children(node);
        b.exit();
        b.exitLoop();
        return;
      case "WhileStatement":
      case "DoWhileStatement":
        b.enterLoop();
        this.children(node);
        b.exitLoop();
        return;
      case "SwitchStatement":
        // The discriminant is evaluated outside the cases' block (§14.12.4).
        this.visit(node.discriminant);
        b.enter(ScopeKind.Block);
        for (const c of node.cases) this.visit(c);
        b.exit();
        return;
      case "SwitchCase":
        this.visit(node.test);
        this.statements(node.consequent);
        return;
      case "WithStatement":
        this.visit(node.object);
        b.enter(ScopeKind.With, ScopeFlag.None, undefined, this.start(node));
        this.visit(node.body);
        b.exit();
        return;
      case "VariableDeclaration":
        this.variables(node);
        return;
      case "ImportDeclaration":
        if (node.importKind === "type" || node.importKind === "typeof") return;
        for (const s of node.specifiers) {
          if ((s as t.ImportSpecifier).importKind === "type" || (s as t.ImportSpecifier).importKind === "typeof") continue;
          const imported = s.type === "ImportDefaultSpecifier" ? "default" : s.type === "ImportNamespaceSpecifier" ? "*" : s.imported.type === "Identifier" ? s.imported.name : s.imported.value;
          b.declare(s.local.name, "import", this.start(s.local), s.local, SymbolFlag.None, { source: node.source.value, imported });
        }
        return;
      case "TSImportEqualsDeclaration":
        if (node.importKind !== "type") b.declare(node.id.name, "import", this.start(node.id), node.id, node.isExport ? SymbolFlag.Exported : SymbolFlag.None);
        return;
      case "ExportNamedDeclaration":
        if (node.exportKind === "type") return;
        if (node.declaration) this.visit(node.declaration, list);
        for (const s of node.specifiers) {
          if ((s as t.ExportSpecifier).exportKind === "type") continue;
          const exported = s.exported.type === "Identifier" ? s.exported.name : s.exported.value;
          if (s.type === "ExportNamespaceSpecifier") b.exportName(undefined, exported, node.source?.value, "*");
          else if (s.type === "ExportDefaultSpecifier") b.exportName(undefined, exported, node.source?.value, "default");
          else if (node.source) b.exportName(undefined, exported, node.source.value, s.local.name);
          else b.exportName(s.local.name, exported);
        }
        // `export { a }` reads `a` at the top level: no reference the report needs.
        return;
      case "ExportAllDeclaration":
        if (node.exportKind !== "type") b.exportName(undefined, "*", node.source.value, "*");
        return;
      case "ExportDefaultDeclaration": {
        const d = node.declaration;
        if (d.type === "Identifier") b.exportName(d.name, "default");
        else if ((d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id) b.exportName(d.id.name, "default");
        // Any other value: the module's own `*default*` binding, which the whole-program summary calls `default`.
        else b.exportName("default", "default");
        this.visit(d, list);
        return;
      }
      case "TSEnumDeclaration":
        this.enumeration(node, list);
        return;
      case "TSModuleDeclaration":
        this.namespace(node, list, false);
        return;
      case "TSEnumMember":
        this.visit(node.initializer);
        return;
      case "LabeledStatement":
        this.visit(node.body);
        return;
      case "BreakStatement":
      case "ContinueStatement":
      case "Directive":
        return;
      case "MemberExpression":
      case "OptionalMemberExpression":
        this.visit(node.object);
        if (node.computed) this.visit(node.property);
        return;
      case "ObjectProperty":
        if (node.computed) this.visit(node.key);
        this.visit(node.value);
        return;
      case "JSXAttribute":
        if (node.name.type === "JSXNamespacedName") this.visit(node.name);
        this.visit(node.value);
        return;
    }
    this.children(node);
  }

  // ---- references ----

  private identifier(node: t.Identifier): void {
    const mode = this.targets.get(node);
    if (mode !== undefined) {
      this.b.reference(node.name, mode, this.start(node));
      return;
    }
    if (this.b.unit === MODULE) return;
    const a = this.ancestors;
    if (!isReferenced(node, a[a.length - 2], a[a.length - 3])) return;
    this.b.reference(node.name, RefFlag.Read, this.start(node));
  }

  private jsxIdentifier(node: t.JSXIdentifier): void {
    const a = this.ancestors;
    const parent = a[a.length - 2];
    if (node.name === "this" && parent.type === "JSXMemberExpression" && parent.object === node) {
      this.b.keyword("this");
      return;
    }
    // A lowercase tag is an intrinsic element, not a name (Babel's isCompatTag), unless it is a member tag's object.
    if (this.b.unit === MODULE || (parent.type !== "JSXMemberExpression" && /^[a-z]/.test(node.name)) || !isReferenced(node, parent, a[a.length - 3])) return;
    this.b.reference(node.name, RefFlag.Read, this.start(node));
  }

  /** Marks the identifiers an assignment target writes (not member expressions: those read their object). */
  private markTargets(target: t.Node | null | undefined, mode: Mode): void {
    if (!target) return;
    switch (target.type) {
      case "Identifier":
        this.targets.set(target, mode);
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

  // ---- declarations ----

  /** Declares every name a binding pattern binds. */
  private declarePattern(pattern: t.Node, kind: BindingKind, flags: SymbolFlag = SymbolFlag.None): void {
    switch (pattern.type) {
      case "Identifier":
        this.b.declare(pattern.name, kind, this.start(pattern), pattern, flags);
        break;
      case "ObjectPattern":
        for (const p of pattern.properties) this.declarePattern(p.type === "RestElement" ? p.argument : (p.value as t.Node), kind, flags);
        break;
      case "ArrayPattern":
        for (const e of pattern.elements) if (e) this.declarePattern(e, kind, flags);
        break;
      case "AssignmentPattern":
        this.declarePattern(pattern.left, kind, flags);
        break;
      case "RestElement":
        this.declarePattern(pattern.argument, kind, flags);
        break;
      case "TSParameterProperty":
        this.declarePattern(pattern.parameter, kind, flags);
        break;
    }
  }

  private variables(node: t.VariableDeclaration): void {
    const kind: BindingKind = node.kind === "var" ? "var" : node.kind === "let" ? "let" : node.kind === "const" ? "const" : "using";
    const exported = this.ancestors[this.ancestors.length - 2]?.type === "ExportNamedDeclaration" ? SymbolFlag.Exported : SymbolFlag.None;
    const head = this.ancestors[this.ancestors.length - 2];
    const perIteration = (head.type === "ForInStatement" || head.type === "ForOfStatement") && head.left === node;
    // A `for (var …;;)` initialiser runs once, before the loop.
    const repeats = perIteration || this.b.loops - (head.type === "ForStatement" && head.init === node ? 1 : 0) > 0;
    for (const declarator of node.declarations) {
      this.declarePattern(declarator.id, kind, exported);
      if (kind === "var" && (declarator.init != null || perIteration)) for (const id of patternIds(declarator.id)) this.b.initialiser(id.name, id, repeats);
    }
    for (const declarator of node.declarations) this.visit(declarator);
  }

  // ---- functions and classes ----

  /** Starts a unit for `node` (named and located by it) around `body`. */
  private unit(node: t.Node, kind: UnitKind, name: string, options: TagOptions | undefined, body: () => void, params?: t.Function, binds?: string): void {
    this.b.enterUnit({
      kind,
      name,
      loc: { line: this.start(node).line, column: this.start(node).column },
      ...(binds !== undefined && { binds }),
      ...(options !== undefined && { memoized: memoizedSummary(options), params: params ? paramShapes(params) : [] }),
    });
    body();
    this.b.exitUnit();
  }

  /** Runs `body` in the unit around the current one (a member's key, decorators). */
  private outer(body: () => void): void {
    this.b.enterOuterUnit();
    body();
    this.b.exitUnit();
  }

  private fn(node: t.Function): void {
    const b = this.b;
    const a = this.ancestors;
    const i = a.length - 1;
    if (node.type === "FunctionDeclaration" && node.id) {
      const container = a[i - 1];
      // Annex B applies to a plain function in a block (not a function body, script, module or namespace): the core checks strictness.
      const inBlock = !node.async && !node.generator && container.type !== "Program" && container.type !== "ExportNamedDeclaration" && container.type !== "ExportDefaultDeclaration" && container.type !== "TSModuleBlock";
      const flags = (inBlock ? SymbolFlag.BlockFunction : SymbolFlag.None) | (this.b.loops > 0 ? SymbolFlag.Repeats : SymbolFlag.None) | (container.type === "ExportNamedDeclaration" ? SymbolFlag.Exported : SymbolFlag.None);
      b.declare(node.id.name, "function", this.start(node.id), node.id, flags);
    }
    const named = node.type === "FunctionExpression" && node.id != null;
    if (named) {
      b.enter(ScopeKind.FunctionName);
      b.declare(node.id!.name, "function", this.start(node.id!), node.id);
    }
    const isMethod = node.type === "ObjectMethod" || node.type === "ClassMethod" || node.type === "ClassPrivateMethod";
    const kind: UnitKind = node.type === "ArrowFunctionExpression" ? "arrow" : isMethod ? methodKind(node.kind) : "function";
    this.unit(node, kind, unitName(a, i), this.memoized.get(node) ?? this.holderOptions(i), () => {
      if (isMethod) {
        this.outer(() => {
          for (const d of node.decorators ?? []) this.visit(d);
          if (node.computed) this.visit(node.key);
        });
      }
      const body = node.body;
      const strict = body.type === "BlockStatement" && hasUseStrict(body);
      const split = node.params.some(containsExpression);
      b.enter(ScopeKind.Function, (node.type === "ArrowFunctionExpression" ? ScopeFlag.Arrow : 0) | (split ? ScopeFlag.SplitParams : 0) | (strict ? ScopeFlag.Strict : 0));
      for (const param of node.params) this.declarePattern(param, "param");
      for (const param of node.params) {
        this.ancestors.push(param);
        const decorators = (param as { decorators?: t.Decorator[] | null }).decorators;
        // A parameter's decorators run in the enclosing unit.
        if (decorators?.length) this.outer(() => decorators.forEach((d) => this.visit(d)));
        this.patternExpressions(param.type === "TSParameterProperty" ? param.parameter : param);
        this.ancestors.pop();
      }
      if (split) b.enter(ScopeKind.Body);
      if (body.type === "BlockStatement") {
        this.ancestors.push(body);
        this.statements(body.body);
        this.ancestors.pop();
      } else this.visit(body);
      if (split) b.exit();
      b.exit();
    }, node, bindsName(node, a, i));
    if (named) b.exit();
  }

  /** The expressions inside a binding pattern: computed keys and defaults (its names are declarations, not references). */
  private patternExpressions(pattern: t.Node): void {
    switch (pattern.type) {
      case "ObjectPattern":
        this.ancestors.push(pattern);
        for (const p of pattern.properties) {
          this.ancestors.push(p);
          if (p.type === "RestElement") this.patternExpressions(p.argument);
          else {
            if (p.computed) this.visit(p.key);
            this.patternExpressions(p.value as t.Node);
          }
          this.ancestors.pop();
        }
        this.ancestors.pop();
        break;
      case "ArrayPattern":
        for (const e of pattern.elements) if (e) this.patternExpressions(e);
        break;
      case "AssignmentPattern":
        this.ancestors.push(pattern);
        this.patternExpressions(pattern.left);
        this.visit(pattern.right);
        this.ancestors.pop();
        break;
      case "RestElement":
        this.patternExpressions(pattern.argument);
        break;
    }
  }

  /** A tag may be keyed by the node that holds the function (`const f = …`, a field, a property). */
  private holderOptions(i: number): TagOptions | undefined {
    const { child, parent } = outside(this.ancestors, i);
    if (!parent || (parent as { key?: t.Node }).key === child) return undefined;
    if (parent.type === "VariableDeclarator" || parent.type === "ObjectProperty" || FIELDS.has(parent.type)) return this.memoized.get(parent);
    return undefined;
  }

  private klass(node: t.Class): void {
    const b = this.b;
    if (node.type === "ClassDeclaration" && node.id) {
      const exported = this.ancestors[this.ancestors.length - 2]?.type === "ExportNamedDeclaration" ? SymbolFlag.Exported : SymbolFlag.None;
      b.declare(node.id.name, "class", this.start(node.id), node.id, exported);
    }
    b.enter(ScopeKind.Class);
    if (node.id) b.declare(node.id.name, "class", this.start(node.id), node);
    for (const d of node.decorators ?? []) this.visit(d);
    this.visit(node.superClass);
    this.visit(node.body);
    b.exit();
  }

  private field(node: t.ClassProperty | t.ClassPrivateProperty | t.ClassAccessorProperty): void {
    for (const d of node.decorators ?? []) this.visit(d);
    if ((node as t.ClassProperty).computed) this.visit(node.key);
    const value = node.value;
    if (value == null) return;
    // A field holding a function: the function is what is memoized, not the initialiser around it.
    const options = FUNCTIONS.has(value.type) ? undefined : this.memoized.get(node);
    this.unit(node, "field", memberName(this.ancestors, this.ancestors.length - 1), options, () => this.visit(value));
  }

  // ---- TypeScript enums and namespaces ----

  /** `Exported` when the node being visited is the declaration of an `export` statement. */
  private exportedHere(): SymbolFlag {
    return this.ancestors[this.ancestors.length - 2]?.type === "ExportNamedDeclaration" ? SymbolFlag.Exported : SymbolFlag.None;
  }

  /** Enum and namespace declarations named `name` in the statement list `list` (grouped once per list). */
  private sameNamed(list: t.Node[] | undefined, name: string, node: t.Node): readonly t.Node[] {
    if (list === undefined) return [node];
    let byName = this.groups.get(list);
    if (byName === undefined) {
      this.groups.set(list, (byName = new Map()));
      for (const statement of list) {
        const d = statement.type === "ExportNamedDeclaration" && statement.declaration ? statement.declaration : statement;
        if ((d.type !== "TSEnumDeclaration" && d.type !== "TSModuleDeclaration") || d.id.type !== "Identifier") continue;
        const group = byName.get(d.id.name);
        if (group === undefined) byName.set(d.id.name, [d]);
        else group.push(d);
      }
    }
    return byName.get(name) ?? [];
  }

  private enumeration(node: t.TSEnumDeclaration, list: t.Node[] | undefined): void {
    const b = this.b;
    const name = node.id.name;
    b.declare(name, "enum", this.start(node.id), node.id, SymbolFlag.Merges | this.exportedHere());
    const names = new Set<string>();
    for (const other of this.sameNamed(list, name, node)) {
      if (other.type !== "TSEnumDeclaration" || other.declare === true) continue;
      for (const member of enumMembers(other)) names.add(member.id.type === "Identifier" ? member.id.name : (member.id as t.StringLiteral).value);
    }
    if (names.size > 0) b.enter(ScopeKind.Enum, ScopeFlag.None, { target: name, names });
    for (const member of enumMembers(node)) this.visit(member);
    if (names.size > 0) b.exit();
  }

  private namespace(node: t.TSModuleDeclaration, list: t.Node[] | undefined, inner: boolean): void {
    const b = this.b;
    const id = node.id.type === "Identifier" ? node.id : undefined;
    if (id && !inner) b.declare(id.name, "namespace", this.start(id), id, SymbolFlag.Merges | this.exportedHere());
    const body = node.body;
    if (body.type === "TSModuleDeclaration") {
      this.ancestors.push(body);
      this.namespace(body, undefined, true);
      this.ancestors.pop();
      return;
    }
    const names = new Set<string>();
    if (id && !inner) {
      for (const other of this.sameNamed(list, id.name, node)) {
        if (other === node || other.type !== "TSModuleDeclaration" || other.declare === true || other.body.type !== "TSModuleBlock") continue;
        for (const statement of other.body.body) exportedNames(statement, names);
      }
    }
    b.enter(ScopeKind.Namespace, ScopeFlag.None, names.size > 0 ? { target: id!.name, names } : undefined);
    this.ancestors.push(body);
    this.statements(body.body);
    this.ancestors.pop();
    b.exit();
  }
}

// ---- helpers ----

/** Babel's `isReferenced`: is an identifier at this place a use of a name (not a key, label, declaration…)? */
function isReferenced(node: t.Node, parent: t.Node, grandparent: t.Node | undefined): boolean {
  switch (parent.type) {
    case "MemberExpression":
    case "OptionalMemberExpression":
      return parent.property === node ? parent.computed : parent.object === node;
    case "JSXMemberExpression":
      return parent.object === node;
    case "VariableDeclarator":
      return parent.init === node;
    case "ArrowFunctionExpression":
      return parent.body === node;
    case "PrivateName":
    case "LabeledStatement":
    case "CatchClause":
    case "RestElement":
    case "BreakStatement":
    case "ContinueStatement":
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ExportNamespaceSpecifier":
    case "ExportDefaultSpecifier":
    case "ImportDefaultSpecifier":
    case "ImportNamespaceSpecifier":
    case "ImportSpecifier":
    case "ImportAttribute":
    case "JSXAttribute":
    case "ObjectPattern":
    case "ArrayPattern":
    case "MetaProperty":
      return false;
    case "ClassMethod":
    case "ClassPrivateMethod":
    case "ObjectMethod":
      return parent.key === node ? parent.computed === true : false;
    case "ObjectProperty":
      return parent.key === node ? parent.computed : grandparent?.type !== "ObjectPattern";
    case "ClassProperty":
    case "ClassAccessorProperty":
      return parent.key === node ? parent.computed : true;
    case "ClassPrivateProperty":
      return parent.key !== node;
    case "ClassDeclaration":
    case "ClassExpression":
      return parent.superClass === node;
    case "AssignmentExpression":
    case "AssignmentPattern":
      return parent.right === node;
    case "ExportSpecifier":
      return (grandparent as t.ExportNamedDeclaration | undefined)?.source ? false : parent.local === node;
    case "TSEnumMember":
      return parent.id !== node;
  }
  return true;
}

/** The identifiers a binding pattern binds. */
function patternIds(pattern: t.Node, out: t.Identifier[] = []): t.Identifier[] {
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternIds(p.type === "RestElement" ? p.argument : (p.value as t.Node), out);
      break;
    case "ArrayPattern":
      for (const e of pattern.elements) if (e) patternIds(e, out);
      break;
    case "AssignmentPattern":
      patternIds(pattern.left, out);
      break;
    case "RestElement":
      patternIds(pattern.argument, out);
      break;
  }
  return out;
}

/** ECMAScript's ContainsExpression of a parameter: a default or a computed key anywhere in it. */
function containsExpression(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  switch (node.type) {
    case "AssignmentPattern":
      return true;
    case "ObjectPattern":
      return node.properties.some((p) => (p.type === "RestElement" ? containsExpression(p.argument) : p.computed || containsExpression(p.value as t.Node)));
    case "ArrayPattern":
      return node.elements.some(containsExpression);
    case "RestElement":
      return containsExpression(node.argument);
    case "TSParameterProperty":
      return containsExpression(node.parameter);
    default:
      return false;
  }
}

/** A "use strict" directive at the top of a script or function body. */
function hasUseStrict(node: t.Program | t.BlockStatement): boolean {
  return (node.directives ?? []).some((d) => d.value.value === "use strict");
}

function methodKind(kind: string): UnitKind {
  return kind === "get" ? "getter" : kind === "set" ? "setter" : kind === "constructor" ? "constructor" : "method";
}

/** An enum's members (Babel 8 holds them in a `TSEnumBody`). */
function enumMembers(node: t.TSEnumDeclaration): t.TSEnumMember[] {
  return node.members ?? (node as unknown as { body: { members: t.TSEnumMember[] } }).body.members;
}

/** The value names a statement of a namespace body exports (not ambient ones). */
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
      for (const declarator of d.declarations) for (const id of patternIds(declarator.id)) out.add(id.name);
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
      else if (property.type === "PrivateName") parts.push(`#${property.id.name}`);
      else return undefined;
      node = node.object;
    } else if (node.type === "Identifier") {
      parts.push(node.name);
      return parts.reverse();
    } else if (node.type === "ThisExpression" || node.type === "Super") {
      // `this.m()`, `super.m()`: the whole-program summary follows (or lists) them; keyword roots resolve to nothing.
      parts.push(node.type === "ThisExpression" ? "this" : "super");
      return parts.reverse();
    } else if (node.type === "Import" && parts.length === 0) return ["import"];
    else return undefined;
  }
}

/**
 * The binding a call by name runs this function through (UnitFact.binds): a declaration's name (`default`
 * for an anonymous `export default function`), or the `const f =` / `export default` the function or
 * arrow is the value of.
 */
function bindsName(node: t.Function, ancestors: readonly t.Node[], i: number): string | undefined {
  if (node.type === "FunctionDeclaration") return node.id ? node.id.name : "default";
  if (node.type !== "FunctionExpression" && node.type !== "ArrowFunctionExpression") return undefined;
  const { child, parent } = outside(ancestors, i);
  if (parent?.type === "VariableDeclarator") return parent.init === child && parent.id.type === "Identifier" ? parent.id.name : undefined;
  return parent?.type === "ExportDefaultDeclaration" ? "default" : undefined;
}
