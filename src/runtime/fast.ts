import type { KeyedCache } from "./create";
import { MISS as missSentinel, type CacheInfo } from "./spec";

/**
 * Arity-specialised caches for the common tag (no `max`, `ttl`, `weak` or `key`): nested `Map`s, one
 * `get` per position on a hit and `has` only when the stored value is `undefined`, which is what a
 * careful hand-written memo closure does. `get`/`set` take the key positionally (generated code);
 * `getKey`/`setKey`/`hasKey`/`deleteKey` take an argument list (cache control, async eviction).
 *
 * Each cache is an object literal over a shared prototype, not a class instance: measured on Node 20,
 * misses into a `Map` held by a class instance cost about twice what they cost through an object
 * literal (bench/experiments), and misses are half of what a memoized function does.
 */

const MISS = missSentinel;

/** The surface every fast cache offers: a keyed cache plus positional `get`/`set` for generated code. */
export type FastCache = KeyedCache & {
  get(...key: unknown[]): unknown;
  set(...keyAndValue: unknown[]): unknown;
};

interface State0 {
  hits: number;
  misses: number;
  value: unknown;
}
interface State1 {
  hits: number;
  misses: number;
  map: Map<unknown, unknown>;
}
interface StateN {
  hits: number;
  misses: number;
  count: number;
  map: Map<unknown, any>;
}

/** Methods all fast caches share. */
const shared = {
  hasKey(this: FastCache, args: ArrayLike<unknown>): boolean {
    return this.peekKey(args) !== MISS;
  },
  info(this: FastCache): CacheInfo {
    return { hits: this.hits, misses: this.misses, size: this.size, max: undefined };
  },
};

const proto0 = {
  __proto__: shared,
  get size() {
    return (this as unknown as State0).value === MISS ? 0 : 1;
  },
  get(this: State0): unknown {
    if (this.value !== MISS) this.hits++;
    else this.misses++;
    return this.value;
  },
  set(this: State0, value: unknown): unknown {
    return (this.value = value);
  },
  getKey(this: State0 & FastCache): unknown {
    return this.get();
  },
  setKey(this: State0, _args: ArrayLike<unknown>, value: unknown): unknown {
    return (this.value = value);
  },
  peekKey(this: State0): unknown {
    return this.value;
  },
  deleteKey(this: State0): boolean {
    const had = this.value !== MISS;
    this.value = MISS;
    return had;
  },
  clear(this: State0): void {
    this.value = MISS;
  },
};

const proto1 = {
  __proto__: shared,
  get size() {
    return (this as unknown as State1).map.size;
  },
  get(this: State1, a: unknown): unknown {
    const value = this.map.get(a);
    if (value !== undefined || this.map.has(a)) {
      this.hits++;
      return value;
    }
    this.misses++;
    return MISS;
  },
  set(this: State1, a: unknown, value: unknown): unknown {
    this.map.set(a, value);
    return value;
  },
  getKey(this: State1 & FastCache, args: ArrayLike<unknown>): unknown {
    return this.get(args[0]);
  },
  setKey(this: State1, args: ArrayLike<unknown>, value: unknown): unknown {
    this.map.set(args[0], value);
    return value;
  },
  peekKey(this: State1, args: ArrayLike<unknown>): unknown {
    return this.map.has(args[0]) ? this.map.get(args[0]) : MISS;
  },
  deleteKey(this: State1, args: ArrayLike<unknown>): boolean {
    return this.map.delete(args[0]);
  },
  clear(this: State1): void {
    this.map = new Map();
  },
};

const proto2 = {
  __proto__: shared,
  get size() {
    return (this as unknown as StateN).count;
  },
  get(this: StateN, a: unknown, b: unknown): unknown {
    const inner = this.map.get(a);
    if (inner !== undefined) {
      const value = inner.get(b);
      if (value !== undefined || inner.has(b)) {
        this.hits++;
        return value;
      }
    }
    this.misses++;
    return MISS;
  },
  set(this: StateN, a: unknown, b: unknown, value: unknown): unknown {
    let inner = this.map.get(a);
    if (inner === undefined) this.map.set(a, (inner = new Map()));
    const before = inner.size;
    inner.set(b, value);
    this.count += inner.size - before;
    return value;
  },
  getKey(this: StateN & FastCache, args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1]);
  },
  setKey(this: StateN & FastCache, args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], value);
  },
  peekKey(this: StateN, args: ArrayLike<unknown>): unknown {
    const inner = this.map.get(args[0]);
    return inner !== undefined && inner.has(args[1]) ? inner.get(args[1]) : MISS;
  },
  deleteKey(this: StateN, args: ArrayLike<unknown>): boolean {
    const inner = this.map.get(args[0]);
    if (inner === undefined || !inner.delete(args[1])) return false;
    if (inner.size === 0) this.map.delete(args[0]);
    this.count--;
    return true;
  },
  clear(this: StateN): void {
    this.map = new Map();
    this.count = 0;
  },
};

const proto3 = {
  __proto__: shared,
  get size() {
    return (this as unknown as StateN).count;
  },
  get(this: StateN, a: unknown, b: unknown, c: unknown): unknown {
    const second = this.map.get(a);
    if (second !== undefined) {
      const third = second.get(b);
      if (third !== undefined) {
        const value = third.get(c);
        if (value !== undefined || third.has(c)) {
          this.hits++;
          return value;
        }
      }
    }
    this.misses++;
    return MISS;
  },
  set(this: StateN, a: unknown, b: unknown, c: unknown, value: unknown): unknown {
    let second = this.map.get(a);
    if (second === undefined) this.map.set(a, (second = new Map()));
    let third = second.get(b);
    if (third === undefined) second.set(b, (third = new Map()));
    const before = third.size;
    third.set(c, value);
    this.count += third.size - before;
    return value;
  },
  getKey(this: StateN & FastCache, args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1], args[2]);
  },
  setKey(this: StateN & FastCache, args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], args[2], value);
  },
  peekKey(this: StateN, args: ArrayLike<unknown>): unknown {
    const third = this.map.get(args[0])?.get(args[1]);
    return third !== undefined && third.has(args[2]) ? third.get(args[2]) : MISS;
  },
  deleteKey(this: StateN, args: ArrayLike<unknown>): boolean {
    const second = this.map.get(args[0]);
    const third = second?.get(args[1]);
    if (second === undefined || third === undefined || !third.delete(args[2])) return false;
    if (third.size === 0) second.delete(args[1]);
    if (second.size === 0) this.map.delete(args[0]);
    this.count--;
    return true;
  },
  clear(this: StateN): void {
    this.map = new Map();
    this.count = 0;
  },
};

/** No parameters: one slot. */
export function createCache0(): FastCache {
  return { __proto__: proto0, hits: 0, misses: 0, value: MISS } as unknown as FastCache;
}

/** One parameter: a single `Map`. */
export function createCache1(): FastCache {
  return { __proto__: proto1, hits: 0, misses: 0, map: new Map() } as unknown as FastCache;
}

/** Two parameters: `Map` of `Map`s. */
export function createCache2(): FastCache {
  return { __proto__: proto2, hits: 0, misses: 0, count: 0, map: new Map() } as unknown as FastCache;
}

/** Three parameters: three levels of `Map`s. */
export function createCache3(): FastCache {
  return { __proto__: proto3, hits: 0, misses: 0, count: 0, map: new Map() } as unknown as FastCache;
}
