import type { Position } from "../diagnostics";

/**
 * The AST-neutral facts of one file, for the capture classifier: the scope resolver (../scope) makes
 * them from what a front end lowered (src/babel/lower.ts, src/ts/lower.ts); the classifier
 * (classify.ts) turns them into report records, so both hosts agree by construction.
 *
 * Ids are array indexes. `MODULE` (-1) stands for the module (top level) wherever a unit id is
 * expected. Units are listed in pre-order: a unit's parent always has a smaller id.
 * Positions: line 1-based, column 0-based (UTF-16 code units), as Babel reports them.
 */

/** The module (top level), wherever a unit id is expected. */
export const MODULE = -1;

/** What kind of closure a unit is. Each has its own `this`, except `arrow`. */
export type UnitKind = "function" | "arrow" | "method" | "getter" | "setter" | "constructor" | "field" | "static-block";

/** How a memoized function's parameter looks from its syntax, for MS104 (unbounded cache on string/object keys). */
export type ParamShape = "string" | "object" | "other" | "unknown";

/** The `memoized` summary of a tag, as the report shows it (see `memoizedSummary` in plan.ts). */
export interface MemoSummary {
  max?: number;
  ttlMs?: number;
  /** `identity`, `json`, or the name of the key function. */
  key: string;
  weak?: true;
}

/**
 * A closure: function declaration or expression, arrow, object or class method, getter, setter,
 * constructor, class field initialiser (only the initialiser expression belongs to it) or class
 * static block. Computed keys and decorators of a member belong to the enclosing unit.
 */
export interface UnitFact {
  kind: UnitKind;
  /**
   * Display name. Rules (both front ends follow them): a function's own id; else the name it is
   * bound to (`const f =`, `f =`, `obj.f =`, `{ f: … }`, a default `f = …`, `export default` → `default`);
   * class members `Class#member` (instance) or `Class.member` (static), with `constructor` and
   * `<static>` for static blocks, private members keep their `#`, the class name being its id, else
   * the name it is bound to, else `<anonymous>`; a computed key is `[computed]`; else `<anonymous>`.
   */
  name: string;
  /** Where the host's node starts (a class member at its first modifier or decorator). */
  loc: Position;
  /** Enclosing unit, or MODULE. */
  parent: number;
  /** Present when the unit is memoized. */
  memoized?: MemoSummary;
  /** Parameter shapes (memoized units only; optional otherwise), for MS104. */
  params?: ParamShape[];
  /**
   * The binding whose value the unit is, when a call by that name runs it: a function declaration's
   * name, `const f = () => …` / `= function …`'s `f`, `default` for an anonymous `export default`
   * function. For the whole-program summary (calls by name); never shown in the report.
   */
  binds?: string;
}

/** What declared a binding. */
export type BindingKind = "param" | "var" | "let" | "const" | "using" | "function" | "class" | "import" | "catch" | "enum" | "namespace";

/** A value binding (never a type-only one). */
export interface BindingFact {
  name: string;
  kind: BindingKind;
  /** The unit whose environment holds the binding, or MODULE. */
  unit: number;
  /** Position of the declaring identifier (first declaration when there are several). */
  declared: Position;
  /**
   * True when the binding is assigned after its declaration by something that is not a write
   * reference: a redeclaration with an initialiser (`var x = 1; var x = 2`, or a param `x` and
   * `var x = …` sharing one binding), a `var` initialiser or `for (var x of …)` head that runs once per
   * loop iteration. Write references (below) imply it; the classifier ORs them in.
   */
  reassigned: boolean;
}

/**
 * A use of a name in a value position. Type positions are never references. A front end must list
 * every reference inside a unit, and every write reference anywhere (module level too, since writes
 * decide `reassigned`); reads at module level may be left out.
 */
export interface ReferenceFact {
  name: string;
  /** Innermost unit the reference occurs in, or MODULE. */
  unit: number;
  /** Resolved binding id, or null for a global (unresolved) name. */
  binding: number | null;
  read: boolean;
  write: boolean;
  at: Position;
}

/** Keywords an arrow takes from its surroundings. */
export type LexicalKeyword = "this" | "arguments" | "new.target" | "super";

/**
 * A use of `this`, `arguments` (when no binding named `arguments` is in scope), `new.target` or
 * `super`, in the innermost unit it occurs in. The classifier decides: in an arrow it is lexical and
 * also lexical for each enclosing arrow up to the first non-arrow unit, which owns it. An `arguments`
 * with no non-arrow unit around it (an arrow at top level) is an ordinary unresolved name: a global.
 */
export interface LexicalFact {
  unit: number;
  keyword: LexicalKeyword;
}

/**
 * A direct `eval(…)` call or a `with` statement, in the innermost unit (or MODULE) holding it. Every
 * unit that starts inside a `with` body also gets a `with` marker of its own.
 */
export interface DynamicFact {
  unit: number;
  kind: "eval" | "with";
  at: Position;
}

/**
 * A call or `new` whose callee is a global name or a member chain rooted at one (`Math.random`,
 * `crypto.getRandomValues`); `globalThis.`, `window.`, `self.` and `global.` prefixes may be kept or
 * dropped (the classifier drops them). Only needed inside units; used for MS103.
 */
export interface CallFact {
  unit: number;
  /** Dotted callee, e.g. `Date.now`, `Date`. Computed members with a string literal count as dotted. */
  callee: string;
  isNew: boolean;
  argCount: number;
  at: Position;
}

/** Everything a front end collects from one file. */
export interface FileFacts {
  units: UnitFact[];
  bindings: BindingFact[];
  references: ReferenceFact[];
  lexical: LexicalFact[];
  dynamic: DynamicFact[];
  calls: CallFact[];
}

/** An empty facts object to fill in. */
export function emptyFacts(): FileFacts {
  return { units: [], bindings: [], references: [], lexical: [], dynamic: [], calls: [] };
}
