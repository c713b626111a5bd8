import type * as TS from "typescript";
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
import { babelStart } from "./resolve-target";
import { isWrapper, memberName, paramShapes, unitName } from "./unit-names";

/**
 * The TypeScript front end's part of the capture analysis: one walk over TypeScript's tree of the
 * ORIGINAL source file, lowering it into the core's scope builder (scopes, declarations, references
 * with read/write, calls, units). No scoping rule lives here (they are in src/core/scope), and
 * TypeScript's binder is not used: this file only says which syntax is which, so the report equals the
 * Babel path's for the same source by construction.
 */

type Memoized = ReadonlyMap<TS.Node, TagOptions>;

/** Lowers a source file, resolves and classifies it, and runs the whole-program pass on it alone: the file's part of the report. `file`: its report key, which MS105 chains name. */
export function analyzeSourceFile(ts: typeof TS, sf: TS.SourceFile, memoized: Memoized, file = "<input>"): FileReport {
  return analyzeModule(ts, sf, memoized, file).report;
}

/** `analyzeSourceFile` plus the file's summary for the cross-file pass (core/program). */
export function analyzeModule(ts: typeof TS, sf: TS.SourceFile, memoized: Memoized, file: string): ModuleAnalysis {
  return analyzeLowered(lower(ts, sf, memoized), file);
}

/** The resolved facts of one source file. */
export function collectFacts(ts: typeof TS, sf: TS.SourceFile, memoized: Memoized): FileFacts {
  return resolveFacts(lower(ts, sf, memoized));
}

/** The source file lowered into the core's scope builder, before resolution (its tables, for the whole-program pass and tests). */
export function lower(ts: typeof TS, sf: TS.SourceFile, memoized: Memoized): ScopeBuilder {
  const lowering = new Lowering(ts, sf, memoized);
  lowering.run();
  return lowering.b;
}

/** Assignment-target mode of an identifier. */
type Mode = RefFlag.Write | RefFlag.ReadWrite;

class Lowering {
  readonly b = new ScopeBuilder();
  private readonly targets = new Map<TS.Node, Mode>();
  /** Loop nesting in the current unit (a `var` initialiser in a loop runs once per iteration). */
  /** Enum and namespace declarations by statement list and name (merging, one pass per list). */
  private readonly groups = new Map<TS.Node, Map<string, TS.Statement[]>>();
  private readonly K: typeof TS.SyntaxKind;

  constructor(
    private readonly ts: typeof TS,
    private readonly sf: TS.SourceFile,
    private readonly memoized: Memoized,
  ) {
    this.K = ts.SyntaxKind;
  }

  run(): void {
    const ts = this.ts;
    const sf = this.sf;
    // A file with an import or export is a module (strict); a script is sloppy unless it says "use strict".
    const module = sf.statements.some(
      (s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
    );
    this.b.enter(ScopeKind.Top, module || hasUseStrict(ts, sf.statements) ? ScopeFlag.Strict : ScopeFlag.None);
    for (const statement of sf.statements) this.visit(statement);
    this.b.exit();
  }

  private start(node: TS.Node): Position {
    return this.position(node.getStart(this.sf));
  }

  private position(offset: number): Position {
    const { line, character } = this.sf.getLineAndCharacterOfPosition(offset);
    return { line: line + 1, column: character };
  }

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
    if (this.ts.isExportDeclaration(node) || this.ts.isExportAssignment(node)) this.exportList(node);
    if (this.isTypeOnly(node)) return;
    const ts = this.ts;
    const K = this.K;
    const b = this.b;
    switch (node.kind) {
      case K.Identifier:
        this.identifier(node as TS.Identifier);
        return;
      case K.ThisKeyword:
        if (!isJsxTagName(ts, node)) b.keyword("this");
        return;
      case K.SuperKeyword:
        b.keyword("super");
        return;
      case K.MetaProperty: {
        const meta = node as TS.MetaProperty;
        if (meta.keywordToken === K.NewKeyword && meta.name.text === "target") b.keyword("new.target");
        return;
      }
      case K.BinaryExpression: {
        const binary = node as TS.BinaryExpression;
        const op = binary.operatorToken.kind;
        if (op >= K.FirstAssignment && op <= K.LastAssignment) this.markTargets(binary.left, op === K.EqualsToken ? RefFlag.Write : RefFlag.ReadWrite);
        break;
      }
      case K.PrefixUnaryExpression:
      case K.PostfixUnaryExpression: {
        const unary = node as TS.PrefixUnaryExpression;
        if (unary.operator === K.PlusPlusToken || unary.operator === K.MinusMinusToken) this.markTargets(unary.operand, RefFlag.ReadWrite);
        break;
      }
      case K.CallExpression:
      case K.NewExpression: {
        const call = node as TS.CallExpression | TS.NewExpression;
        const direct = ts.isCallExpression(call) && (call.flags & ts.NodeFlags.OptionalChain) === 0;
        b.call(calleeChain(ts, call.expression), ts.isNewExpression(call), direct, call.arguments?.length ?? 0, this.start(call));
        break;
      }
      case K.WithStatement: {
        const w = node as TS.WithStatement;
        this.visit(w.expression);
        b.enter(ScopeKind.With, ScopeFlag.None, undefined, this.start(node));
        this.visit(w.statement);
        b.exit();
        return;
      }
      case K.VariableStatement:
        this.declarationList((node as TS.VariableStatement).declarationList, this.hasModifier(node, K.ExportKeyword));
        return;
      case K.VariableDeclarationList:
        this.declarationList(node as TS.VariableDeclarationList, false);
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
      case K.ClassStaticBlockDeclaration: {
        const block = node as TS.ClassStaticBlockDeclaration;
        this.unit(block, "static-block", memberName(ts, block), undefined, () => {
          b.enter(ScopeKind.StaticBlock);
          block.body.statements.forEach(this.visit);
          b.exit();
        });
        return;
      }
      case K.Block:
        b.enter(ScopeKind.Block);
        (node as TS.Block).statements.forEach(this.visit);
        b.exit();
        return;
      case K.CatchClause: {
        const c = node as TS.CatchClause;
        b.enter(ScopeKind.Block);
        const declaration = c.variableDeclaration;
        if (declaration) {
          this.declareName(declaration.name, "catch", ts.isIdentifier(declaration.name) ? SymbolFlag.SimpleCatch : SymbolFlag.None);
          this.bindingName(declaration.name);
        }
        c.block.statements.forEach(this.visit);
        b.exit();
        return;
      }
      case K.ForStatement:
      case K.ForInStatement:
      case K.ForOfStatement: {
        const f = node as TS.ForStatement | TS.ForInOrOfStatement;
        if (!ts.isForStatement(f) && !ts.isVariableDeclarationList(f.initializer)) this.markTargets(f.initializer, RefFlag.Write);
        b.enterLoop();
        b.enter(ScopeKind.Block);
        ts.forEachChild(node, this.visit);
        b.exit();
        b.exitLoop();
        return;
      }
      case K.WhileStatement:
      case K.DoStatement:
        b.enterLoop();
        ts.forEachChild(node, this.visit);
        b.exitLoop();
        return;
      case K.SwitchStatement: {
        const s = node as TS.SwitchStatement;
        // The discriminant is evaluated outside the cases' block (§14.12.4).
        this.visit(s.expression);
        b.enter(ScopeKind.Block);
        this.visit(s.caseBlock);
        b.exit();
        return;
      }
      case K.ModuleDeclaration:
        this.namespace(node as TS.ModuleDeclaration, false);
        return;
      case K.EnumDeclaration:
        this.enumeration(node as TS.EnumDeclaration);
        return;
      case K.ImportDeclaration:
        this.importDeclaration(node as TS.ImportDeclaration);
        return;
      case K.ImportEqualsDeclaration: {
        const i = node as TS.ImportEqualsDeclaration;
        if (!i.isTypeOnly) b.declare(i.name.text, "import", this.start(i.name), i.name, this.hasModifier(i, K.ExportKeyword) ? SymbolFlag.Exported : SymbolFlag.None);
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

  /** Records an export list or `export default x` (for the whole-program pass; a top-level read is no reference the report needs). */
  private exportList(node: TS.ExportDeclaration | TS.ExportAssignment): void {
    const ts = this.ts;
    const b = this.b;
    if (ts.isExportAssignment(node)) {
      if (ts.isIdentifier(node.expression)) b.exportName(node.expression.text, node.isExportEquals ? "=" : "default");
      // Any other value: the module's own `*default*` binding, which the whole-program summary calls `default`.
      else if (!node.isExportEquals) b.exportName("default", "default");
      return;
    }
    if (node.isTypeOnly) return;
    const source = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
    const clause = node.exportClause;
    if (clause === undefined) b.exportName(undefined, "*", source, "*");
    else if (ts.isNamespaceExport(clause)) b.exportName(undefined, clause.name.text, source, "*");
    else
      for (const s of clause.elements) {
        if (s.isTypeOnly) continue;
        const local = (s.propertyName ?? s.name).text;
        if (source === undefined) b.exportName(local, s.name.text);
        else b.exportName(undefined, s.name.text, source, local);
      }
  }

  // ---- references ----

  private identifier(node: TS.Identifier): void {
    const mode = this.targets.get(node);
    if (mode !== undefined) this.b.reference(node.text, mode, this.start(node));
    else if (this.b.unit !== MODULE && isReferenced(this.ts, node)) this.b.reference(node.text, RefFlag.Read, this.start(node));
  }

  /** A JSX tag name: capitalised names and member roots are references, intrinsic (lowercase) names are not. */
  private jsxTag(name: TS.JsxTagNameExpression | TS.JsxNamespacedName): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) {
      if (!/^[a-z]/.test(name.text) && this.b.unit !== MODULE) this.b.reference(name.text, RefFlag.Read, this.start(name));
    } else if (ts.isJsxNamespacedName(name)) {
      this.jsxTag(name.namespace);
      this.jsxTag(name.name);
    } else if (ts.isPropertyAccessExpression(name)) {
      this.visit(name.expression);
    }
  }

  /** Marks the identifiers an assignment target writes (not member expressions: those read their object). */
  private markTargets(target: TS.Node | undefined, mode: Mode): void {
    if (!target) return;
    const ts = this.ts;
    if (ts.isIdentifier(target)) this.targets.set(target, mode);
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
    } else if (isWrapper(ts, target)) {
      this.markTargets(target.expression, mode);
    }
  }

  // ---- declarations ----

  /** Declares every name a binding pattern binds. */
  private declareName(name: TS.BindingName, kind: BindingKind, flags: SymbolFlag = SymbolFlag.None): void {
    for (const id of bindingIds(this.ts, name)) this.b.declare(id.text, kind, this.start(id), id, flags);
  }

  private declarationList(list: TS.VariableDeclarationList, exported: boolean): void {
    const ts = this.ts;
    const scoped = list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using);
    const kind: BindingKind = scoped === 0 ? "var" : scoped === ts.NodeFlags.Let ? "let" : scoped === ts.NodeFlags.Const ? "const" : "using";
    const head = list.parent;
    const perIteration = (ts.isForInStatement(head) || ts.isForOfStatement(head)) && head.initializer === list;
    // A `for (var …;;)` initialiser runs once, before the loop.
    const repeats = perIteration || this.b.loops - (ts.isForStatement(head) && head.initializer === list ? 1 : 0) > 0;
    for (const declaration of list.declarations) {
      const ids = bindingIds(ts, declaration.name);
      for (const id of ids) this.b.declare(id.text, kind, this.start(id), id, exported ? SymbolFlag.Exported : SymbolFlag.None);
      if (kind === "var" && (declaration.initializer !== undefined || perIteration)) for (const id of ids) this.b.initialiser(id.text, id, repeats);
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
    const source = this.ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : "";
    if (clause.name) this.b.declare(clause.name.text, "import", this.start(clause.name), clause.name, SymbolFlag.None, { source, imported: "default" });
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (this.ts.isNamespaceImport(bindings)) this.b.declare(bindings.name.text, "import", this.start(bindings.name), bindings.name, SymbolFlag.None, { source, imported: "*" });
    else
      for (const s of bindings.elements) {
        if (!s.isTypeOnly) this.b.declare(s.name.text, "import", this.start(s.name), s.name, SymbolFlag.None, { source, imported: (s.propertyName ?? s.name).text });
      }
  }

  // ---- TypeScript enums and namespaces ----

  /** The enums and namespaces named like `node` in the statement list holding it (grouped once per list). */
  private sameNamed(node: TS.EnumDeclaration | TS.ModuleDeclaration): readonly TS.Statement[] {
    const ts = this.ts;
    const parent = node.parent;
    if (!(ts.isSourceFile(parent) || ts.isBlock(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent))) return [node];
    let byName = this.groups.get(parent);
    if (byName === undefined) {
      this.groups.set(parent, (byName = new Map()));
      for (const statement of parent.statements) {
        if ((!ts.isEnumDeclaration(statement) && !ts.isModuleDeclaration(statement)) || !ts.isIdentifier(statement.name)) continue;
        const group = byName.get(statement.name.text);
        if (group === undefined) byName.set(statement.name.text, [statement]);
        else group.push(statement);
      }
    }
    return byName.get((node.name as TS.Identifier).text) ?? [];
  }

  private enumeration(e: TS.EnumDeclaration): void {
    const ts = this.ts;
    const b = this.b;
    b.declare(e.name.text, "enum", this.start(e.name), e.name, SymbolFlag.Merges | (this.hasModifier(e, this.K.ExportKeyword) ? SymbolFlag.Exported : SymbolFlag.None));
    const names = new Set<string>();
    for (const other of this.sameNamed(e)) {
      if (!ts.isEnumDeclaration(other) || other.name.text !== e.name.text || this.hasModifier(other, this.K.DeclareKeyword)) continue;
      for (const member of other.members) if (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) names.add(member.name.text);
    }
    if (names.size > 0) b.enter(ScopeKind.Enum, ScopeFlag.None, { target: e.name.text, names });
    for (const member of e.members) if (member.initializer) this.visit(member.initializer);
    if (names.size > 0) b.exit();
  }

  private namespace(node: TS.ModuleDeclaration, inner: boolean): void {
    const ts = this.ts;
    const b = this.b;
    const id = ts.isIdentifier(node.name) ? node.name : undefined;
    if (id && !inner) b.declare(id.text, "namespace", this.start(id), id, SymbolFlag.Merges | (this.hasModifier(node, this.K.ExportKeyword) ? SymbolFlag.Exported : SymbolFlag.None));
    const body = node.body;
    if (!body) return;
    if (ts.isModuleDeclaration(body)) {
      this.namespace(body, true);
      return;
    }
    const names = new Set<string>();
    if (id && !inner) {
      for (const other of this.sameNamed(node)) {
        if (other === node || !ts.isModuleDeclaration(other) || !ts.isIdentifier(other.name) || other.name.text !== id.text) continue;
        if (this.hasModifier(other, this.K.DeclareKeyword) || other.body === undefined || !ts.isModuleBlock(other.body)) continue;
        for (const statement of other.body.statements) this.exportedNames(statement, names);
      }
    }
    b.enter(ScopeKind.Namespace, ScopeFlag.None, names.size > 0 ? { target: id!.text, names } : undefined);
    ts.forEachChild(body, this.visit);
    b.exit();
  }

  /** The value names a statement of a namespace body exports (not ambient ones). */
  private exportedNames(statement: TS.Statement, out: Set<string>): void {
    const ts = this.ts;
    const K = this.K;
    if (!this.hasModifier(statement, K.ExportKeyword) || this.hasModifier(statement, K.DeclareKeyword)) return;
    if (ts.isImportEqualsDeclaration(statement)) {
      if (!statement.isTypeOnly) out.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) for (const id of bindingIds(ts, declaration.name)) out.add(id.text);
    } else if (ts.isFunctionDeclaration(statement)) {
      if (statement.name && statement.body !== undefined) out.add(statement.name.text);
    } else if (ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      if (statement.name) out.add(statement.name.text);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      out.add(statement.name.text);
    }
  }

  // ---- units ----

  /** Starts a unit for `node` around `body`; `memo` is the node a tag would be keyed by. */
  private unit(node: TS.Node, kind: UnitKind, name: string, memo: TS.Node | undefined, body: () => void, binds?: string): void {
    const options = memo === undefined ? undefined : this.memoized.get(memo);
    const loc = this.ts.isFunctionDeclaration(node) ? this.position(babelStart(this.ts, this.sf, node)) : this.start(node);
    this.b.enterUnit({ kind, name, loc, ...(binds !== undefined && { binds }), ...(options !== undefined && { memoized: memoizedSummary(options), params: paramShapes(this.ts, memo as TS.SignatureDeclaration) }) });
    body();
    this.b.exitUnit();
  }

  /** Runs `body` in the unit around the current one (a member's key, decorators). */
  private outer(body: () => void): void {
    this.b.enterOuterUnit();
    body();
    this.b.exitUnit();
  }

  private fn(node: TS.FunctionLikeDeclaration): void {
    const ts = this.ts;
    const b = this.b;
    const isMethod = ts.isMethodDeclaration(node) || ts.isAccessor(node) || ts.isConstructorDeclaration(node);
    if (ts.isFunctionDeclaration(node) && node.name) {
      const container = node.parent;
      // Annex B applies to a plain function in a block (not a function body, script or namespace): the core checks strictness.
      const plain = !node.asteriskToken && !this.hasModifier(node, this.K.AsyncKeyword) && !ts.isSourceFile(container) && !ts.isModuleBlock(container);
      const flags = (plain ? SymbolFlag.BlockFunction : SymbolFlag.None) | (this.b.loops > 0 ? SymbolFlag.Repeats : SymbolFlag.None) | (this.exportsByName(node) ? SymbolFlag.Exported : SymbolFlag.None);
      b.declare(node.name.text, "function", this.start(node.name), node.name, flags);
    }
    if (ts.isFunctionDeclaration(node) && this.hasModifier(node, this.K.DefaultKeyword)) b.exportName(node.name?.text ?? "default", "default");
    const named = ts.isFunctionExpression(node) && node.name !== undefined;
    if (named) {
      b.enter(ScopeKind.FunctionName);
      b.declare(node.name!.text, "function", this.start(node.name!), node.name);
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
    this.unit(node, kind, unitName(ts, node), node, () => {
      if (isMethod) {
        // A method's decorators and computed key run in the enclosing unit and scope.
        this.outer(() => {
          for (const decorator of ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []) this.visit(decorator);
          if (node.name && ts.isComputedPropertyName(node.name)) this.visit(node.name.expression);
        });
      }
      const body = node.body;
      const strict = body !== undefined && ts.isBlock(body) && hasUseStrict(ts, body.statements);
      const split = node.parameters.some((p) => p.initializer !== undefined || containsExpression(ts, p.name));
      b.enter(ScopeKind.Function, (ts.isArrowFunction(node) ? ScopeFlag.Arrow : 0) | (split ? ScopeFlag.SplitParams : 0) | (strict ? ScopeFlag.Strict : 0));
      for (const parameter of node.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.name.text === "this") continue;
        this.declareName(parameter.name, "param");
      }
      for (const parameter of node.parameters) {
        const decorators = ts.getDecorators(parameter) ?? [];
        // A parameter's decorators run in the enclosing unit.
        if (decorators.length) this.outer(() => decorators.forEach(this.visit));
        this.bindingName(parameter.name);
        if (parameter.initializer) this.visit(parameter.initializer);
      }
      if (split) b.enter(ScopeKind.Body);
      if (body !== undefined) {
        if (ts.isBlock(body)) body.statements.forEach(this.visit);
        else this.visit(body);
      }
      if (split) b.exit();
      b.exit();
    }, bindsName(ts, node));
    if (named) b.exit();
  }

  /** `export function f` / `export class C` (not `export default`, which exports `default`). */
  private exportsByName(node: TS.Node): boolean {
    return this.hasModifier(node, this.K.ExportKeyword) && !this.hasModifier(node, this.K.DefaultKeyword);
  }

  private klass(node: TS.ClassLikeDeclaration): void {
    const ts = this.ts;
    const b = this.b;
    if (ts.isClassDeclaration(node) && node.name) b.declare(node.name.text, "class", this.start(node.name), node.name, this.exportsByName(node) ? SymbolFlag.Exported : SymbolFlag.None);
    if (ts.isClassDeclaration(node) && this.hasModifier(node, this.K.DefaultKeyword)) b.exportName(node.name?.text ?? "default", "default");
    b.enter(ScopeKind.Class);
    if (node.name) b.declare(node.name.text, "class", this.start(node.name), node);
    for (const decorator of ts.getDecorators(node) ?? []) this.visit(decorator);
    for (const clause of node.heritageClauses ?? []) this.visit(clause);
    for (const member of node.members) this.visit(member);
    b.exit();
  }

  private field(node: TS.PropertyDeclaration): void {
    const ts = this.ts;
    for (const decorator of ts.getDecorators(node) ?? []) this.visit(decorator);
    if (ts.isComputedPropertyName(node.name)) this.visit(node.name.expression);
    const value = node.initializer;
    if (!value) return;
    this.unit(node, "field", memberName(ts, node), undefined, () => this.visit(value));
  }
}

// ---- helpers ----

/** Identifiers a binding pattern declares, in order. */
function bindingIds(ts: typeof TS, name: TS.BindingName, out: TS.Identifier[] = []): TS.Identifier[] {
  if (ts.isIdentifier(name)) out.push(name);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingIds(ts, element.name, out);
  return out;
}

/** ECMAScript's ContainsExpression of a binding pattern: a default or a computed key anywhere in it. */
function containsExpression(ts: typeof TS, name: TS.BindingName): boolean {
  return !ts.isIdentifier(name) && name.elements.some((e) => !ts.isOmittedExpression(e) && (e.initializer !== undefined || (e.propertyName !== undefined && ts.isComputedPropertyName(e.propertyName)) || containsExpression(ts, e.name)));
}

/** A "use strict" directive among the first statements (a directive prologue). */
function hasUseStrict(ts: typeof TS, statements: readonly TS.Statement[]): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use strict") return true;
  }
  return false;
}

function isJsxTagName(ts: typeof TS, node: TS.Node): boolean {
  const parent = node.parent;
  return (ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent) || ts.isJsxClosingElement(parent)) && parent.tagName === node;
}

/** Is an identifier at this place a use of a name (not a key, label, declaration…)? Babel's `isReferenced`, on TypeScript's tree. */
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
  if (node.kind === ts.SyntaxKind.ImportKeyword) return ["import"];
  for (;;) {
    if (isWrapper(ts, node)) node = node.expression;
    else if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword) {
      // `this.m()`, `super.m()`: the whole-program summary follows (or lists) them; keyword roots resolve to nothing.
      parts.push(node.kind === ts.SyntaxKind.ThisKeyword ? "this" : "super");
      return parts.reverse();
    } else if (ts.isPropertyAccessExpression(node)) {
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

/**
 * The binding a call by name runs this function through (UnitFact.binds), as the Babel path says it: a
 * declaration's name (`default` for an anonymous `export default function`), or the `const f =` /
 * `export default` the function or arrow is the value of.
 */
function bindsName(ts: typeof TS, node: TS.FunctionLikeDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(node)) return node.name ? node.name.text : "default";
  if (!ts.isFunctionExpression(node) && !ts.isArrowFunction(node)) return undefined;
  let child: TS.Node = node;
  let parent = node.parent;
  while (parent && isWrapper(ts, parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (parent && ts.isVariableDeclaration(parent)) return parent.initializer === child && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  return parent && ts.isExportAssignment(parent) && !parent.isExportEquals ? "default" : undefined;
}
