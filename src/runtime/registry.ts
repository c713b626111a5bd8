import type { ReceiverCache, Store } from "./create";
import type { CacheInfo } from "./spec";

/**
 * Version of what one runtime copy reads from another's stores and registry (the `Store` methods
 * `cacheOf` calls). Bump it when that changes: copies of different versions then keep apart instead
 * of calling methods the other lacks, and `cacheOf` says two versions are loaded.
 */
const PROTOCOL = 1;

/**
 * A memoized function (wrapper or rewritten declaration) carries its store under this symbol. A
 * property, not a WeakMap entry: a factory that makes memoized closures pays a property store, not a
 * WeakMap insertion and the ephemeron work the collector does for every dead entry. `Symbol.for`, so
 * the ESM and CommonJS copies of the runtime (a dual package) put and read the same property.
 */
const STORE: unique symbol = Symbol.for(`memoscope.store.v${PROTOCOL}`) as any;

/** What every runtime copy of one protocol shares: home object → method name → store. */
interface SharedRegistry {
  readonly protocol: number;
  readonly byHome: WeakMap<object, Map<string, Store>>;
}

/**
 * One registry per process (per realm), whichever copy loads first creates it: generated code may load
 * the ESM build (`import`) and user code the CommonJS build (`require`), or a bundle may hold both, and
 * `cacheOf` must find every memoized method either way. Non-enumerable, so it stays out of the way.
 */
function sharedRegistry(): SharedRegistry {
  const key = Symbol.for(`memoscope.registry.v${PROTOCOL}`);
  const holder = globalThis as unknown as Record<symbol, SharedRegistry | undefined>;
  const existing = holder[key];
  if (existing !== undefined && existing.protocol === PROTOCOL && existing.byHome instanceof WeakMap) return existing;
  const created: SharedRegistry = Object.freeze({ protocol: PROTOCOL, byHome: new WeakMap<object, Map<string, Store>>() });
  Object.defineProperty(globalThis, key, { value: created, enumerable: false, writable: false, configurable: true });
  return created;
}

const byHome = sharedRegistry().byHome;

function storeOf(fn: unknown): Store | undefined {
  return typeof fn === "function" && Object.prototype.hasOwnProperty.call(fn, STORE) ? (fn as any)[STORE] : undefined;
}

/**
 * A receiver-keyed store, recognised by its method rather than `instanceof`: a store made by the other
 * copy of the runtime is an instance of that copy's class.
 */
function isReceiverCache(store: Store): store is ReceiverCache {
  return typeof (store as Partial<ReceiverCache>).forReceiver === "function";
}

/** Records that `fn` is memoized with `store`, so `cacheOf(fn)` finds it. */
export function registerFunction(fn: Function, store: Store): void {
  (fn as any)[STORE] = store;
}

/** Records memoized methods of a home object, so `cacheOf(instance, "name")` finds them. */
export function registerMethod(home: object, name: string, store: Store): void {
  let methods = byHome.get(home);
  if (methods === undefined) byHome.set(home, (methods = new Map()));
  methods.set(name, store);
}

/** The cache controls that `cacheOf` returns, typed by the memoized function's parameters. */
export interface CacheControl<Args extends unknown[] = unknown[]> {
  /** Drops every entry (for a method: every entry of this instance). */
  clear(): void;
  /** Drops the entry for these arguments; true if there was one. */
  delete(...args: Args): boolean;
  /** True if a call with these arguments would be a hit. */
  has(...args: Args): boolean;
  /** Hits, misses, current size and the `max` bound (undefined when unbounded). */
  info(): CacheInfo;
}

function controlOf(store: Store, receiver: unknown, whole: boolean): CacheControl<any[]> {
  if (!isReceiverCache(store)) {
    return {
      clear: () => store.clear(),
      delete: (...args) => store.deleteKey(args),
      has: (...args) => store.hasKey(args),
      info: () => store.info(),
    };
  }
  const cache = () => store.forReceiver(receiver, false);
  return {
    clear: () => {
      if (whole) return store.clear();
      const own = cache();
      if (own !== undefined) {
        store.size -= own.count();
        own.clear();
      }
    },
    delete: (...args) => {
      const own = cache();
      if (own === undefined || !own.deleteKey(args)) return false;
      store.size--;
      return true;
    },
    has: (...args) => cache()?.hasKey(args) ?? false,
    info: () => {
      if (whole) return store.info();
      const own = cache();
      return own?.info() ?? { hits: 0, misses: 0, size: 0, max: store.info().max };
    },
  };
}

type AnyFunction = (...args: any[]) => any;
type ArgsOf<T> = T extends (...args: infer A) => any ? A : [];

/**
 * Cache control for a memoized function, or for a memoized method, getter or field of an instance
 * (`cacheOf(cart, "total")`; private methods by their `#name`). Throws a `TypeError` when the target
 * was not memoized by memoscope.
 */
export function cacheOf<F extends AnyFunction>(fn: F): CacheControl<Parameters<F>>;
export function cacheOf<T extends object, K extends keyof T & string>(instance: T, method: K): CacheControl<ArgsOf<T[K]>>;
export function cacheOf(instance: object, method: `#${string}`): CacheControl<unknown[]>;
export function cacheOf(target: unknown, method?: string): CacheControl<any[]> {
  if (method === undefined) {
    const store = storeOf(target);
    if (store === undefined) throw new TypeError(`cacheOf: ${describe(target)} is not a function memoized by memoscope (tag it with /** @memoize */)${otherVersion(target)}`);
    return controlOf(store, undefined, true);
  }
  if ((typeof target !== "object" || target === null) && typeof target !== "function") {
    throw new TypeError(`cacheOf: expected an object and a method name, got ${describe(target)}`);
  }
  for (let home: object | null = target as object; home !== null; home = Object.getPrototypeOf(home)) {
    const store = byHome.get(home)?.get(method);
    if (store !== undefined) return controlOf(store, target, false);
  }
  const value = method.startsWith("#") ? undefined : (target as Record<string, unknown>)[method];
  const store = storeOf(value);
  if (store === undefined) throw new TypeError(`cacheOf: ${method} of ${describe(target)} is not memoized by memoscope (tag it with /** @memoize */)${otherVersion(value) || otherVersion(globalThis)}`);
  return controlOf(store, target, !isReceiverCache(store));
}

/**
 * Error-path hint: `target` carries the store symbol (or, for `globalThis`, the registry) of another
 * protocol version, i.e. two incompatible memoscope runtimes are loaded and each sees only its own caches.
 */
function otherVersion(target: unknown): string {
  if ((typeof target !== "object" || target === null) && typeof target !== "function") return "";
  const mark = target === globalThis ? /^memoscope\.registry\.v(\d+)$/ : /^memoscope\.store\.v(\d+)$/;
  for (const symbol of Object.getOwnPropertySymbols(target)) {
    const version = mark.exec(symbol.description ?? "")?.[1];
    if (version !== undefined && Number(version) !== PROTOCOL) {
      return `; a memoscope runtime of another version (protocol ${version}, this one is ${PROTOCOL}) is loaded too: install a single memoscope version (npm dedupe)`;
    }
  }
  return "";
}

function describe(value: unknown): string {
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "object" && value !== null) return value.constructor?.name ? `a ${value.constructor.name}` : "an object";
  return String(value);
}
