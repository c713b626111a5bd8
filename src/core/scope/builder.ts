import type { Position } from "../diagnostics";
import { MODULE, type BindingKind, type DynamicFact, type LexicalFact, type LexicalKeyword, type UnitFact } from "../captures/facts";
import { NONE, RefFlag, ScopeFlag, ScopeKind, SymbolFlag, type Aliases, type ImportOrigin, type ScopeTables } from "./table";

/**
 * The builder a front end lowers its tree through, in one walk: enter a scope, declare, reference,
 * exit; units (closures) and calls alongside. It only records: where each declaration lands is
 * decided here (hoisting, §8.2.1 VarDeclaredNames vs LexicallyDeclaredNames), but no reference is
 * resolved before the walk ends (resolve.ts), so hoisted declarations need no second walk.
 */
export class ScopeBuilder {
  /** The tables being filled. */
  readonly tables: ScopeTables = {
    scopes: { kind: [], flags: [], parent: [], unit: [], names: [], aliases: [] },
    symbols: { name: [], kind: [], scope: [], flags: [], declared: [], node: [], reassigned: [], origin: [] },
    references: { name: [], scope: [], unit: [], flags: [], at: [], symbol: [] },
    initialisers: { name: [], scope: [], node: [], repeats: [] },
    exports: { local: [], exported: [], source: [], imported: [], symbol: [] },
    calls: { chain: [], scope: [], unit: [], isNew: [], direct: [], argCount: [], at: [], symbol: [] },
  };
  /** Units in pre-order (a parent before its children). */
  readonly units: UnitFact[] = [];
  /** `this`, `super`, `new.target` uses (`arguments` is decided by the resolver). */
  readonly lexical: LexicalFact[] = [];
  /** `with` markers (direct `eval` is decided by the resolver). */
  readonly dynamic: DynamicFact[] = [];
  /** Per unit: the scope in force where it starts (a class member's is its class scope), for the whole-program summary. */
  readonly unitScopes: number[] = [];
  /** Symbols of plain functions declared in blocks of sloppy code (Annex B.3.3 candidates), in order. */
  readonly blockFunctions: number[] = [];
  private current = NONE;
  private readonly unitStack: number[] = [MODULE];
  private withDepth = 0;

  /** The current scope. */
  get scope(): number {
    return this.current;
  }

  /** The current unit, or MODULE. */
  get unit(): number {
    return this.unitStack[this.unitStack.length - 1];
  }

  /** Enters a scope; a `With` scope also marks the current unit dynamic at `at`. Strictness is inherited; class code is strict (§11.2.2). */
  enter(kind: ScopeKind, flags: ScopeFlag = ScopeFlag.None, aliases?: Aliases, at?: Position): number {
    const s = this.tables.scopes;
    const id = s.kind.length;
    const parent = this.current;
    if (parent !== NONE) flags |= s.flags[parent] & ScopeFlag.Strict;
    if (kind === ScopeKind.Class) flags |= ScopeFlag.Strict;
    if (kind === ScopeKind.Top || kind === ScopeKind.Body || kind === ScopeKind.StaticBlock || kind === ScopeKind.Namespace || (kind === ScopeKind.Function && !(flags & ScopeFlag.SplitParams))) flags |= ScopeFlag.Var;
    s.kind.push(kind);
    s.flags.push(flags);
    s.parent.push(parent);
    s.unit.push(this.unit);
    s.names.push(undefined);
    s.aliases.push(aliases);
    this.current = id;
    if (kind === ScopeKind.With) {
      if (at !== undefined) this.dynamic.push({ unit: this.unit, kind: "with", at });
      this.withDepth++;
    }
    return id;
  }

  /** Marks the current scope strict (a "use strict" directive at the top of a script or function body). */
  strict(): void {
    this.tables.scopes.flags[this.current] |= ScopeFlag.Strict;
  }

  /** Leaves the current scope. */
  exit(): void {
    const s = this.tables.scopes;
    if (s.kind[this.current] === ScopeKind.With) this.withDepth--;
    this.current = s.parent[this.current];
  }

  /**
   * Declares `name`. A `var` lands in the nearest var scope (§14.3.2 VariableStatement: VarScopedDeclarations),
   * everything else in the current scope; a function declaration in a var scope is var-scoped (§10.2.11
   * step 36), elsewhere lexical (§14.2.2). The first declaration of a name in a scope makes the symbol
   * (its kind and position are the report's); later ones redeclare it, except that an enum or namespace
   * gives way to any other declaration it merges with. Returns the symbol.
   */
  declare(name: string, kind: BindingKind, at: Position, node: unknown, flags: SymbolFlag = SymbolFlag.None, origin?: ImportOrigin): number {
    const scopes = this.tables.scopes;
    let scope = this.current;
    if (kind === "var") while (!(scopes.flags[scope] & ScopeFlag.Var) && scopes.parent[scope] !== NONE) scope = scopes.parent[scope];
    if (flags & SymbolFlag.BlockFunction && (scopes.flags[scope] & (ScopeFlag.Var | ScopeFlag.Strict)) !== 0) flags &= ~SymbolFlag.BlockFunction;
    let names = scopes.names[scope];
    if (names === undefined) scopes.names[scope] = names = new Map();
    const existing = names.get(name);
    if (existing !== undefined && !(this.tables.symbols.flags[existing] & SymbolFlag.Merges && !(flags & SymbolFlag.Merges))) {
      this.tables.symbols.flags[existing] |= flags & SymbolFlag.Exported;
      return existing;
    }
    const sym = this.tables.symbols;
    const id = sym.name.length;
    sym.name.push(name);
    sym.kind.push(kind);
    sym.scope.push(scope);
    sym.flags.push(flags);
    sym.declared.push(at);
    sym.node.push(node);
    sym.reassigned.push(false);
    sym.origin.push(origin);
    names.set(name, id);
    if (flags & SymbolFlag.BlockFunction) this.blockFunctions.push(id);
    return id;
  }

  /** Marks a declared name exported (`export { a }`), for the whole-program pass. */
  exported(symbol: number): void {
    this.tables.symbols.flags[symbol] |= SymbolFlag.Exported;
  }

  /** An export list entry: `local` exported as `exported`, or (with `source`) `imported` re-exported from `source`. */
  exportName(local: string | undefined, exported: string, source?: string, imported?: string): void {
    const e = this.tables.exports;
    e.local.push(local);
    e.exported.push(exported);
    e.source.push(source);
    e.imported.push(imported);
    e.symbol.push(NONE);
  }

  /** A use of a name in a value position. Reads at the top level are left out: nothing reports them. */
  reference(name: string, flags: RefFlag, at: Position): void {
    if (flags === RefFlag.Read && this.unit === MODULE) return;
    const r = this.tables.references;
    r.name.push(name);
    r.scope.push(this.current);
    r.unit.push(this.unit);
    r.flags.push(flags);
    r.at.push(at);
    r.symbol.push(NONE);
  }

  /**
   * A `var` initialiser or `for (var … in/of …)` head: it assigns the binding it resolves to unless it
   * is that binding's first declaration and runs once (`repeats`: in a loop body or a for-in/of head).
   */
  initialiser(name: string, node: unknown, repeats: boolean): void {
    const i = this.tables.initialisers;
    i.name.push(name);
    i.scope.push(this.current);
    i.node.push(node);
    i.repeats.push(repeats);
  }

  /** A call or `new`; `direct`: a plain call (direct eval when the callee is the global `eval`). */
  call(chain: string[] | undefined, isNew: boolean, direct: boolean, argCount: number, at: Position): void {
    const c = this.tables.calls;
    c.chain.push(chain);
    c.scope.push(this.current);
    c.unit.push(this.unit);
    c.isNew.push(isNew);
    c.direct.push(direct);
    c.argCount.push(argCount);
    c.at.push(at);
    c.symbol.push(NONE);
  }

  /** `this`, `super` or `new.target` in the current unit. */
  keyword(keyword: Exclude<LexicalKeyword, "arguments">): void {
    if (this.unit !== MODULE) this.lexical.push({ unit: this.unit, keyword });
  }

  /** Starts a unit inside the current one; units inside a `with` body are dynamic on their own. */
  enterUnit(fact: Omit<UnitFact, "parent">): number {
    const id = this.units.length;
    this.units.push({ ...fact, parent: this.unit });
    this.unitScopes.push(this.current);
    if (this.withDepth > 0) this.dynamic.push({ unit: id, kind: "with", at: fact.loc });
    this.unitStack.push(id);
    this.saveLoops();
    return id;
  }

  /** Runs the next code in the unit around the current one (a member's computed key, decorators). */
  enterOuterUnit(): void {
    const unit = this.unit;
    this.unitStack.push(unit === MODULE ? MODULE : this.units[unit].parent);
    this.saveLoops();
  }

  /** Ends the unit (or outer-unit stretch) entered last. */
  exitUnit(): void {
    this.unitStack.pop();
    this.loopDepth = this.loopStack.pop()!;
  }

  /**
   * Loops around the current code within its unit: a declaration inside one is made once per
   * iteration (SymbolFlag.Repeats). A unit starts outside every loop: its body runs once per call.
   */
  get loops(): number {
    return this.loopDepth;
  }
  private loopDepth = 0;
  private readonly loopStack: number[] = [];

  /** The body of a loop starts (`for`, `for…in/of`, `while`, `do`). */
  enterLoop(): void {
    this.loopDepth++;
  }

  /** The loop entered last ends. */
  exitLoop(): void {
    this.loopDepth--;
  }

  private saveLoops(): void {
    this.loopStack.push(this.loopDepth);
    this.loopDepth = 0;
  }
}
