import type { BindingKind } from "../captures/facts";
import type { Loc } from "../report/model";

/**
 * What the whole-program pass (reach.ts, SPEC §5b) needs of one source file, made by the front end's
 * one walk (no second walk, no AST): plain JSON, deterministic (every array sorted), so it can travel
 * in the report store's fragment and be read back by `memoscope report` or a bundler at build end.
 * Positions: line 1-based, column 0-based, as in the report.
 */

/** One file's summary. */
export interface ModuleSummary {
  /** Import bindings: `imported` is a name, `default`, or `*` (a namespace import). Sorted by `local`. */
  imports: ImportEntry[];
  /**
   * What the module exports: declarations too (`export function f` → `{ exported: "f", local: "f" }`);
   * re-exports carry `source` (and `imported`; `*` for `export *` / `export * as ns`). Sorted.
   */
  exports: ExportEntry[];
  /** Top-level value bindings reassigned anywhere in the module (setters too): what an importer reads live. Sorted by name. */
  state: StateEntry[];
  /** Units that are memoized or can be called by name (`ref`). Sorted by loc. */
  functions: FunctionSummary[];
}

/** An import binding. */
export interface ImportEntry {
  local: string;
  source: string;
  /** A name, `default`, or `*` (namespace). */
  imported: string;
}

/** One export of a module. */
export interface ExportEntry {
  /** The name importers see (`default`; `*` for `export * from`). */
  exported: string;
  /** The local binding exported (absent for a re-export). */
  local?: string;
  /** The module re-exported from. */
  source?: string;
  /** For a re-export: the name in `source` (`*` for a whole namespace). */
  imported?: string;
}

/** A module-level binding that is reassigned. */
export interface StateEntry {
  name: string;
  kind: BindingKind;
  declared: Loc;
}

/** A unit (closure) the pass may reach or must check. */
export interface FunctionSummary {
  /** Display name and loc, as in the report's closure record. */
  name: string;
  loc: Loc;
  /** How a call names it: a top-level binding name (`findSku`), or `C#m` / `C.m` for class members. */
  ref?: string;
  memoized: boolean;
  /** Its own code's effects and those of functions nested in it, sorted by position. */
  effects: Effect[];
  /** Calls the pass can follow (its own and nested functions'), sorted by position. */
  calls: CallEdge[];
  /** Calls nobody can resolve (parameter, local non-function, captured outer function value, dynamic `import()`, `this.x()` with no such method). Sorted. */
  unresolved: UnresolvedCall[];
}

/** A followable call. */
export interface CallEdge {
  target: CallTarget;
  at: Loc;
}

/** A call that cannot be followed. `callee` is the call's text as a chain (`cb`, `this.x`, `import()`). */
export interface UnresolvedCall {
  callee: string;
  at: Loc;
}

/** Something impure a function does itself (or in a function nested in it). */
export type Effect =
  /** Reads a captured binding that is reassigned. */
  | { what: "reads"; name: string; kind: BindingKind; declared: Loc; at: Loc }
  /** Writes a binding it does not own. */
  | { what: "writes"; name: string; kind: BindingKind; declared: Loc; at: Loc }
  /** Calls a non-deterministic global, named as MS103 names it (`Date.now()`). */
  | { what: "calls"; callee: string; at: Loc }
  /** Reads a captured import: impure only if its exporter reassigns it (the pass decides). */
  | { what: "reads-import"; local: string; at: Loc };

/** Where a followable call goes. */
export type CallTarget =
  /** A function of this file, by `FunctionSummary.ref` (`f()`, `this.m()`, `C.m()`). */
  | { kind: "local"; ref: string }
  /** An imported binding called (`f()`), or a member of it (`ns.f()`, `def.f()`). */
  | { kind: "import"; local: string; member?: string };

/** An empty summary (a file with nothing to say). */
export function emptySummary(): ModuleSummary {
  return { imports: [], exports: [], state: [], functions: [] };
}

/** Orders positions: by line, then column. */
export function compareLoc(a: Loc, b: Loc): number {
  return a.line - b.line || a.column - b.column;
}
