import type { Store } from "./create";
import { MISS } from "./spec";

/**
 * `verify` (SPEC §4 rule 12), the runtime half: on every `round(1 / rate)`-th hit (a counter per cache, so
 * runs are repeatable) `get` answers MISS, so the generated code runs the original body and hands the result
 * to `set`; `set` recognises the pending sample by its key, compares instead of storing, and returns the
 * cached value. The generated code is the same with and without `verify`: only the spec carries it.
 *
 * Pending samples are a stack (a body may call the function again for other keys; those calls store as
 * usual). A body that throws leaves its sample behind: it is dropped when an outer sample completes, or at
 * the next microtask (every `set` of a sample happens in the same synchronous job as its `get`, async
 * functions included: they hand `set` their promise).
 */

/** What the build embeds for one function (see core/verify.ts). */
export interface VerifySpec {
  rate: number;
  name: string;
  where: string;
  report: string;
  strict?: boolean;
}

interface Pending {
  key: unknown[];
  cached: unknown;
}

const PREVIEW_LIMIT = 80;

/** Wraps a store's `get`/`getKey`/`set`/`setKey` so sampled hits are rechecked. */
export function verifyStore(store: Store, verify: VerifySpec, receiver: boolean): void {
  const every = Math.max(1, Math.round(1 / verify.rate));
  let hits = 0;
  let reported = false;
  let busy = false;
  const pending: Pending[] = [];
  const target = store as any;

  const mismatch = (cached: unknown, fresh: unknown): Error | undefined => {
    if (reported && !verify.strict) return undefined;
    reported = true;
    const message =
      `[memoscope] verify: a cache hit of ${verify.name} (${verify.where}) differs from what its body computes now: ` +
      `cached ${preview(cached)}, fresh ${preview(fresh)}. Its result depends on more than its arguments. ` +
      `Capture report: ${verify.report.replace(/\.$/, "")}.`;
    if (verify.strict) return new Error(message);
    console.warn(message + " (Reported once for this function.)");
    return undefined;
  };

  /** Compares a completed sample; returns what the call returns. */
  const settle = (cached: unknown, fresh: unknown): unknown => {
    if (isThenable(cached) || isThenable(fresh)) {
      const compared = Promise.all([outcome(cached), outcome(fresh)]).then(([a, b]) => {
        // Both rejected: nothing was cached from a rejection, so there is nothing to compare.
        const shown = (o: Outcome) => (o.ok ? o.value : o.error);
        if (a.ok !== b.ok || (a.ok && !sameStructure(shown(a), shown(b)))) {
          const problem = mismatch(shown(a), shown(b));
          if (problem) throw problem;
        }
        return cached;
      });
      // Strict: the caller awaits the comparison (and sees its error); otherwise the cached promise itself, unchanged.
      if (verify.strict) return compared.then(() => cached);
      compared.then(undefined, () => undefined);
      return cached;
    }
    if (!sameStructure(cached, fresh)) {
      const problem = mismatch(cached, fresh);
      if (problem) throw problem;
    }
    return cached;
  };

  const sample = (key: unknown[], cached: unknown): unknown => {
    // Hits inside a rerun are not sampled: a sample costs one run of the body, never a cascade through recursion.
    if (cached === MISS || pending.length > 0 || ++hits % every !== 0) return cached;
    const entry: Pending = { key, cached };
    pending.push(entry);
    void Promise.resolve().then(() => {
      const at = pending.indexOf(entry);
      if (at >= 0) pending.splice(at, 1);
    });
    return MISS;
  };

  const complete = (key: unknown[]): Pending | undefined => {
    for (let i = pending.length - 1; i >= 0; i--) {
      if (sameKey(pending[i].key, key)) {
        const entry = pending[i];
        // Entries above it are samples whose bodies threw.
        pending.length = i;
        return entry;
      }
    }
    return undefined;
  };

  const around = (name: string, keyOf: (args: unknown[]) => unknown[], isSet: boolean) => {
    const original = target[name];
    if (typeof original !== "function") return;
    target[name] = function (...args: unknown[]) {
      if (busy) return original.apply(store, args);
      if (isSet && pending.length > 0) {
        const entry = complete(keyOf(args.slice(0, -1)));
        if (entry) return settle(entry.cached, args[args.length - 1]);
      }
      busy = true;
      let result: unknown;
      try {
        result = original.apply(store, args);
      } finally {
        busy = false;
      }
      return isSet ? result : sample(keyOf(args), result);
    };
  };
  const spread = (args: unknown[]) => args;
  const listed = receiver ? (args: unknown[]) => [args[0], ...Array.prototype.slice.call(args[1])] : (args: unknown[]) => Array.prototype.slice.call(args[0]);
  around("get", spread, false);
  around("set", spread, true);
  around("getKey", listed, false);
  around("setKey", listed, true);
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
  return true;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as any).then === "function";
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function outcome(value: unknown): Promise<Outcome> {
  return Promise.resolve(value).then(
    (v): Outcome => ({ ok: true, value: v }),
    (e): Outcome => ({ ok: false, error: e }),
  );
}

/**
 * Structural equality, as `key=json` sees arguments (SameValueZero primitives; arrays, plain objects, `Date`,
 * `Map`, `Set` by content), and more lenient where a fresh run cannot give the same identity: class instances
 * by prototype and own properties, typed arrays by content, `RegExp` and `Error` by their text, functions by
 * source text, promises inside values as equal (a nested promise cannot be compared at once). Cycles are
 * followed once (a pair already being compared counts as equal).
 */
export function sameStructure(a: unknown, b: unknown, seen: Map<object, object> = new Map()): boolean {
  if (a === b || (a !== a && b !== b)) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (typeof a === "function") return String(a) === String(b);
  if (typeof a !== "object") return false;
  const x = a as any;
  const y = b as any;
  if (seen.get(x) === y) return true;
  seen.set(x, y);
  if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
  if (Array.isArray(x)) return x.length === y.length && x.every((v: unknown, i: number) => sameStructure(v, y[i], seen));
  if (isThenable(x)) return true;
  if (x instanceof Date) return Object.is(x.getTime(), y.getTime());
  if (x instanceof RegExp || x instanceof Error) return String(x) === String(y);
  if (ArrayBuffer.isView(x)) return x.byteLength === (y as ArrayBufferView).byteLength && sameStructure(Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)), Array.from(new Uint8Array(y.buffer, y.byteOffset, y.byteLength)), seen);
  if (x instanceof Map) {
    if (x.size !== y.size) return false;
    for (const [k, v] of x) if (!y.has(k) || !sameStructure(v, y.get(k), seen)) return sameStructure([...x], [...y], seen);
    return true;
  }
  if (x instanceof Set) {
    if (x.size !== y.size) return false;
    for (const v of x) if (!y.has(v)) return sameStructure([...x], [...y], seen);
    return true;
  }
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameStructure(x[k], y[k], seen));
}

/** A value in short for the message: JSON-like text, cut at a few dozen characters. */
export function preview(value: unknown): string {
  let text: string;
  try {
    if (typeof value === "string") text = JSON.stringify(value);
    else if (typeof value === "bigint") text = `${value}n`;
    else if (typeof value === "function") text = `[function ${value.name || "anonymous"}]`;
    else if (typeof value !== "object" || value === null) text = String(value);
    else if (value instanceof Map) text = `Map(${value.size}) ${JSON.stringify([...value])}`;
    else if (value instanceof Set) text = `Set(${value.size}) ${JSON.stringify([...value])}`;
    else if (value instanceof Date || value instanceof RegExp || value instanceof Error) text = String(value);
    else {
      const name = (value as object).constructor?.name;
      const json = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v === undefined ? "undefined" : v));
      text = (name && name !== "Object" && name !== "Array" ? name + " " : "") + (json ?? String(value));
    }
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > PREVIEW_LIMIT ? text.slice(0, PREVIEW_LIMIT - 1) + "…" : text;
}
