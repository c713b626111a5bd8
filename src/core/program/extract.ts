import type { Position } from "../diagnostics";
import type { Classified } from "../captures/classify";
import { MODULE, type FileFacts, type UnitFact } from "../captures/facts";
import { compareStrings } from "../captures/classify";
import type { ScopeBuilder } from "../scope/builder";
import { NONE, ScopeFlag, ScopeKind, SymbolFlag, type ScopeTables } from "../scope/table";
import { compareLoc, type CallEdge, type Effect, type ExportEntry, type FunctionSummary, type ModuleSummary, type UnresolvedCall } from "./summary";

/**
 * Makes a file's ModuleSummary from what its one walk already produced: the builder's tables (calls,
 * imports, exports, where each unit starts), the resolved facts and the classifier's per-unit
 * evidence. No AST and no second walk: every call is looked at once and climbs its enclosing units
 * only until one already holds it (as the classifier does for captures), so the cost is linear.
 */

/** The top-level scope's id (the builder enters it first). */
const TOP = 0;

/** A class member's unit name: `C#m` (instance) or `C.m` (static), the class named by an identifier. */
const MEMBER = /^([A-Za-z_$][\w$]*)([#.])(.+)$/;

/** One file's summary, from its builder (after resolution), facts and classification. */
export function summarizeModule(b: ScopeBuilder, facts: FileFacts, classified: Classified): ModuleSummary {
  const t = b.tables;
  const { units } = facts;
  const { reassigned } = classified;
  const { refs, unitOfSymbol } = unitRefs(b, units, reassigned);
  const byRef = new Map<string, number>();
  refs.forEach((r, u) => {
    if (r !== undefined) byRef.set(r, u);
  });

  // Per unit: followable calls and unresolved ones, by key, first site kept (walk order is source order).
  // Made on first use: most units call nothing (a Map per unit up front cost a fifth of the analysis).
  const edges: (Map<string, CallEdge> | undefined)[] = new Array(units.length);
  const unresolved: (Map<string, UnresolvedCall> | undefined)[] = new Array(units.length);
  const c = t.calls;
  for (let i = 0; i < c.chain.length; i++) {
    const unit = c.unit[i];
    const chain = c.chain[i];
    // `new` is not followed: a constructor and the field initialisers it runs are not summarised (no finding, SPEC: favour none).
    if (unit === MODULE || chain === undefined || c.isNew[i]) continue;
    const at = loc(c.at[i]);
    const root = chain[0];
    if (root === "import" || root === "super") {
      addUnresolved(unresolved, units, unit, MODULE, root === "import" ? "import()" : chain.join("."), at);
      continue;
    }
    if (root === "this") {
      if (chain.length !== 2) continue;
      const ref = thisRef(b, units, unit, chain[1]);
      if (ref !== undefined && byRef.has(ref)) addEdge(edges, units, unit, MODULE, { kind: "local", ref }, at);
      else addUnresolved(unresolved, units, unit, MODULE, chain.join("."), at);
      continue;
    }
    const s = c.symbol[i];
    if (s === NONE) continue; // a global: MS103's list decides (an effect), nothing else to follow
    const origin = t.symbols.origin[s];
    if (origin !== undefined) {
      if (chain.length <= 2) addEdge(edges, units, unit, MODULE, chain.length === 1 ? { kind: "import", local: root } : { kind: "import", local: root, member: chain[1] }, at);
      continue;
    }
    const callee = unitOfSymbol.get(s);
    if (chain.length === 1 && callee !== undefined) {
      // A function declared in a unit around the call: units at or above that one hold its code already.
      addEdge(edges, units, unit, facts.bindings[s].unit, { kind: "local", ref: refs[callee]! }, at);
      continue;
    }
    // `C.m()`: C the top-level class (or, inside its body, the class's inner name for itself).
    if (chain.length === 2 && (t.symbols.scope[s] === TOP || isTopLevelClassScope(t, t.symbols.scope[s])) && byRef.has(`${root}.${chain[1]}`)) {
      addEdge(edges, units, unit, MODULE, { kind: "local", ref: `${root}.${chain[1]}` }, at);
      continue;
    }
    // A parameter, a local value, a reassigned function: nobody knows what it runs. Member calls on
    // values (`items.map`, `cache.get`) are not listed: they are data's own methods.
    if (chain.length === 1) addUnresolved(unresolved, units, unit, MODULE, root, at);
  }

  const functions: FunctionSummary[] = [];
  units.forEach((unit, u) => {
    const ref = refs[u];
    if (ref === undefined && unit.memoized === undefined) return;
    const fn: FunctionSummary = {
      name: unit.name,
      loc: loc(unit.loc),
      ...(ref !== undefined && { ref }),
      memoized: unit.memoized !== undefined,
      effects: effectsOf(facts, classified, u),
      calls: edges[u] === undefined ? [] : [...edges[u]!.values()].sort((a, z) => compareLoc(a.at, z.at) || compareStrings(targetKey(a), targetKey(z))),
      unresolved: unresolved[u] === undefined ? [] : [...unresolved[u]!.values()].sort((a, z) => compareLoc(a.at, z.at) || compareStrings(a.callee, z.callee)),
    };
    functions.push(fn);
  });
  functions.sort((a, z) => compareLoc(a.loc, z.loc) || compareStrings(a.name, z.name));

  return { imports: importsOf(t), exports: exportsOf(t), state: stateOf(t, facts, reassigned), functions };
}

/**
 * How calls name each unit. A unit bound to a binding (`binds`) that is never reassigned: its name
 * when the binding is top-level, else `name@line:column` of the binding (unique in the file). A method
 * of a top-level class, or an arrow or function a field of one holds: its report name (`C#m`, `C.m`).
 * A ref two units would share (`const A = class C {}; const B = class C {}`) names neither.
 */
function unitRefs(b: ScopeBuilder, units: readonly UnitFact[], reassigned: readonly boolean[]): { refs: (string | undefined)[]; unitOfSymbol: Map<number, number> } {
  const t = b.tables;
  const refs: (string | undefined)[] = [];
  const unitOfSymbol = new Map<number, number>();
  const symbolOfUnit = new Map<number, number>();
  const seen = new Map<string, number>();
  units.forEach((unit, u) => {
    let scope = b.unitScopes[u];
    if (scope !== NONE && t.scopes.kind[scope] === ScopeKind.FunctionName) scope = t.scopes.parent[scope];
    let ref: string | undefined;
    if (unit.binds === "default" && scope === TOP) ref = "default";
    else if (unit.binds !== undefined) {
      const s = findDeclared(t, scope, unit.binds);
      if (s !== NONE && !reassigned[s]) {
        unitOfSymbol.set(s, u);
        symbolOfUnit.set(u, s);
        const d = t.symbols.declared[s];
        ref = t.symbols.scope[s] === TOP ? unit.binds : `${unit.binds}@${d.line}:${d.column}`;
      }
    } else if (isTopLevelClassScope(t, scope) && (unit.kind === "method" || unit.kind === "constructor") && MEMBER.test(unit.name)) ref = unit.name;
    else if ((unit.kind === "arrow" || unit.kind === "function") && unit.parent !== MODULE && units[unit.parent].kind === "field" && units[unit.parent].name === unit.name) {
      // `handler = () => …`: `this.handler()` runs the arrow (the field unit only stores it).
      if (isTopLevelClassScope(t, b.unitScopes[unit.parent]) && MEMBER.test(unit.name)) ref = unit.name;
    }
    if (ref !== undefined) seen.set(ref, (seen.get(ref) ?? 0) + 1);
    refs.push(ref);
  });
  refs.forEach((ref, u) => {
    if (ref !== undefined && seen.get(ref)! > 1) {
      refs[u] = undefined;
      const s = symbolOfUnit.get(u);
      if (s !== undefined) unitOfSymbol.delete(s);
    }
  });
  return { refs, unitOfSymbol };
}

function isTopLevelClassScope(t: ScopeTables, scope: number): boolean {
  return scope !== NONE && t.scopes.kind[scope] === ScopeKind.Class && t.scopes.parent[scope] === TOP;
}

/** The symbol `name` declares from `scope` up to its var scope (where a declaration of it lands). */
function findDeclared(t: ScopeTables, scope: number, name: string): number {
  for (let s = scope; s !== NONE; s = t.scopes.parent[s]) {
    const own = t.scopes.names[s]?.get(name);
    if (own !== undefined) return own;
    if (t.scopes.flags[s] & ScopeFlag.Var) break;
  }
  return NONE;
}

/** `this.m()` in `unit`: the member of the class whose method (or field) owns that `this`, as a ref; undefined when that is no top-level class. */
function thisRef(b: ScopeBuilder, units: readonly UnitFact[], unit: number, member: string): string | undefined {
  let n = unit;
  while (n !== MODULE && units[n].kind === "arrow") n = units[n].parent;
  if (n === MODULE || !isTopLevelClassScope(b.tables, b.unitScopes[n])) return undefined;
  const m = MEMBER.exec(units[n].name);
  return m === null ? undefined : `${m[1]}${m[2]}${member}`;
}

function targetKey(edge: CallEdge): string {
  const t = edge.target;
  return t.kind === "local" ? `L:${t.ref}` : `I:${t.local}${t.member === undefined ? "" : `.${t.member}`}`;
}

/** Records a call for `unit` and each unit around it below `stop`, until one already has it. */
function addEdge(edges: (Map<string, CallEdge> | undefined)[], units: readonly UnitFact[], unit: number, stop: number, target: CallEdge["target"], at: Position): void {
  const edge: CallEdge = { target, at };
  const key = targetKey(edge);
  for (let u = unit; u !== stop && u !== MODULE; u = units[u].parent) {
    const known = (edges[u] ??= new Map());
    if (known.has(key)) break;
    known.set(key, edge);
  }
}

function addUnresolved(unresolved: (Map<string, UnresolvedCall> | undefined)[], units: readonly UnitFact[], unit: number, stop: number, callee: string, at: Position): void {
  for (let u = unit; u !== stop && u !== MODULE; u = units[u].parent) {
    const known = (unresolved[u] ??= new Map());
    if (known.has(callee)) break;
    known.set(callee, { callee, at });
  }
}

/** A unit's effects, from the classifier's evidence: reassigned captures read, captures written, non-deterministic globals called, imports read. */
function effectsOf(facts: FileFacts, classified: Classified, u: number): Effect[] {
  const out: Effect[] = [];
  const state = classified.units[u];
  for (const c of state.captures.values()) {
    const b = facts.bindings[c.binding];
    if (b.kind === "import") out.push({ what: "reads-import", local: b.name, at: loc(c.firstUse) });
    else if (c.written || c.nestedWrite) out.push({ what: "writes", name: b.name, kind: b.kind, declared: loc(b.declared), at: loc(c.firstWrite ?? c.firstUse) });
    else if (classified.reassigned[c.binding]) out.push({ what: "reads", name: b.name, kind: b.kind, declared: loc(b.declared), at: loc(c.firstUse) });
  }
  for (const [callee, at] of state.calls) out.push({ what: "calls", callee, at: loc(at) });
  return out.sort((a, z) => compareLoc(a.at, z.at) || compareStrings(a.what, z.what) || compareStrings(effectName(a), effectName(z)));
}

/** The name an effect is about. */
export function effectName(e: Effect): string {
  return e.what === "calls" ? e.callee : e.what === "reads-import" ? e.local : e.name;
}

function importsOf(t: ScopeTables): ModuleSummary["imports"] {
  const out: ModuleSummary["imports"] = [];
  const { symbols } = t;
  for (let s = 0; s < symbols.name.length; s++) {
    const origin = symbols.origin[s];
    if (origin !== undefined && symbols.scope[s] === TOP) out.push({ local: symbols.name[s], source: origin.source, imported: origin.imported });
  }
  return out.sort((a, z) => compareStrings(a.local, z.local));
}

function exportsOf(t: ScopeTables): ExportEntry[] {
  const out: ExportEntry[] = [];
  const e = t.exports;
  for (let i = 0; i < e.exported.length; i++) {
    const entry: ExportEntry = { exported: e.exported[i] };
    if (e.local[i] !== undefined) entry.local = e.local[i];
    if (e.source[i] !== undefined) entry.source = e.source[i];
    if (e.imported[i] !== undefined) entry.imported = e.imported[i];
    out.push(entry);
  }
  const { symbols } = t;
  for (let s = 0; s < symbols.name.length; s++) {
    if (symbols.scope[s] === TOP && symbols.flags[s] & SymbolFlag.Exported) out.push({ exported: symbols.name[s], local: symbols.name[s] });
  }
  const key = (x: ExportEntry) => `${x.exported}\0${x.source ?? ""}\0${x.imported ?? ""}\0${x.local ?? ""}`;
  out.sort((a, z) => compareStrings(key(a), key(z)));
  return out.filter((x, i) => i === 0 || key(out[i - 1]) !== key(x));
}

function stateOf(t: ScopeTables, facts: FileFacts, reassigned: readonly boolean[]): ModuleSummary["state"] {
  const out: ModuleSummary["state"] = [];
  facts.bindings.forEach((b, s) => {
    if (reassigned[s] && b.kind !== "import" && s < t.symbols.scope.length && t.symbols.scope[s] === TOP) out.push({ name: b.name, kind: b.kind, declared: loc(b.declared) });
  });
  return out.sort((a, z) => compareStrings(a.name, z.name) || compareLoc(a.declared, z.declared));
}

function loc(p: Position): { line: number; column: number } {
  return { line: p.line, column: p.column };
}
