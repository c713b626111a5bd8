import { createStore, nameStore, takesLabel, type KeyedCache, type ReceiverCache, type Store } from "./create";
import { registerFunction, registerMethod } from "./registry";
import { MISS as missSentinel, type MemoSpec } from "./spec";

/** A module-local copy: compiled imports read a property of the module object on every use, and the wrappers compare with it on every call. */
const MISS = missSentinel;

type Fn = (this: unknown, ...args: any[]) => unknown;

/**
 * Inline form, for function declarations and methods: the rewritten function keeps its own node and
 * asks this store `get(...)` / `set(..., value)` around its original body. `fn` is the declaration, so
 * `cacheOf(fn)` finds it.
 */
export function store(spec: MemoSpec, fn?: Function): Store {
  const created = createStore(spec);
  if (fn !== undefined) {
    registerFunction(fn, created);
    // Only key=json messages use the name: other caches are made without the extra work.
    if (spec.key === "json") nameStore(created, spec.name ?? fn.name);
    if (spec.name !== undefined && fn.name !== spec.name) Object.defineProperty(fn, "name", { value: spec.name, configurable: true });
  }
  return created;
}

/** Registers `fn` (a memoized `const f = …` arrow or function expression) with its store for `cacheOf`. Returns `fn`. */
export function own<F extends Function>(fn: F, fnStore: Store): F {
  registerFunction(fn, fnStore);
  // Tested first: reading `fn.name` costs a factory call more than the rest of `own` (bench: create, arrow).
  if (takesLabel(fnStore)) nameStore(fnStore, fn.name);
  return fn;
}

/** Registers the memoized methods of a home object (a prototype, a class, an object literal). Returns `home`. */
export function home<T extends object>(target: T, ...stores: Array<[string, Store]>): T {
  const owner = typeof target === "function" ? (target as Function).name : (target as { constructor?: { name?: unknown } }).constructor?.name;
  const prefix = typeof owner === "string" && owner !== "" && owner !== "Object" ? `${owner}.` : "";
  for (const [name, methodStore] of stores) {
    registerMethod(target, name, methodStore);
    nameStore(methodStore, prefix + name);
  }
  return target;
}

/**
 * Expression form, for arrows and function expressions: wraps `impl` in an arity-specialised closure
 * with its own cache (so a memoized function made by a factory has its own). With `spec.self`, `impl`
 * is a factory that receives the wrapper, so a named function expression calling itself hits the cache.
 */
export function memoize<F extends Fn>(impl: F | ((self: F) => F), spec: MemoSpec): F {
  const cache = createStore(spec);
  const ref = { fn: impl as Fn };
  const wrapper = wrap(cache, spec, ref);
  if (spec.self) ref.fn = (impl as (self: Fn) => Fn)(wrapper);
  const fn = ref.fn;
  if (spec.name !== undefined) Object.defineProperty(wrapper, "name", { value: spec.name, configurable: true });
  if (wrapper.length !== fn.length) Object.defineProperty(wrapper, "length", { value: fn.length, configurable: true });
  registerFunction(wrapper, cache);
  if (spec.key === "json") nameStore(cache, spec.name ?? fn.name);
  return wrapper as F;
}

/** The wrapper closure, specialised by arity and receiver so the hit path is one lookup per position. */
function wrap(store: Store, spec: MemoSpec, ref: { fn: Fn }): Fn {
  if (spec.receiver) {
    const cache = store as ReceiverCache;
    if (spec.arity < 0) {
      return function (this: unknown) {
        const hit = cache.getKey(this, arguments);
        return hit !== MISS ? hit : cache.setKey(this, arguments, ref.fn.apply(this, arguments as any));
      };
    }
    return function (this: unknown, ...args: unknown[]) {
      const hit = cache.getKey(this, args);
      return hit !== MISS ? hit : cache.setKey(this, args, ref.fn.apply(this, args));
    };
  }
  const cache = store as KeyedCache & { get: Fn; set: Fn };
  switch (spec.arity) {
    case 0:
      return function (this: unknown) {
        const hit = cache.get();
        return hit !== MISS ? hit : cache.set(ref.fn.call(this));
      };
    case 1:
      return function (this: unknown, a: unknown) {
        const hit = cache.get(a);
        return hit !== MISS ? hit : cache.set(a, ref.fn.call(this, a));
      };
    case 2:
      return function (this: unknown, a: unknown, b: unknown) {
        const hit = cache.get(a, b);
        return hit !== MISS ? hit : cache.set(a, b, ref.fn.call(this, a, b));
      };
    case 3:
      return function (this: unknown, a: unknown, b: unknown, c: unknown) {
        const hit = cache.get(a, b, c);
        return hit !== MISS ? hit : cache.set(a, b, c, ref.fn.call(this, a, b, c));
      };
  }
  if (spec.arity < 0) {
    return function (this: unknown) {
      const hit = cache.getKey(arguments);
      return hit !== MISS ? hit : cache.setKey(arguments, ref.fn.apply(this, arguments as any));
    };
  }
  return function (this: unknown, ...args: unknown[]) {
    const hit = cache.getKey(args);
    return hit !== MISS ? hit : cache.setKey(args, ref.fn.apply(this, args));
  };
}
