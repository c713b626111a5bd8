import { createCache0, createCache1, createCache2, createCache3 } from "./fast";
import { GeneralCache } from "./general";
import { jsonKey } from "./json-key";
import { createLru } from "./lru";
import { MISS, type CacheInfo, type MemoSpec } from "./spec";
import { verifyStore } from "./verify";

/** What every cache class offers `cacheOf`, receiver caches and async eviction. */
export interface KeyedCache {
  /** Entries held now. */
  count(): number;
  getKey(args: ArrayLike<unknown>): unknown;
  setKey(args: ArrayLike<unknown>, value: unknown): unknown;
  peekKey(args: ArrayLike<unknown>): unknown;
  hasKey(args: ArrayLike<unknown>): boolean;
  deleteKey(args: ArrayLike<unknown>): boolean;
  clear(): void;
  info(): CacheInfo;
}

/** Picks the cheapest cache that honours the spec's key options (receiver aside). */
export function createKeyCache(spec: MemoSpec): KeyedCache {
  const plain = spec.max === undefined && spec.ttlMs === undefined && !spec.weak && spec.key === undefined;
  if (plain) {
    switch (spec.arity) {
      case 0:
        return createCache0();
      case 1:
        return createCache1();
      case 2:
        return createCache2();
      case 3:
        return createCache3();
    }
  }
  const lruOnly = spec.max !== undefined && spec.ttlMs === undefined && !spec.weak && spec.key === undefined;
  if (lruOnly) {
    if (spec.arity >= 1 && spec.arity <= 3) return createLru(spec.arity as 1 | 2 | 3, spec.max!);
  }
  return new GeneralCache({
    arity: spec.arity,
    max: spec.max,
    ttlMs: spec.ttlMs,
    weak: spec.weak === true,
    keyOf: keyFunction(spec),
  });
}

/** `key=json` and `key=NAME` reduce the arguments to one key part. NAME is resolved on first use. */
function keyFunction(spec: MemoSpec): ((args: ArrayLike<unknown>, label: string | undefined) => unknown[]) | undefined {
  const key = spec.key;
  if (key === undefined) return undefined;
  if (key === "json") return (args, label) => [jsonKey(args, label ?? spec.name ?? "a memoized function")];
  let resolved: ((...args: unknown[]) => unknown) | undefined;
  return (args) => {
    resolved ??= key();
    if (typeof resolved !== "function") throw new TypeError(`memoscope: the key function of ${spec.name ?? "a memoized function"} is not a function`);
    return [resolved(...Array.prototype.slice.call(args))];
  };
}

/**
 * Receiver-keyed cache: one key cache per receiver (`this`), objects held in a `WeakMap` so a cache
 * never keeps an instance alive. Generated code calls `get(this, a, b)` and `set(this, a, b, value)`.
 */
export class ReceiverCache {
  hits = 0;
  misses = 0;
  size = 0;
  /** The memoized method's name, for messages (see `nameStore`); handed to each receiver's cache. */
  label: string | undefined = undefined;
  private objects = new WeakMap<object, KeyedCache>();
  private primitives = new Map<unknown, KeyedCache>();

  constructor(private readonly spec: MemoSpec) {}

  /** The cache for one receiver; created on demand when `create` is set. */
  forReceiver(receiver: unknown, create: boolean): KeyedCache | undefined {
    const isObject = (typeof receiver === "object" && receiver !== null) || typeof receiver === "function";
    let cache = isObject ? this.objects.get(receiver as object) : this.primitives.get(receiver);
    if (cache === undefined && create) {
      cache = createKeyCache(this.spec);
      if (cache instanceof GeneralCache) cache.label = this.label;
      if (isObject) this.objects.set(receiver as object, cache);
      else this.primitives.set(receiver, cache);
    }
    return cache;
  }

  get(receiver: unknown, ...args: unknown[]): unknown {
    return this.getKey(receiver, args);
  }

  set(receiver: unknown, ...argsAndValue: unknown[]): unknown {
    const value = argsAndValue.pop();
    return this.setKey(receiver, argsAndValue, value);
  }

  getKey(receiver: unknown, args: ArrayLike<unknown>): unknown {
    // Created on lookup, so the receiver's own counters see its first miss too.
    const cache = this.forReceiver(receiver, true)!;
    const before = cache.count();
    const value = cache.getKey(args);
    this.size += cache.count() - before;
    if (value === MISS) this.misses++;
    else this.hits++;
    return value;
  }

  setKey(receiver: unknown, args: ArrayLike<unknown>, value: unknown): unknown {
    const cache = this.forReceiver(receiver, true)!;
    const before = cache.count();
    cache.setKey(args, value);
    this.size += cache.count() - before;
    return value;
  }

  clear(): void {
    this.objects = new WeakMap();
    this.primitives = new Map();
    this.size = 0;
  }

  info(): CacheInfo {
    return { hits: this.hits, misses: this.misses, size: this.size, max: this.spec.max };
  }
}

/**
 * Tells a store the name of the function it caches, for messages the key needs (a `key=json` cycle). Only the
 * general and receiver caches carry it: the fast caches keep their shape.
 */
export function nameStore(store: Store, label: string): void {
  if (takesLabel(store) && store.label === undefined && label !== "") store.label = label;
}

/** Whether `nameStore` would keep a name for this store: callers test it first and only then read `fn.name` (a slow accessor on every new closure). */
export function takesLabel(store: Store): store is GeneralCache | ReceiverCache {
  return store instanceof GeneralCache || store instanceof ReceiverCache;
}

/** Either kind of cache that generated code holds. */
export type Store = KeyedCache | ReceiverCache;

/**
 * The cache for one memoized function, as generated code asks for it: receiver-keyed or not, and for
 * `async` functions, a rejected promise is evicted so the next call retries.
 */
export function createStore(spec: MemoSpec): Store {
  const store: Store = spec.receiver ? new ReceiverCache(spec) : createKeyCache(spec);
  if (spec.async) evictRejections(store);
  if (spec.verify !== undefined) verifyStore(store, spec.verify, spec.receiver === true);
  return store;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as any).then === "function";
}

/**
 * Wraps `set`/`setKey` so a stored promise that rejects is removed, unless something replaced it
 * meanwhile. (Cache classes implement one through the other, so a promise may pass twice: watch once.)
 */
function evictRejections(store: Store): void {
  const watched = new WeakSet<object>();
  const watch = (receiver: unknown, args: ArrayLike<unknown>, value: unknown) => {
    if (!isThenable(value) || watched.has(value)) return;
    watched.add(value);
    const key = Array.prototype.slice.call(args);
    value.then(undefined, () => {
      const cache = store instanceof ReceiverCache ? store.forReceiver(receiver, false) : store;
      if (cache === undefined || cache.peekKey(key) !== value) return;
      cache.deleteKey(key);
      if (store instanceof ReceiverCache) store.size--;
    });
  };
  const target = store as any;
  const set = target.set;
  const setKey = target.setKey;
  if (store instanceof ReceiverCache) {
    target.setKey = (receiver: unknown, args: ArrayLike<unknown>, value: unknown) => {
      setKey.call(store, receiver, args, value);
      watch(receiver, args, value);
      return value;
    };
    return;
  }
  target.setKey = (args: ArrayLike<unknown>, value: unknown) => {
    setKey.call(store, args, value);
    watch(undefined, args, value);
    return value;
  };
  target.set = (...argsAndValue: unknown[]) => {
    const value = argsAndValue[argsAndValue.length - 1];
    set.apply(store, argsAndValue);
    watch(undefined, argsAndValue.slice(0, -1), value);
    return value;
  };
}
