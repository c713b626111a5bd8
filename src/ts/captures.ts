import type * as TS from "typescript";
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
  type Position,
  type TagOptions,
  type UnitKind,
} from "../core";
import { babelStart, keyName } from "./resolve-target";

/**
 * Step "collect reference facts" of the TypeScript path: the same AST-neutral facts as
 * src/babel/captures.ts, read from TypeScript's tree of the ORIGINAL source file, then classified by
 * the core. The report must equal the Babel path's for the same source, so this collector does not
 * use TypeScript's binder (whose rules differ from ECMAScript in other places than Babel's): it keeps
 * a scope model shaped like Babel's scope tracker (same scopes, same "first declaration wins"
 * registration, same `arguments` lookup) and applies the same patches, in the same order, as the
 * Babel collector (see its header):
 *
 * 1. parameter lists with expressions get their own environment (a body `var` is a second binding);
 * 2. `arguments` in a parameter default is the function's own; unbound `arguments` is lexical in arrows;
 * 3. Annex B block functions in sloppy scripts also bind a `var` in the enclosing function (a simple
 *    catch parameter is no obstacle; a parameter list with expressions does not see it);
 * 4. a named function expression's name lives between the function and its surroundings (a body
 *    `var`, an Annex B one too, shadows it);
 * 5. a class body sees an inner, immutable binding of the class name;
 * 6. per-iteration `var` initialisers, `for (var … of/in …)` heads and redeclarations reassign;
 * 7. type positions, type-only imports, interfaces, type aliases, overload signatures and ambient
 *    (`declare`) declarations are skipped; enums and namespaces are bindings;
 * 9. in an enum's member initialisers, the members of every declaration of that enum in the same
 *    statement list, and in a namespace body, the names other declarations of that namespace in the
 *    same statement list export, stand for the enum or namespace (`E.A`, `N.a`), unless a binding
 *    inside the initialiser or body comes first (decided after the walk, when scopes are complete).
 *
 * One walk over the tree records declarations into scopes and queues every reference, call and
 * declarator in traversal order; they are resolved after the walk, when every scope is complete
 * (hoisting), so the work is linear in the size of the file times the scope depth.
 */

type Memoized = ReadonlyMap<TS.Node, TagOptions>;

/** Babel's binding kinds, which decide the lookup rules. */
type BabelKind = "param" | "var" | "let" | "const" | "hoisted" | "module" | "local" | "unknown";

interface Scope {
  node: TS.Node;
  parent: View | undefined;
  bindings: Map<string, Binding>;
  /** Unit in force where the scope's node starts. */
  unit: number;
  /** Babel's FunctionParent (functions, static blocks, namespace bodies): where `var` goes. */
  functionParent: boolean;
  /** A function (not a static block or namespace body); `arrow` for arrows. */
  fn?: TS.SignatureDeclaration;
  arrow: boolean;
  /** Babel's class scope (a class's own name lives here). */
  isClass: boolean;
  split?: boolean;
}

/** A scope as seen from a position: from a function's parameter list, or from anywhere else. */
interface View {
  scope: Scope;
  fromParams: boolean;
}

interface Binding {
  name: string;
  babel: BabelKind;
  kind: BindingKind;
  scope: Scope;
  identifier: TS.Node;
  /** A named function expression's own name (Babel kind `local` on a FunctionExpression). */
  fnExpressionName: boolean;
  /** The inner binding of a class declaration's name. */
  innerClass: boolean;
  /** Later `var` declarators and function declarations of the same name in the same scope (Babel's constant violations). */
  redeclared?: Array<{ identifier: TS.Node; isVar: boolean }>;
  id?: number;
  shadow?: number | null;
}

type WriteMode = "write" | "readwrite";

/** Rule 9: an enum or namespace body whose merged names are in scope (see the Babel collector's MergedNames). */
interface MergedNames {
  name: string;
  names: ReadonlySet<string>;
  /** Enums and namespaces the namespace body declares, which come first. */
  own: ReadonlySet<string>;
  boundary: Scope;
  inclusive: boolean;
  /** Where the enum or namespace name is looked up. */
  declView: View;
}

/** Work queued during the walk and resolved after it, in traversal order. */
type Pending =
  | { type: "reference"; view: View; name: string; node: TS.Node; mode: WriteMode | undefined; unit: number; merged?: MergedNames[] }
  | { type: "call"; view: View; chain: string[]; direct: boolean; isNew: boolean; argCount: number; at: Position; unit: number }
  | { type: "declarator"; view: View; names: Array<[string, TS.Node]>; always: boolean }
  | { type: "annexB"; view: View; id: TS.Identifier; looped: boolean }
  | { type: "extra"; view: View; id: TS.Identifier; kind: "enum" | "namespace" };

interface Frame {
  unit: number;
  loops: number;
}

/** Collects the facts of a source file and classifies them: the file's part of the report. */
export function analyzeSourceFile(ts: typeof TS, sf: TS.SourceFile, memoized: Memoized): FileReport {
  return classify(collectFacts(ts, sf, memoized));
}

/** The facts of one source file. */
export function collectFacts(ts: typeof TS, sf: TS.SourceFile, memoized: Memoized): FileFacts {
  return new Collector(ts, sf, memoized).run();
}

class Collector {
  private readonly facts = emptyFacts();
  private readonly frames: Frame[] = [{ unit: MODULE, loops: 0 }];
  private view!: View;
  private readonly pending: Pending[] = [];
  private readonly writeTargets = new Map<TS.Node, WriteMode>();
  private readonly declaring: TS.Node[] = [];
  private readonly innerClassIds = new Map<Scope, number>();
  /** Bindings Babel does not register (enums, namespaces, Annex B vars), by scope and name. */
  private readonly extras = new Map<Scope, Map<string, number>>();
  private readonly extraNames = new Set<string>();
  private readonly refViews: View[] = [];
  private readonly refStops: (Scope | null)[] = [];
  private withDepth = 0;
  /** Rule 9: enums and namespace bodies being visited, innermost last. */
  private readonly merged: MergedNames[] = [];
  /** Rule 9: enum and namespace declarations by statement list and name. */
  private readonly declarationGroups = new Map<TS.Node, Map<string, TS.Statement[]>>();
  private readonly module: boolean;
  private readonly K: typeof TS.SyntaxKind;

  constructor(
    private readonly ts: typeof TS,
    private readonly sf: TS.SourceFile,
    private readonly memoized: Memoized,
  ) {
    this.K = ts.SyntaxKind;
    this.module = sf.statements.some(
      (s) =>
        ts.isImportDeclaration(s) ||
        ts.isExportDeclaration(s) ||
        ts.isExportAssignment(s) ||
        (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
    );
  }

  run(): FileFacts {
    const program = this.newScope(this.sf, { functionParent: true });
    this.view = { scope: program, fromParams: false };
    for (const statement of this.sf.statements) this.visit(statement);
    this.settle();
    return this.facts;
  }

  // ---- positions, frames, scopes ----

  private start(node: TS.Node): Position {
    const { line, character } = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf));
    return { line: line + 1, column: character };
  }

  private get unit(): number {
    return this.frames[this.frames.length - 1].unit;
  }

  private newScope(node: TS.Node, flags: Partial<Pick<Scope, "functionParent" | "fn" | "arrow" | "isClass">> = {}): Scope {
    return {
      node,
      parent: this.view,
      bindings: new Map(),
      unit: this.unit,
      functionParent: flags.functionParent ?? false,
      fn: flags.fn,
      arrow: flags.arrow ?? false,
      isClass: flags.isClass ?? false,
    };
  }

  /** Runs `body` with `view` as the current scope view. */
  private within(view: View, body: () => void): void {
    const saved = this.view;
    this.view = view;
    body();
    this.view = saved;
  }

  /** Runs `body` in a frame of the given unit (a member's key and decorators run in the enclosing unit). */
  private inFrame(unit: number, body: () => void): void {
    this.frames.push({ unit, loops: 0 });
    body();
    this.frames.pop();
  }

  /** Babel's getBlockParent: the nearest scope that is not a class scope. */
  private blockParent(view: View = this.view): Scope {
    let s: View | undefined = view;
    while (s && s.scope.isClass) s = s.scope.parent;
    return (s ?? view).scope;
  }

  private functionParent(view: View = this.view): Scope {
    let s: View | undefined = view;
    let last = view.scope;
    for (; s; s = s.scope.parent) {
      last = s.scope;
      if (s.scope.functionParent) return s.scope;
    }
    return last;
  }

  /** Registers a binding Babel's way: the first declaration of a name in a scope wins, later ones are redeclarations. */
  private register(scope: Scope, id: TS.Identifier, babel: BabelKind, kind: BindingKind, extra: Partial<Binding> = {}): void {
    const name = id.text;
    const existing = scope.bindings.get(name);
    if (existing !== undefined) {
      // Babel keeps the first binding and records the later declaration as a constant violation.
      if (existing.identifier !== id && (babel === "var" || babel === "hoisted")) (existing.redeclared ??= []).push({ identifier: id, isVar: babel === "var" });
      return;
    }
    scope.bindings.set(name, { name, babel, kind, scope, identifier: id, fnExpressionName: false, innerClass: false, ...extra });
  }

  /** Identifiers a binding pattern declares, in order. */
  private bindingIds(name: TS.BindingName, out: TS.Identifier[] = []): TS.Identifier[] {
    const ts = this.ts;
    if (ts.isIdentifier(name)) out.push(name);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) this.bindingIds(element.name, out);
    return out;
  }

  // ---- the walk ----

  private hasModifier(node: TS.Node, kind: TS.SyntaxKind): boolean {
    const ts = this.ts;
    return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
  }

  /** Subtrees that hold no value code: types, type-only declarations, overload signatures, ambient declarations. */
  private isTypeOnly(node: TS.Node): boolean {
    const ts = this.ts;
    const K = this.K;
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return true;
    switch (node.kind) {
      case K.TypeParameter:
      case K.InterfaceDeclaration:
      case K.TypeAliasDeclaration:
      case K.IndexSignature:
      case K.SemicolonClassElement:
        return true;
      case K.FunctionDeclaration:
      case K.MethodDeclaration:
      case K.GetAccessor:
      case K.SetAccessor:
      case K.Constructor:
        if ((node as TS.FunctionLikeDeclaration).body === undefined) return true;
        break;
      case K.ImportDeclaration:
        if ((node as TS.ImportDeclaration).importClause?.isTypeOnly) return true;
        break;
      case K.ExportDeclaration:
        return true; // `export { … }` lists only read bindings at module level
      case K.HeritageClause:
        return (node as TS.HeritageClause).token === K.ImplementsKeyword;
    }
    return this.hasModifier(node, K.DeclareKeyword);
  }

  private visit = (node: TS.Node): void => {
    if (this.isTypeOnly(node)) return;
    const ts = this.ts;
    const K = this.K;
    switch (node.kind) {
      case K.Identifier:
        this.identifier(node as TS.Identifier);
        return;
      case K.ThisKeyword:
        if (!isJsxTagName(ts, node)) this.lexical("this");
        return;
      case K.SuperKeyword:
        this.lexical("super");
        return;
      case K.MetaProperty: {
        const meta = node as TS.MetaProperty;
        if (meta.keywordToken === K.NewKeyword && meta.name.text === "target") this.lexical("new.target");
        return;
      }
      case K.BinaryExpression: {
        const binary = node as TS.BinaryExpression;
        const op = binary.operatorToken.kind;
        if (op >= K.FirstAssignment && op <= K.LastAssignment) this.markTargets(binary.left, op === K.EqualsToken ? "write" : "readwrite");
        break;
      }
      case K.PrefixUnaryExpression:
      case K.PostfixUnaryExpression: {
        const unary = node as TS.PrefixUnaryExpression;
        if (unary.operator === K.PlusPlusToken || unary.operator === K.MinusMinusToken) this.markTargets(unary.operand, "readwrite");
        break;
      }
      case K.CallExpression:
      case K.NewExpression:
        this.call(node as TS.CallExpression | TS.NewExpression);
        break;
      case K.WithStatement: {
        const w = node as TS.WithStatement;
        this.facts.dynamic.push({ unit: this.unit, kind: "with", at: this.start(node) });
        this.visit(w.expression);
        this.withDepth++;
        this.visit(w.statement);
        this.withDepth--;
        return;
      }
      case K.VariableStatement:
        this.visit((node as TS.VariableStatement).declarationList);
        return;
      case K.VariableDeclarationList:
        this.declarationList(node as TS.VariableDeclarationList);
        return;
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.ArrowFunction:
      case K.MethodDeclaration:
      case K.GetAccessor:
      case K.SetAccessor:
      case K.Constructor:
        this.fn(node as TS.FunctionLikeDeclaration);
        return;
      case K.ClassDeclaration:
      case K.ClassExpression:
        this.klass(node as TS.ClassLikeDeclaration);
        return;
      case K.PropertyDeclaration:
        this.field(node as TS.PropertyDeclaration);
        return;
      case K.ClassStaticBlockDeclaration:
        this.staticBlock(node as TS.ClassStaticBlockDeclaration);
        return;
      case K.Block:
        this.block(node as TS.Block);
        return;
      case K.CatchClause:
        this.catchClause(node as TS.CatchClause);
        return;
      case K.ForStatement:
      case K.ForInStatement:
      case K.ForOfStatement:
        this.forStatement(node as TS.ForStatement | TS.ForInOrOfStatement);
        return;
      case K.WhileStatement:
      case K.DoStatement:
        this.frames[this.frames.length - 1].loops++;
        ts.forEachChild(node, this.visit);
        this.frames[this.frames.length - 1].loops--;
        return;
      case K.SwitchStatement: {
        const scope = this.newScope(node);
        this.within({ scope, fromParams: false }, () => ts.forEachChild(node, this.visit));
        return;
      }
      case K.ModuleDeclaration:
        this.namespace(node as TS.ModuleDeclaration);
        return;
      case K.EnumDeclaration: {
        const e = node as TS.EnumDeclaration;
        this.pending.push({ type: "extra", view: this.view, id: e.name, kind: "enum" });
        const names = new Set<string>();
        for (const other of this.sameNamed(e)) {
          if (!ts.isEnumDeclaration(other) || other.name.text !== e.name.text || this.hasModifier(other, K.DeclareKeyword)) continue;
          for (const member of other.members) if (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) names.add(member.name.text);
        }
        if (names.size > 0) this.merged.push({ name: e.name.text, names, own: new Set(), boundary: this.view.scope, inclusive: false, declView: this.view });
        for (const member of e.members) if (member.initializer) this.visit(member.initializer);
        if (names.size > 0) this.merged.pop();
        return;
      }
      case K.ImportDeclaration:
        this.importDeclaration(node as TS.ImportDeclaration);
        return;
      case K.ImportEqualsDeclaration: {
        const i = node as TS.ImportEqualsDeclaration;
        if (!i.isTypeOnly) this.register(this.blockParent(), i.name, "unknown", "import");
        return;
      }
      case K.ExpressionWithTypeArguments:
        this.visit((node as TS.ExpressionWithTypeArguments).expression);
        return;
      case K.JsxOpeningElement:
      case K.JsxSelfClosingElement:
      case K.JsxClosingElement:
        this.jsxTag((node as TS.JsxOpeningElement).tagName);
        if (!ts.isJsxClosingElement(node)) this.visit((node as TS.JsxOpeningElement).attributes);
        return;
      case K.JsxAttribute: {
        const a = node as TS.JsxAttribute;
        if (ts.isJsxNamespacedName(a.name)) this.jsxTag(a.name);
        if (a.initializer) this.visit(a.initializer);
        return;
      }
      case K.LabeledStatement:
        this.visit((node as TS.LabeledStatement).statement);
        return;
      case K.BreakStatement:
      case K.ContinueStatement:
        return;
      case K.PropertyAccessExpression:
        this.visit((node as TS.PropertyAccessExpression).expression);
        return;
      case K.QualifiedName:
        return;
    }
    ts.forEachChild(node, this.visit);
  };

  private lexical(keyword: LexicalKeyword): void {
    if (this.unit !== MODULE) this.facts.lexical.push({ unit: this.unit, keyword });
  }

  private identifier(node: TS.Identifier): void {
    const mode = this.writeTargets.get(node);
    if (mode === undefined && (this.unit === MODULE || !isReferenced(this.ts, node))) return;
    this.pending.push({ type: "reference", view: this.view, name: node.text, node, mode, unit: this.unit, ...(this.merged.length > 0 && { merged: this.merged.slice() }) });
  }

  /** A JSX tag name: capitalised names and member roots are references, intrinsic (lowercase) names are not. */
  private jsxTag(name: TS.JsxTagNameExpression | TS.JsxNamespacedName): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) {
      if (!/^[a-z]/.test(name.text) && this.unit !== MODULE) this.pending.push({ type: "reference", view: this.view, name: name.text, node: name, mode: undefined, unit: this.unit });
    } else if (ts.isJsxNamespacedName(name)) {
      this.jsxTag(name.namespace);
      this.jsxTag(name.name);
    } else if (ts.isPropertyAccessExpression(name)) {
      this.visit(name.expression);
    }
  }

  /** Marks the identifiers an assignment target writes (not member expressions: those read their object). */
  private markTargets(target: TS.Node | undefined, mode: WriteMode): void {
    if (!target) return;
    const ts = this.ts;
    if (ts.isIdentifier(target)) this.writeTargets.set(target, mode);
    else if (ts.isObjectLiteralExpression(target)) {
      for (const property of target.properties) {
        if (ts.isShorthandPropertyAssignment(property)) this.markTargets(property.name, mode);
        else if (ts.isPropertyAssignment(property)) this.markTargets(property.initializer, mode);
        else if (ts.isSpreadAssignment(property)) this.markTargets(property.expression, mode);
      }
    } else if (ts.isArrayLiteralExpression(target)) {
      for (const element of target.elements) this.markTargets(element, mode);
    } else if (ts.isBinaryExpression(target) && target.operatorToken.kind === this.K.EqualsToken) {
      this.markTargets(target.left, mode);
    } else if (ts.isSpreadElement(target)) {
      this.markTargets(target.expression, mode);
    } else if (ts.isParenthesizedExpression(target) || ts.isAsExpression(target) || ts.isSatisfiesExpression(target) || ts.isNonNullExpression(target) || ts.isTypeAssertionExpression(target)) {
      this.markTargets(target.expression, mode);
    }
  }

  // ---- declarations ----

  private declarationList(list: TS.VariableDeclarationList): void {
    const ts = this.ts;
    const flags = list.flags;
    const isVar = (flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using)) === 0;
    const kind: BindingKind = flags & ts.NodeFlags.Let ? "let" : isVar ? "var" : "const";
    const target = isVar ? this.functionParent() : this.blockParent();
    const head = list.parent;
    const perIteration = (ts.isForInStatement(head) || ts.isForOfStatement(head)) && head.initializer === list;
    const forInit = ts.isForStatement(head) && head.initializer === list;
    for (const declaration of list.declarations) {
      const ids = this.bindingIds(declaration.name);
      for (const id of ids) this.register(target, id, isVar ? "var" : kind === "let" ? "let" : "const", kind);
      if (isVar && (declaration.initializer !== undefined || perIteration)) {
        const loops = this.frames[this.frames.length - 1].loops - (forInit ? 1 : 0);
        this.pending.push({ type: "declarator", view: this.view, names: ids.map((id) => [id.text, id]), always: perIteration || loops > 0 });
      }
      this.bindingName(declaration.name);
      if (declaration.initializer) this.visit(declaration.initializer);
    }
  }

  /** Visits the expressions inside a binding pattern (computed keys, defaults). */
  private bindingName(name: TS.BindingName): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) return;
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      if (element.propertyName && ts.isComputedPropertyName(element.propertyName)) this.visit(element.propertyName.expression);
      this.bindingName(element.name);
      if (element.initializer) this.visit(element.initializer);
    }
  }

  private importDeclaration(node: TS.ImportDeclaration): void {
    const clause = node.importClause;
    if (!clause) return;
    const scope = this.blockParent();
    if (clause.name) this.register(scope, clause.name, "module", "import");
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (this.ts.isNamespaceImport(bindings)) this.register(scope, bindings.name, "module", "import");
    else for (const specifier of bindings.elements) if (!specifier.isTypeOnly) this.register(scope, specifier.name, "module", "import");
  }

  private namespace(node: TS.ModuleDeclaration): void {
    const ts = this.ts;
    if (ts.isIdentifier(node.name) && !ts.isModuleDeclaration(node.parent)) this.pending.push({ type: "extra", view: this.view, id: node.name, kind: "namespace" });
    const body = node.body;
    if (!body) return;
    if (ts.isModuleDeclaration(body)) {
      this.namespace(body);
      return;
    }
    const scope = this.newScope(body, { functionParent: true });
    const names = new Set<string>();
    if (ts.isIdentifier(node.name) && !ts.isModuleDeclaration(node.parent)) {
      for (const other of this.sameNamed(node)) {
        if (other === node || !ts.isModuleDeclaration(other) || !ts.isIdentifier(other.name) || other.name.text !== node.name.text) continue;
        if (this.hasModifier(other, this.K.DeclareKeyword) || other.body === undefined || !ts.isModuleBlock(other.body)) continue;
        for (const statement of other.body.statements) this.exportedNames(statement, names);
      }
    }
    if (names.size > 0) {
      const own = new Set<string>();
      for (const statement of (body as TS.ModuleBlock).statements) {
        if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name) && !this.hasModifier(statement, this.K.DeclareKeyword)) own.add(statement.name.text);
      }
      this.merged.push({ name: (node.name as TS.Identifier).text, names, own, boundary: scope, inclusive: true, declView: this.view });
    }
    this.within({ scope, fromParams: false }, () => ts.forEachChild(body, this.visit));
    if (names.size > 0) this.merged.pop();
  }

  /** The enums and namespaces named like `node` in the statement list holding it (one pass per list: linear). */
  private sameNamed(node: TS.EnumDeclaration | TS.ModuleDeclaration): readonly TS.Statement[] {
    const ts = this.ts;
    const parent = node.parent;
    if (!(ts.isSourceFile(parent) || ts.isBlock(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent))) return [node];
    let byName = this.declarationGroups.get(parent);
    if (byName === undefined) {
      this.declarationGroups.set(parent, (byName = new Map()));
      for (const statement of parent.statements) {
        if ((!ts.isEnumDeclaration(statement) && !ts.isModuleDeclaration(statement)) || !ts.isIdentifier(statement.name)) continue;
        const group = byName.get(statement.name.text);
        if (group === undefined) byName.set(statement.name.text, [statement]);
        else group.push(statement);
      }
    }
    return byName.get((node.name as TS.Identifier).text) ?? [];
  }

  /** Rule 9: the value names a statement of a namespace body exports (not ambient ones). */
  private exportedNames(statement: TS.Statement, out: Set<string>): void {
    const ts = this.ts;
    const K = this.K;
    if (!this.hasModifier(statement, K.ExportKeyword) || this.hasModifier(statement, K.DeclareKeyword)) return;
    if (ts.isImportEqualsDeclaration(statement)) {
      if (!statement.isTypeOnly) out.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) for (const id of this.bindingIds(declaration.name)) out.add(id.text);
    } else if (ts.isFunctionDeclaration(statement)) {
      if (statement.name && statement.body !== undefined) out.add(statement.name.text);
    } else if (ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      if (statement.name) out.add(statement.name.text);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      out.add(statement.name.text);
    }
  }

  /** Rule 9: the enum or namespace a name stands for from `view`, unless a binding inside it comes first. */
  private mergedTarget(view: View, name: string, merged: readonly MergedNames[]): MergedNames | undefined {
    const bound = (scope: Scope) => scope.bindings.has(name) || this.extras.get(scope)?.has(name) === true;
    let v: View | undefined = view;
    for (let i = merged.length - 1; i >= 0; i--) {
      const context = merged[i];
      for (; v && v.scope !== context.boundary; v = v.scope.parent) if (bound(v.scope)) return undefined;
      if (v === undefined) return undefined;
      if (context.inclusive) {
        if (bound(v.scope) || context.own.has(name)) return undefined;
        v = v.scope.parent;
      }
      if (context.names.has(name)) return context;
    }
    return undefined;
  }

  // ---- units ----

  private pushUnit(node: TS.Node, kind: UnitKind, name: string, memo: TS.Node | undefined): number {
    const id = this.facts.units.length;
    const options = memo === undefined ? undefined : this.memoized.get(memo);
    const loc = this.ts.isFunctionDeclaration(node) ? this.position(babelStart(this.ts, this.sf, node)) : this.start(node);
    this.facts.units.push({
      kind,
      name,
      loc,
      parent: this.unit,
      ...(options !== undefined && { memoized: memoizedSummary(options), params: paramShapes(this.ts, memo as TS.SignatureDeclaration) }),
    });
    if (this.withDepth > 0) this.facts.dynamic.push({ unit: id, kind: "with", at: loc });
    this.frames.push({ unit: id, loops: 0 });
    return id;
  }

  private position(offset: number): Position {
    const { line, character } = this.sf.getLineAndCharacterOfPosition(offset);
    return { line: line + 1, column: character };
  }

  private fn(node: TS.FunctionLikeDeclaration): void {
    const ts = this.ts;
    const isMethod = ts.isMethodDeclaration(node) || ts.isAccessor(node) || ts.isConstructorDeclaration(node);
    if (ts.isFunctionDeclaration(node)) {
      if (node.name) this.register(this.blockParent(), node.name, "hoisted", "function");
      this.annexB(node);
    }
    const kind: UnitKind = ts.isArrowFunction(node)
      ? "arrow"
      : ts.isGetAccessor(node)
        ? "getter"
        : ts.isSetAccessor(node)
          ? "setter"
          : ts.isConstructorDeclaration(node)
            ? "constructor"
            : ts.isMethodDeclaration(node)
              ? "method"
              : "function";
    const unit = this.pushUnit(node, kind, unitName(ts, node), node);
    if (isMethod) {
      // A method's decorators and computed key run in the enclosing unit and scope.
      this.inFrame(this.facts.units[unit].parent, () => {
        for (const decorator of ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []) this.visit(decorator);
        if (node.name && ts.isComputedPropertyName(node.name)) this.visit(node.name.expression);
      });
    }
    const scope = this.newScope(node, { functionParent: true, fn: node, arrow: ts.isArrowFunction(node) });
    for (const parameter of node.parameters) {
      if (ts.isIdentifier(parameter.name) && parameter.name.text === "this") continue;
      for (const id of this.bindingIds(parameter.name)) this.register(scope, id, "param", "param");
    }
    if (ts.isFunctionExpression(node) && node.name) this.register(scope, node.name, "local", "function", { fnExpressionName: true });
    this.within({ scope, fromParams: true }, () => {
      for (const parameter of node.parameters) {
        const decorators = ts.getDecorators(parameter) ?? [];
        if (decorators.length) this.inFrame(this.facts.units[unit].parent, () => decorators.forEach(this.visit));
        this.bindingName(parameter.name);
        if (parameter.initializer) this.visit(parameter.initializer);
      }
    });
    this.within({ scope, fromParams: false }, () => {
      const body = node.body;
      if (body === undefined) return;
      if (ts.isBlock(body)) body.statements.forEach(this.visit);
      else this.visit(body);
    });
    this.frames.pop();
  }

  private klass(node: TS.ClassLikeDeclaration): void {
    const ts = this.ts;
    if (ts.isClassDeclaration(node) && node.name) this.register(this.blockParent(), node.name, "let", "class");
    const scope = this.newScope(node, { isClass: true });
    if (node.name) this.register(scope, node.name, "local", "class", { innerClass: ts.isClassDeclaration(node) });
    this.within({ scope, fromParams: false }, () => {
      for (const decorator of ts.getDecorators(node) ?? []) this.visit(decorator);
      for (const clause of node.heritageClauses ?? []) this.visit(clause);
      for (const member of node.members) this.visit(member);
    });
  }

  private field(node: TS.PropertyDeclaration): void {
    const ts = this.ts;
    for (const decorator of ts.getDecorators(node) ?? []) this.visit(decorator);
    if (ts.isComputedPropertyName(node.name)) this.visit(node.name.expression);
    if (!node.initializer) return;
    this.pushUnit(node, "field", memberName(ts, node), undefined);
    this.visit(node.initializer);
    this.frames.pop();
  }

  private staticBlock(node: TS.ClassStaticBlockDeclaration): void {
    this.pushUnit(node, "static-block", memberName(this.ts, node), undefined);
    const scope = this.newScope(node, { functionParent: true });
    this.within({ scope, fromParams: false }, () => node.body.statements.forEach(this.visit));
    this.frames.pop();
  }

  private block(node: TS.Block): void {
    const scope = this.newScope(node);
    this.within({ scope, fromParams: false }, () => node.statements.forEach(this.visit));
  }

  private catchClause(node: TS.CatchClause): void {
    const scope = this.newScope(node);
    this.within({ scope, fromParams: false }, () => {
      const declaration = node.variableDeclaration;
      if (declaration) {
        for (const id of this.bindingIds(declaration.name)) this.register(scope, id, "let", "catch");
        this.bindingName(declaration.name);
      }
      node.block.statements.forEach(this.visit);
    });
  }

  private forStatement(node: TS.ForStatement | TS.ForInOrOfStatement): void {
    const ts = this.ts;
    if (!ts.isForStatement(node) && node.initializer && !ts.isVariableDeclarationList(node.initializer)) this.markTargets(node.initializer, "write");
    const frame = this.frames[this.frames.length - 1];
    frame.loops++;
    const scope = this.newScope(node);
    this.within({ scope, fromParams: false }, () => ts.forEachChild(node, this.visit));
    frame.loops--;
  }

  // ---- calls ----

  private call(node: TS.CallExpression | TS.NewExpression): void {
    const ts = this.ts;
    const callee = node.expression;
    const isEvalName = ts.isIdentifier(callee) && callee.text === "eval";
    if (this.unit === MODULE && !isEvalName) return;
    const chain = calleeChain(ts, callee);
    if (chain === undefined) return;
    const direct = ts.isCallExpression(node) && (node.flags & ts.NodeFlags.OptionalChain) === 0;
    this.pending.push({ type: "call", view: this.view, chain, direct, isNew: ts.isNewExpression(node), argCount: node.arguments?.length ?? 0, at: this.start(node), unit: this.unit });
  }

  // ---- Annex B and strictness ----

  private annexB(node: TS.FunctionDeclaration): void {
    const ts = this.ts;
    if (!node.name || node.asteriskToken || this.hasModifier(node, this.K.AsyncKeyword)) return;
    const container = node.parent;
    if (ts.isSourceFile(container) || ts.isModuleBlock(container)) return;
    if (ts.isBlock(container) && (ts.isFunctionLike(container.parent) || ts.isClassStaticBlockDeclaration(container.parent))) return;
    if (this.module || isStrict(ts, node)) return;
    this.pending.push({ type: "annexB", view: this.view, id: node.name, looped: this.frames[this.frames.length - 1].loops > 0 });
  }

  // ---- resolution, after the walk ----

  /** Babel's getBinding: the nearest own binding; `arguments` stops at the nearest non-arrow function. */
  private lookup(view: View | undefined, name: string): { binding: Binding; fromParams: boolean } | undefined {
    for (let v = view; v; v = v.scope.parent) {
      const binding = v.scope.bindings.get(name);
      if (binding) return { binding, fromParams: v.fromParams };
      if (name === "arguments" && v.scope.fn && !v.scope.arrow) return undefined;
    }
    return undefined;
  }

  private resolve(view: View, name: string): { id: number | null; stop: Scope | null } {
    let found = this.lookup(view, name);
    while (found !== undefined) {
      const { binding, fromParams } = found;
      const scope = binding.scope;
      const split = scope.fn !== undefined && this.hasParamExpressions(scope);
      const paramLike = binding.babel === "param" || binding.babel === "local";
      if (split && fromParams && !paramLike) {
        found = this.lookup(scope.parent, name);
        continue;
      }
      if ((split && !fromParams && paramLike && !binding.innerClass) || (!split && binding.fnExpressionName)) {
        const shadow = this.bodyShadow(binding);
        if (shadow !== null) return { id: shadow, stop: scope };
        // A function expression's name lives outside the function's body, so an Annex B var of the
        // body shadows it too: let the search for such vars include the body.
        if (binding.fnExpressionName) return { id: this.bindingId(binding), stop: scope.parent?.scope ?? null };
      }
      return { id: this.bindingId(binding), stop: scope };
    }
    return { id: null, stop: null };
  }

  private bindingId(binding: Binding): number {
    if (binding.id !== undefined) return binding.id;
    let unit = binding.scope.unit;
    // A function expression's own name lives just outside it.
    if (binding.fnExpressionName) unit = unit === MODULE ? MODULE : this.facts.units[unit].parent;
    binding.id = this.addBinding({ name: binding.name, kind: binding.kind, unit, declared: this.start(binding.identifier), reassigned: false }, binding.identifier);
    return binding.id;
  }

  private addBinding(fact: BindingFact, declaring: TS.Node): number {
    const id = this.facts.bindings.length;
    this.facts.bindings.push(fact);
    this.declaring.push(declaring);
    return id;
  }

  /** A body `var` or function declaration that ECMAScript binds separately from a parameter or a function expression's name. */
  private bodyShadow(binding: Binding): number | null {
    if (binding.shadow !== undefined) return binding.shadow;
    const first = binding.redeclared?.[0];
    binding.shadow = first === undefined ? null : this.addBinding({ name: binding.name, kind: first.isVar ? "var" : "function", unit: binding.scope.unit, declared: this.start(first.identifier), reassigned: false }, first.identifier);
    return binding.shadow;
  }

  private hasParamExpressions(scope: Scope): boolean {
    if (scope.split !== undefined) return scope.split;
    const ts = this.ts;
    const contains = (name: TS.BindingName): boolean =>
      !ts.isIdentifier(name) &&
      name.elements.some((e) => !ts.isOmittedExpression(e) && (e.initializer !== undefined || (e.propertyName !== undefined && ts.isComputedPropertyName(e.propertyName)) || contains(e.name)));
    scope.split = scope.fn!.parameters.some((p) => p.initializer !== undefined || contains(p.name));
    return scope.split;
  }

  private addExtra(scope: Scope, id: TS.Identifier, kind: BindingKind, reassigned: boolean): void {
    let names = this.extras.get(scope);
    if (names === undefined) this.extras.set(scope, (names = new Map()));
    const existing = names.get(id.text);
    if (existing !== undefined) {
      if (kind === "var" || reassigned) this.facts.bindings[existing].reassigned = true;
      return;
    }
    names.set(id.text, this.addBinding({ name: id.text, kind, unit: scope.unit, declared: this.start(id), reassigned }, id));
    this.extraNames.add(id.text);
  }

  /** Resolves the queued work in traversal order, then the names enums, namespaces and Annex B vars declare. */
  private settle(): void {
    for (const item of this.pending) {
      switch (item.type) {
        case "reference": {
          const target = item.merged && this.mergedTarget(item.view, item.name, item.merged);
          if (target) {
            // A write of `a` is a write of the property `N.a`: the namespace itself is only read.
            const { id, stop } = this.resolve(target.declView, target.name);
            this.facts.references.push({ name: target.name, unit: item.unit, binding: id, read: true, write: false, at: this.start(item.node) });
            this.refViews.push(target.declView);
            this.refStops.push(stop);
            break;
          }
          const { id, stop } = this.resolve(item.view, item.name);
          if (id === null && item.name === "arguments" && item.mode === undefined) {
            if (item.unit !== MODULE) this.facts.lexical.push({ unit: item.unit, keyword: "arguments" });
            break;
          }
          this.facts.references.push({ name: item.name, unit: item.unit, binding: id, read: item.mode !== "write", write: item.mode !== undefined, at: this.start(item.node) });
          this.refViews.push(item.view);
          this.refStops.push(stop);
          break;
        }
        case "call": {
          if (this.resolve(item.view, item.chain[0]).id !== null) break;
          if (item.chain.length === 1 && item.chain[0] === "eval" && item.direct) this.facts.dynamic.push({ unit: item.unit, kind: "eval", at: item.at });
          if (item.unit === MODULE) break;
          this.facts.calls.push({ unit: item.unit, callee: item.chain.join("."), isNew: item.isNew, argCount: item.argCount, at: item.at });
          break;
        }
        case "declarator":
          for (const [name, identifier] of item.names) {
            const { id } = this.resolve(item.view, name);
            if (id === null) continue;
            if (item.always || this.declaring[id] !== identifier) this.facts.bindings[id].reassigned = true;
          }
          break;
        case "extra": {
          const scope = item.view.scope;
          if (scope.bindings.has(item.id.text)) break; // merges into a function, class or var
          this.addExtra(scope, item.id, item.kind, false);
          break;
        }
        case "annexB": {
          const name = item.id.text;
          const blockScope = item.view.scope;
          const functionScope = this.functionParent(item.view);
          let blocked = false;
          for (let v = blockScope.parent; v && v.scope !== functionScope; v = v.scope.parent) {
            const binding = v.scope.bindings.get(name);
            // A simple catch parameter does not block: a `var` may redeclare it (B.3.4).
            if (binding && !(binding.kind === "catch" && this.ts.isVariableDeclaration(binding.identifier.parent))) {
              blocked = true;
              break;
            }
          }
          if (blocked) break;
          let own = functionScope.bindings.get(name);
          // A function expression's own name is not a binding of its body (B.3.2.1 creates the var).
          if (own !== undefined && own.fnExpressionName) {
            const shadow = this.bodyShadow(own);
            if (shadow !== null) {
              this.facts.bindings[shadow].reassigned = true;
              break;
            }
            own = undefined;
          }
          if (own !== undefined) {
            if (own.babel === "var" || own.babel === "hoisted") this.facts.bindings[this.bindingId(own)].reassigned = true;
            break;
          }
          this.addExtra(functionScope, item.id, "var", item.looped);
          break;
        }
      }
    }
    if (this.extraNames.size === 0) return;
    this.facts.references.forEach((ref, i) => {
      if (!this.extraNames.has(ref.name)) return;
      for (let v: View | undefined = this.refViews[i]; v && v.scope !== this.refStops[i]; v = v.scope.parent) {
        // A parameter list with expressions has its own environment: it cannot see the body's names.
        if (v.fromParams && v.scope.fn !== undefined && this.hasParamExpressions(v.scope)) continue;
        const extra = this.extras.get(v.scope)?.get(ref.name);
        if (extra !== undefined) {
          ref.binding = extra;
          if (ref.write) this.facts.bindings[extra].reassigned = true;
          return;
        }
      }
    });
  }
}

// ---- helpers ----

function isJsxTagName(ts: typeof TS, node: TS.Node): boolean {
  const parent = node.parent;
  return (ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent) || ts.isJsxClosingElement(parent)) && parent.tagName === node;
}

/** Babel's `isReferenced` for an identifier, on TypeScript's tree. */
function isReferenced(ts: typeof TS, node: TS.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === node;
  if (ts.isQualifiedName(parent)) return parent.left === node;
  if (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) return parent.initializer === node;
  if (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isEnumMember(parent)) return parent.initializer === node;
  if (ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassLike(parent) || ts.isMethodDeclaration(parent) || ts.isAccessor(parent)) return false;
  if (ts.isArrowFunction(parent)) return parent.body === node;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportSpecifier(parent) || ts.isImportEqualsDeclaration(parent) || ts.isNamespaceExport(parent)) return false;
  if (ts.isExportSpecifier(parent)) return parent.parent.parent.moduleSpecifier === undefined && (parent.propertyName ?? parent.name) === node;
  if (ts.isMetaProperty(parent) || ts.isJsxAttribute(parent) || ts.isEnumDeclaration(parent) || ts.isModuleDeclaration(parent)) return false;
  if (ts.isImportAttribute(parent) || ts.isNamespaceExportDeclaration(parent)) return false;
  return true;
}

/** The dotted callee (`["Math", "random"]`) when it is a chain of plain member accesses on a name. */
function calleeChain(ts: typeof TS, callee: TS.Node): string[] | undefined {
  const parts: string[] = [];
  let node: TS.Node = callee;
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) node = node.expression;
    else if (ts.isPropertyAccessExpression(node)) {
      if (!ts.isIdentifier(node.name)) return undefined;
      parts.push(node.name.text);
      node = node.expression;
    } else if (ts.isElementAccessExpression(node)) {
      if (!ts.isStringLiteral(node.argumentExpression)) return undefined;
      parts.push(node.argumentExpression.text);
      node = node.expression;
    } else if (ts.isIdentifier(node)) {
      parts.push(node.text);
      return parts.reverse();
    } else return undefined;
  }
}

/** True when the code at `node` is strict: inside a class, or under a "use strict" directive of the script or a function body. */
function isStrict(ts: typeof TS, node: TS.Node): boolean {
  for (let p: TS.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return true;
    if (ts.isSourceFile(p) || (ts.isBlock(p) && ts.isFunctionLike(p.parent))) {
      for (const statement of p.statements) {
        if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
        if (statement.expression.text === "use strict") return true;
      }
    }
  }
  return false;
}

function isWrapper(ts: typeof TS, node: TS.Node): node is TS.ParenthesizedExpression | TS.AsExpression | TS.SatisfiesExpression | TS.NonNullExpression | TS.TypeAssertion {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node);
}

/** Babel's key name: computed keys only as string literals; `#private` keeps its `#`. */
function babelKey(ts: typeof TS, key: TS.PropertyName | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (ts.isComputedPropertyName(key)) return ts.isStringLiteral(key.expression) ? key.expression.text : undefined;
  if (ts.isNoSubstitutionTemplateLiteral(key) || ts.isBigIntLiteral(key)) return undefined;
  return keyName(ts, key);
}

/** The class a member belongs to, named by its id or by what it is bound to. */
function className(ts: typeof TS, node: TS.ClassLikeDeclaration): string {
  if (node.name) return node.name.text;
  if (ts.isClassDeclaration(node)) return "default";
  return boundName(ts, node) ?? "<anonymous>";
}

/** `Class#member` for instance members, `Class.member` for static ones. */
function memberName(ts: typeof TS, member: TS.ClassElement): string {
  const owner = className(ts, member.parent as TS.ClassLikeDeclaration);
  if (ts.isClassStaticBlockDeclaration(member)) return `${owner}.<static>`;
  const key = ts.isConstructorDeclaration(member) ? "constructor" : (babelKey(ts, member.name) ?? "[computed]");
  const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  return `${owner}${isStatic ? "." : "#"}${key}`;
}

/** The name the surroundings give an anonymous function or class (`const f = …`, `{ f: … }`, …). */
function boundName(ts: typeof TS, node: TS.Node): string | undefined {
  let child: TS.Node = node;
  let parent = node.parent;
  while (parent && isWrapper(ts, parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent)) return parent.initializer === child && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (ts.isBinaryExpression(parent)) {
    if (parent.right !== child || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    let left: TS.Node = parent.left;
    while (ts.isParenthesizedExpression(left)) left = left.expression;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
    if (ts.isElementAccessExpression(left)) return ts.isStringLiteral(left.argumentExpression) ? left.argumentExpression.text : "[computed]";
    return undefined;
  }
  if (ts.isParameter(parent) || ts.isBindingElement(parent)) return parent.initializer === child && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (ts.isShorthandPropertyAssignment(parent)) return parent.objectAssignmentInitializer === child ? parent.name.text : undefined;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === child ? (babelKey(ts, parent.name) ?? "[computed]") : undefined;
  if (ts.isPropertyDeclaration(parent)) return parent.initializer === child ? memberName(ts, parent) : undefined;
  if (ts.isExportAssignment(parent) && !parent.isExportEquals) return "default";
  return undefined;
}

/** The unit's display name (rules in facts.ts, UnitFact.name). */
function unitName(ts: typeof TS, node: TS.FunctionLikeDeclaration): string {
  if (ts.isFunctionDeclaration(node)) return node.name?.text ?? "default";
  if (ts.isFunctionExpression(node)) return node.name?.text ?? boundName(ts, node) ?? "<anonymous>";
  if (ts.isArrowFunction(node)) return boundName(ts, node) ?? "<anonymous>";
  if (ts.isObjectLiteralExpression(node.parent)) return babelKey(ts, node.name) ?? "[computed]";
  return memberName(ts, node as TS.ClassElement);
}

/** Parameter shapes for MS104, from annotations, defaults and patterns (`this:` counts, as in Babel). */
function paramShapes(ts: typeof TS, fn: TS.SignatureDeclaration): ParamShape[] {
  return fn.parameters.map((p) => paramShape(ts, p));
}

function paramShape(ts: typeof TS, param: TS.ParameterDeclaration): ParamShape {
  if (param.type) return typeShape(ts, param.type);
  if (param.dotDotDotToken) return "unknown";
  const left: ParamShape = ts.isIdentifier(param.name) ? "unknown" : "object";
  if (left !== "unknown" || param.initializer === undefined) return left;
  let right: TS.Node = param.initializer;
  while (ts.isParenthesizedExpression(right)) right = right.expression;
  if (ts.isStringLiteral(right) || ts.isNoSubstitutionTemplateLiteral(right) || ts.isTemplateExpression(right)) return "string";
  if (ts.isObjectLiteralExpression(right) || ts.isArrayLiteralExpression(right)) return "object";
  if (ts.isNumericLiteral(right) || ts.isBigIntLiteral(right) || right.kind === ts.SyntaxKind.TrueKeyword || right.kind === ts.SyntaxKind.FalseKeyword) return "other";
  return "unknown";
}

const OBJECT_TYPES = new Set(["Array", "ReadonlyArray", "Map", "Set", "WeakMap", "WeakSet", "Date", "RegExp", "Object", "Record", "Promise", "Function", "Partial", "Readonly", "Required", "Pick", "Omit"]);

function typeShape(ts: typeof TS, type: TS.TypeNode): ParamShape {
  const K = ts.SyntaxKind;
  switch (type.kind) {
    case K.StringKeyword:
    case K.TemplateLiteralType:
      return "string";
    case K.LiteralType: {
      const literal = (type as TS.LiteralTypeNode).literal;
      return ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal) ? "string" : "other";
    }
    case K.NumberKeyword:
    case K.BooleanKeyword:
    case K.BigIntKeyword:
    case K.SymbolKeyword:
    case K.UndefinedKeyword:
    case K.VoidKeyword:
      return "other";
    case K.TypeLiteral:
    case K.ArrayType:
    case K.TupleType:
    case K.FunctionType:
    case K.ConstructorType:
    case K.ObjectKeyword:
    case K.MappedType:
      return "object";
    case K.ParenthesizedType:
    case K.OptionalType:
    case K.TypeOperator:
      return typeShape(ts, (type as TS.ParenthesizedTypeNode).type);
    case K.TypeReference: {
      const name = (type as TS.TypeReferenceNode).typeName;
      if (ts.isIdentifier(name)) {
        if (name.text === "String") return "string";
        if (name.text === "Number" || name.text === "Boolean") return "other";
        if (OBJECT_TYPES.has(name.text)) return "object";
      }
      return "unknown";
    }
    case K.UnionType:
    case K.IntersectionType: {
      const shapes = (type as TS.UnionTypeNode).types.map((t) => typeShape(ts, t));
      if (shapes.includes("string")) return "string";
      if (shapes.includes("object")) return "object";
      return shapes.every((s) => s === "other") ? "other" : "unknown";
    }
    default:
      return "unknown";
  }
}
