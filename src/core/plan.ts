import { Codes, error, type Diagnostic } from "./diagnostics";
import type { TagOptions } from "./tag";
import type { VerifyData } from "./verify";

/**
 * Planning a rewrite: the front end describes a tagged function in AST-free terms, the core decides
 * whether it can be cached and how the generated code keys the cache. Both front ends emit the same
 * three shapes from a plan:
 *
 * - `inline` (function declarations, methods, getters, and arrows or function expressions that are
 *   the whole initialiser of a variable declared by their own statement): the function keeps its
 *   own node, name, length and hoisting; its body becomes `get` / `set` on a store created once per
 *   enclosing scope (declarations: at the top of the scope; variables: just before their statement,
 *   so the store is made exactly as often as the function) or once per module (methods, keyed by
 *   receiver).
 * - `expression` (other arrows and function expressions: arguments, property values, fields): the
 *   expression becomes `memoize(expr, spec)`, so each evaluation of the expression gets its own cache.
 */

/** What the front end tells the core about a tagged target, from syntax alone. */
export interface TargetFacts {
  /** Syntactic kind of the target. */
  kind: "function" | "arrow" | "method" | "getter" | "setter" | "constructor" | "generator" | "bodiless" | "class" | "value";
  /** Human name for messages, e.g. `fib`, `Cart#total`. */
  label: string;
  async: boolean;
  /** Declared parameters before any rest parameter. */
  paramCount: number;
  hasRest: boolean;
  /** Body (or parameter defaults) use the function's own `arguments`. */
  usesArguments: boolean;
  /** Body uses the function's own `this` (never true for arrows). */
  usesThis: boolean;
  /** An arrow or function expression, not a declaration or method. */
  expression: boolean;
  /** The expression is the whole initialiser of a `const/let/var x = …` statement of its own (inline form). */
  ownStatement?: boolean;
  /** Name the memoized function must carry, when the rewrite would otherwise lose it. */
  name?: string;
  /** A named function expression that refers to its own name. */
  selfReference?: boolean;
}

/** The spec object emitted into generated code (see `MemoSpec` in the runtime). */
export interface SpecData {
  arity: number;
  receiver?: true;
  async?: true;
  max?: number;
  ttlMs?: number;
  /** `json`, or the name of the key function (emitted as a thunk `() => NAME`). */
  key?: { json: true } | { name: string };
  weak?: true;
  name?: string;
  self?: true;
  /** Set by the front end when `verify` is on (never by the plan): the runtime rechecks sampled hits. */
  verify?: VerifyData;
}

/** A decided rewrite, or the reason there is none. */
export type Plan =
  | { ok: true; form: "inline" | "expression"; spec: SpecData; variadic: boolean }
  | { ok: false; diagnostic: Diagnostic };

const REJECTIONS: Partial<Record<TargetFacts["kind"], [string, (label: string) => string]>> = {
  generator: [Codes.generator, (l) => `${l} is a generator; memoscope cannot cache it, because each call returns a fresh iterator that is consumed as it is read. Remove @memoize, or cache the values it yields.`],
  setter: [Codes.setter, (l) => `${l} is a setter; a setter returns nothing and is called for its side effect, so there is nothing to cache. Remove @memoize, or tag the getter.`],
  constructor: [Codes.constructor, (l) => `${l} is a constructor; it must build a new object on every \`new\`, so it cannot be cached. Tag a static factory method instead.`],
  bodiless: [Codes.noBody, (l) => `${l} has no body (a \`declare\`, abstract or overload-only signature), so there is nothing to cache. Tag the implementation.`],
  class: [Codes.notAFunction, (l) => `${l} is a class, not a function; memoize its methods instead.`],
  value: [Codes.notAFunction, (l) => `@memoize must tag a function (declaration, arrow, function expression, method or getter); ${l} is not one.`],
};

/** Decides how to rewrite a tagged target. */
export function planTarget(facts: TargetFacts, options: TagOptions): Plan {
  const rejection = REJECTIONS[facts.kind];
  if (rejection !== undefined) return { ok: false, diagnostic: error(rejection[0], rejection[1](facts.label)) };
  const variadic = facts.hasRest || facts.usesArguments;
  const receiver = facts.kind === "method" || facts.kind === "getter" || (facts.kind === "function" && facts.usesThis);
  const spec: SpecData = { arity: variadic ? -1 : facts.kind === "getter" ? 0 : facts.paramCount };
  if (receiver) spec.receiver = true;
  if (facts.async) spec.async = true;
  if (options.max !== undefined) spec.max = options.max;
  if (options.ttlMs !== undefined) spec.ttlMs = options.ttlMs;
  if (options.key.kind === "json") spec.key = { json: true };
  if (options.key.kind === "function") spec.key = { name: options.key.name };
  if (options.weak) spec.weak = true;
  const form = facts.expression && !facts.ownStatement ? "expression" : "inline";
  // The inline form keeps the function's node, so JavaScript names it; the expression form's wrapper needs the name.
  if (facts.name !== undefined && (form === "expression" || facts.kind === "function" && !facts.expression)) spec.name = facts.name;
  if (facts.selfReference && form === "expression") spec.self = true;
  return { ok: true, form, spec, variadic };
}

/** The report's `memoized` field for a tag. */
export function memoizedSummary(options: TagOptions): { max?: number; ttlMs?: number; key: string; weak?: true } {
  const key = options.key.kind === "function" ? options.key.name : options.key.kind;
  return {
    ...(options.max !== undefined && { max: options.max }),
    ...(options.ttlMs !== undefined && { ttlMs: options.ttlMs }),
    key,
    ...(options.weak && { weak: true as const }),
  };
}
