import { MISS, type CacheInfo } from "./spec";

/**
 * Arity-specialised caches for the common tag (no `max`, `ttl`, `weak` or `key`): nested `Map`s, one
 * `get` per position on a hit and `has` only when the stored value is `undefined`, which is what a
 * careful hand-written memo closure does. `get`/`set` take the key positionally (generated code);
 * `getKey`/`setKey`/`hasKey`/`deleteKey` take an argument list (cache control, async eviction).
 */

/** Common cache-control surface, so `cacheOf` does not care which class it holds. */
abstract class FastCache {
  hits = 0;
  misses = 0;
  abstract get size(): number;
  abstract getKey(args: ArrayLike<unknown>): unknown;
  abstract setKey(args: ArrayLike<unknown>, value: unknown): unknown;
  abstract peekKey(args: ArrayLike<unknown>): unknown;
  abstract deleteKey(args: ArrayLike<unknown>): boolean;
  abstract clear(): void;
  hasKey(args: ArrayLike<unknown>): boolean {
    return this.peekKey(args) !== MISS;
  }
  info(): CacheInfo {
    return { hits: this.hits, misses: this.misses, size: this.size, max: undefined };
  }
}

/** No parameters: one slot. */
export class Cache0 extends FastCache {
  private value: unknown = MISS;
  get size(): number {
    return this.value === MISS ? 0 : 1;
  }
  get(): unknown {
    if (this.value !== MISS) this.hits++;
    else this.misses++;
    return this.value;
  }
  set(value: unknown): unknown {
    return (this.value = value);
  }
  getKey(): unknown {
    return this.get();
  }
  setKey(_args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(value);
  }
  peekKey(): unknown {
    return this.value;
  }
  deleteKey(): boolean {
    const had = this.value !== MISS;
    this.value = MISS;
    return had;
  }
  clear(): void {
    this.value = MISS;
  }
}

/** One parameter: a single `Map`. */
export class Cache1 extends FastCache {
  private map = new Map<unknown, unknown>();
  get size(): number {
    return this.map.size;
  }
  get(a: unknown): unknown {
    const value = this.map.get(a);
    if (value !== undefined || this.map.has(a)) {
      this.hits++;
      return value;
    }
    this.misses++;
    return MISS;
  }
  set(a: unknown, value: unknown): unknown {
    this.map.set(a, value);
    return value;
  }
  getKey(args: ArrayLike<unknown>): unknown {
    return this.get(args[0]);
  }
  setKey(args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], value);
  }
  peekKey(args: ArrayLike<unknown>): unknown {
    const map = this.map;
    return map.has(args[0]) ? map.get(args[0]) : MISS;
  }
  deleteKey(args: ArrayLike<unknown>): boolean {
    return this.map.delete(args[0]);
  }
  clear(): void {
    this.map = new Map();
  }
}

type Map2 = Map<unknown, Map<unknown, unknown>>;

/** Two parameters: `Map` of `Map`s. */
export class Cache2 extends FastCache {
  private map: Map2 = new Map();
  size = 0;
  get(a: unknown, b: unknown): unknown {
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
  }
  set(a: unknown, b: unknown, value: unknown): unknown {
    let inner = this.map.get(a);
    if (inner === undefined) this.map.set(a, (inner = new Map()));
    const before = inner.size;
    inner.set(b, value);
    this.size += inner.size - before;
    return value;
  }
  getKey(args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1]);
  }
  setKey(args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], value);
  }
  peekKey(args: ArrayLike<unknown>): unknown {
    const inner = this.map.get(args[0]);
    return inner !== undefined && inner.has(args[1]) ? inner.get(args[1]) : MISS;
  }
  deleteKey(args: ArrayLike<unknown>): boolean {
    const inner = this.map.get(args[0]);
    if (inner === undefined || !inner.delete(args[1])) return false;
    if (inner.size === 0) this.map.delete(args[0]);
    this.size--;
    return true;
  }
  clear(): void {
    this.map = new Map();
    this.size = 0;
  }
}

type Map3 = Map<unknown, Map<unknown, Map<unknown, unknown>>>;

/** Three parameters: three levels of `Map`s. */
export class Cache3 extends FastCache {
  private map: Map3 = new Map();
  size = 0;
  get(a: unknown, b: unknown, c: unknown): unknown {
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
  }
  set(a: unknown, b: unknown, c: unknown, value: unknown): unknown {
    let second = this.map.get(a);
    if (second === undefined) this.map.set(a, (second = new Map()));
    let third = second.get(b);
    if (third === undefined) second.set(b, (third = new Map()));
    const before = third.size;
    third.set(c, value);
    this.size += third.size - before;
    return value;
  }
  getKey(args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1], args[2]);
  }
  setKey(args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], args[2], value);
  }
  peekKey(args: ArrayLike<unknown>): unknown {
    const third = this.map.get(args[0])?.get(args[1]);
    return third !== undefined && third.has(args[2]) ? third.get(args[2]) : MISS;
  }
  deleteKey(args: ArrayLike<unknown>): boolean {
    const second = this.map.get(args[0]);
    const third = second?.get(args[1]);
    if (second === undefined || third === undefined || !third.delete(args[2])) return false;
    if (third.size === 0) second.delete(args[1]);
    if (second.size === 0) this.map.delete(args[0]);
    this.size--;
    return true;
  }
  clear(): void {
    this.map = new Map();
    this.size = 0;
  }
}
