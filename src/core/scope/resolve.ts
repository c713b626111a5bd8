import { MODULE, type BindingFact, type CallFact, type DynamicFact, type FileFacts, type ReferenceFact } from "../captures/facts";
import type { ScopeBuilder } from "./builder";
import { NONE, RefFlag, ScopeFlag, ScopeKind, SymbolFlag, type ScopeTables } from "./table";

/**
 * ECMAScript name resolution over the lowered tables, once the walk is over (every declaration is
 * known, so hoisting needs nothing more). Each rule carries the section of ECMA-262 (or of
 * TypeScript's emit, for enums and namespaces) it follows. The result is the classifier's facts.
 */

/** Callee chain roots that are keywords, not names (the lowerings give `this.m()` as `["this", "m"]`, `import(…)` as `["import"]`). */
export const KEYWORD_ROOTS: ReadonlySet<string> = new Set(["this", "super", "import"]);

/** What a lookup found: a symbol, the implicit `arguments` of a function, an alias, or nothing (a global). */
const ARGUMENTS = -2;

/**
 * ResolveBinding (§9.4.2) from `scope`: the innermost scope declaring `name` wins.
 * - §10.2.11 step 22: a non-arrow function's environment holds an implicit `arguments` binding,
 *   found after the function's own declarations (a parameter or body declaration named `arguments`
 *   comes first); an arrow has none (§15.3: it sees the enclosing one).
 * - §10.2.11 step 28: a parameter list with expressions gets its own environment; the body's
 *   declarations live in a `Body` scope below it, invisible from the parameters, and a body `var` of
 *   a parameter's name is a second binding.
 * - §15.2.5: a named function expression's name lives in a scope of its own around the function, so
 *   any declaration of that name in the function shadows it.
 * - §15.7.14 step 3: a class body sees an inner binding of the class name (the `Class` scope).
 * - TypeScript: in an enum's initialisers, the enum's members (of every declaration of it in the same
 *   statement list: they merge), and in a namespace body, after the body's own declarations, what the
 *   other declarations of that namespace export, are properties of the enum or namespace object
 *   (compiled to `E.A`, `N.a`): `aliasScope` returns that scope.
 * Returns the symbol, ARGUMENTS, or NONE; `aliasOut[0]` is set to the alias scope when one matched.
 */
function lookup(t: ScopeTables, scope: number, name: string, aliasOut: number[]): number {
  const { kind, flags, parent, names, aliases } = t.scopes;
  for (let s = scope; s !== NONE; s = parent[s]) {
    const own = names[s]?.get(name);
    if (own !== undefined) return own;
    const alias = aliases[s];
    if (alias !== undefined && alias.names.has(name)) {
      aliasOut[0] = s;
      return NONE;
    }
    if (name === "arguments" && kind[s] === ScopeKind.Function && !(flags[s] & ScopeFlag.Arrow)) return ARGUMENTS;
  }
  return NONE;
}

/** The nearest var scope of `scope` (§8.2.1 VarScopedDeclarations land there). */
function varScope(t: ScopeTables, scope: number): number {
  let s = scope;
  while (!(t.scopes.flags[s] & ScopeFlag.Var) && t.scopes.parent[s] !== NONE) s = t.scopes.parent[s];
  return s;
}

/**
 * Annex B.3.3 (B.3.2.1/B.3.2.2 for functions, scripts): in sloppy code, a plain function declared in
 * a block also binds a `var` of its name in the enclosing function or script, assigned when the
 * block's declaration is evaluated, unless replacing it by a `var` would be an early error (a
 * lexical declaration of that name between the block and the var scope: a simple catch parameter is
 * not one, B.3.4) or the name is a parameter. An existing `var` or function of that name is then
 * assigned (reassigned); otherwise the new binding is, for the report, the function the user wrote
 * (kind `function`, at its name), reassigned when the block runs once per loop iteration.
 */
function annexB(t: ScopeTables, blockFunctions: readonly number[]): void {
  const { symbols, scopes } = t;
  for (const fn of blockFunctions) {
    const name = symbols.name[fn];
    const block = symbols.scope[fn];
    const target = varScope(t, block);
    let blocked = false;
    for (let s = scopes.parent[block]; s !== target && s !== NONE && !blocked; s = scopes.parent[s]) {
      const other = scopes.names[s]?.get(name);
      if (other !== undefined && !(symbols.flags[other] & SymbolFlag.SimpleCatch)) blocked = true;
    }
    if (blocked) continue;
    // A split function's parameters live one scope further out, and still stop it.
    if (scopes.kind[target] === ScopeKind.Body && scopes.names[scopes.parent[target]]?.has(name)) continue;
    // B.3.2.1: in a function, `arguments` is already initialised (the arguments object): no new binding.
    if (name === "arguments" && (scopes.kind[target] === ScopeKind.Function || scopes.kind[target] === ScopeKind.Body)) continue;
    const existing = scopes.names[target]?.get(name);
    if (existing !== undefined) {
      const k = symbols.kind[existing];
      if (k === "var" || k === "function" || symbols.flags[existing] & SymbolFlag.Merges) symbols.reassigned[existing] = true;
      continue;
    }
    let names = scopes.names[target];
    if (names === undefined) scopes.names[target] = names = new Map();
    const id = symbols.name.length;
    symbols.name.push(name);
    symbols.kind.push("function");
    symbols.scope.push(target);
    symbols.flags.push(SymbolFlag.None);
    symbols.declared.push(symbols.declared[fn]);
    symbols.node.push(symbols.node[fn]);
    symbols.reassigned.push((symbols.flags[fn] & SymbolFlag.Repeats) !== 0);
    symbols.origin.push(undefined);
    names.set(name, id);
  }
}

/** The unit a symbol belongs to: the unit in force where its scope starts. */
function symbolUnit(t: ScopeTables, symbol: number): number {
  return t.scopes.unit[t.symbols.scope[symbol]];
}

/** Resolves every reference, initialiser and call of the builder's tables, and returns the classifier's facts. */
export function resolveFacts(b: ScopeBuilder): FileFacts {
  const t = b.tables;
  annexB(t, b.blockFunctions);
  const { symbols, references: r, initialisers: init, calls: c } = t;
  const alias = [NONE];

  // §14.3.2.1 / §14.7.5.6: a `var` initialiser assigns the binding it names (the first declaration
  // only initialises it, unless it runs once per iteration); B.3.4: that may be a catch parameter.
  for (let i = 0; i < init.name.length; i++) {
    const s = lookup(t, init.scope[i], init.name[i], alias);
    if (s >= 0 && (init.repeats[i] || symbols.node[s] !== init.node[i])) symbols.reassigned[s] = true;
  }

  const lexical = b.lexical.slice();
  const references: ReferenceFact[] = [];
  for (let i = 0; i < r.name.length; i++) {
    alias[0] = NONE;
    let name = r.name[i];
    let flags = r.flags[i];
    let s = lookup(t, r.scope[i], name, alias);
    if (alias[0] !== NONE) {
      // `a` in a namespace body is `N.a`: a read of the namespace object, even when `a` is written.
      name = t.scopes.aliases[alias[0]]!.target;
      flags = RefFlag.Read;
      s = lookup(t, t.scopes.parent[alias[0]], name, alias);
    }
    const unit = r.unit[i];
    if (s < 0 && name === "arguments" && flags === RefFlag.Read) {
      if (unit !== MODULE) lexical.push({ unit, keyword: "arguments" });
      continue;
    }
    r.symbol[i] = s < 0 ? NONE : s;
    if (flags === RefFlag.Read && unit === MODULE) continue;
    references.push({ name, unit, binding: s < 0 ? null : s, read: (flags & RefFlag.Read) !== 0, write: (flags & RefFlag.Write) !== 0, at: r.at[i] });
  }

  const dynamic: DynamicFact[] = b.dynamic.slice();
  const calls: CallFact[] = [];
  for (let i = 0; i < c.chain.length; i++) {
    const chain = c.chain[i];
    // `this.m()`, `super.m()`, `import(…)`: keywords, no name to resolve (the whole-program summary reads them).
    if (chain === undefined || KEYWORD_ROOTS.has(chain[0])) continue;
    alias[0] = NONE;
    const s = lookup(t, c.scope[i], chain[0], alias);
    c.symbol[i] = s < 0 ? NONE : s;
    // Only a callee rooted at a global name is somebody's well-known function (MS103), or direct eval (§19.2.1.1).
    if (s >= 0) continue;
    const unit = c.unit[i];
    if (chain.length === 1 && chain[0] === "eval" && c.direct[i]) dynamic.push({ unit, kind: "eval", at: c.at[i] });
    if (unit !== MODULE) calls.push({ unit, callee: chain.join("."), isNew: c.isNew[i], argCount: c.argCount[i], at: c.at[i] });
  }

  // Export lists name top-level bindings (§16.2.3: ExportedBindings); a name no declaration binds stays NONE.
  const e = t.exports;
  for (let i = 0; i < e.local.length; i++) {
    const local = e.local[i];
    if (local === undefined) continue;
    const top = t.scopes.names[0]?.get(local);
    e.symbol[i] = top === undefined ? NONE : top;
  }

  const bindings: BindingFact[] = symbols.name.map((name, s) => ({ name, kind: symbols.kind[s], unit: symbolUnit(t, s), declared: symbols.declared[s], reassigned: symbols.reassigned[s] }));
  return { units: b.units, bindings, references, lexical, dynamic, calls };
}
