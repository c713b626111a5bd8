import type { KeyedCache } from "./create";
import { MISS as missSentinel, type CacheInfo } from "./spec";

/**
 * Arity-specialised caches for the common tag (no `max`, `ttl`, `weak` or `key`): nested `Map`s, one
 * `get` per position on a hit and `has` only when the stored value is `undefined`, which is what a
 * careful hand-written memo closure does. `get`/`set` take the key positionally (generated code);
 * `getKey`/`setKey`/`hasKey`/`deleteKey` take an argument list (cache control, async eviction).
 *
 * Each cache is a plain object literal whose methods are own properties pointing at shared functions
 * (no closures per cache, no custom prototype). Measured on Node 20 (bench/experiments): calls to
 * methods found on a prototype — a class's or an object literal's `__proto__` — made a fresh cache's
 * misses three to four times slower than a hand-written closure's until the inline caches warmed up
 * again after each collection; own properties cost no more than the closure. Each arity has its own
 * set of fields, so its objects have their own shape and their method fields stay constant (inlinable).
 */

const MISS = missSentinel;

/** The surface every fast cache offers: a keyed cache plus positional `get`/`set` for generated code. */
export type FastCache = KeyedCache & {
  get(...key: unknown[]): unknown;
  set(...keyAndValue: unknown[]): unknown;
};

interface State {
  hits: number;
  misses: number;
  /** Entries (arities 2 and 3; arity 1 reads `map.size`). */
  entries: number;
  /** Arity 0 keeps its one value here. */
  value: unknown;
  map: Map<unknown, any>;
}

function hasKey(this: FastCache, args: ArrayLike<unknown>): boolean {
  return this.peekKey(args) !== MISS;
}

function info(this: FastCache & State): CacheInfo {
  return { hits: this.hits, misses: this.misses, size: this.count(), max: undefined };
}

// --- arity 0: one slot --------------------------------------------------------------------------

function get0(this: State): unknown {
  if (this.value !== MISS) this.hits++;
  else this.misses++;
  return this.value;
}
function set0(this: State, value: unknown): unknown {
  return (this.value = value);
}
function getKey0(this: State): unknown {
  return get0.call(this);
}
function setKey0(this: State, _args: ArrayLike<unknown>, value: unknown): unknown {
  return (this.value = value);
}
function peekKey0(this: State): unknown {
  return this.value;
}
function deleteKey0(this: State): boolean {
  const had = this.value !== MISS;
  this.value = MISS;
  return had;
}
function clear0(this: State): void {
  this.value = MISS;
}
function count0(this: State): number {
  return this.value === MISS ? 0 : 1;
}

// --- arity 1: a Map -----------------------------------------------------------------------------

function get1(this: State, a: unknown): unknown {
  const value = this.map.get(a);
  if (value !== undefined || this.map.has(a)) {
    this.hits++;
    return value;
  }
  this.misses++;
  return MISS;
}
function set1(this: State, a: unknown, value: unknown): unknown {
  this.map.set(a, value);
  return value;
}
function getKey1(this: State, args: ArrayLike<unknown>): unknown {
  return get1.call(this, args[0]);
}
function setKey1(this: State, args: ArrayLike<unknown>, value: unknown): unknown {
  this.map.set(args[0], value);
  return value;
}
function peekKey1(this: State, args: ArrayLike<unknown>): unknown {
  return this.map.has(args[0]) ? this.map.get(args[0]) : MISS;
}
function deleteKey1(this: State, args: ArrayLike<unknown>): boolean {
  return this.map.delete(args[0]);
}
function clear1(this: State): void {
  this.map = new Map();
}
function clearMap(this: State): void {
  this.map = new Map();
  this.entries = 0;
}
function count1(this: State): number {
  return this.map.size;
}
function countEntries(this: State): number {
  return this.entries;
}

// --- arity 2: a Map of Maps ---------------------------------------------------------------------

function get2(this: State, a: unknown, b: unknown): unknown {
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
function set2(this: State, a: unknown, b: unknown, value: unknown): unknown {
  let inner = this.map.get(a);
  if (inner === undefined) this.map.set(a, (inner = new Map()));
  const before = inner.size;
  inner.set(b, value);
  this.entries += inner.size - before;
  return value;
}
function getKey2(this: State, args: ArrayLike<unknown>): unknown {
  return get2.call(this, args[0], args[1]);
}
function setKey2(this: State, args: ArrayLike<unknown>, value: unknown): unknown {
  return set2.call(this, args[0], args[1], value);
}
function peekKey2(this: State, args: ArrayLike<unknown>): unknown {
  const inner = this.map.get(args[0]);
  return inner !== undefined && inner.has(args[1]) ? inner.get(args[1]) : MISS;
}
function deleteKey2(this: State, args: ArrayLike<unknown>): boolean {
  const inner = this.map.get(args[0]);
  if (inner === undefined || !inner.delete(args[1])) return false;
  if (inner.size === 0) this.map.delete(args[0]);
  this.entries--;
  return true;
}

// --- arity 3: three levels of Maps --------------------------------------------------------------

function get3(this: State, a: unknown, b: unknown, c: unknown): unknown {
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
function set3(this: State, a: unknown, b: unknown, c: unknown, value: unknown): unknown {
  let second = this.map.get(a);
  if (second === undefined) this.map.set(a, (second = new Map()));
  let third = second.get(b);
  if (third === undefined) second.set(b, (third = new Map()));
  const before = third.size;
  third.set(c, value);
  this.entries += third.size - before;
  return value;
}
function getKey3(this: State, args: ArrayLike<unknown>): unknown {
  return get3.call(this, args[0], args[1], args[2]);
}
function setKey3(this: State, args: ArrayLike<unknown>, value: unknown): unknown {
  return set3.call(this, args[0], args[1], args[2], value);
}
function peekKey3(this: State, args: ArrayLike<unknown>): unknown {
  const third = this.map.get(args[0])?.get(args[1]);
  return third !== undefined && third.has(args[2]) ? third.get(args[2]) : MISS;
}
function deleteKey3(this: State, args: ArrayLike<unknown>): boolean {
  const second = this.map.get(args[0]);
  const third = second?.get(args[1]);
  if (second === undefined || third === undefined || !third.delete(args[2])) return false;
  if (third.size === 0) second.delete(args[1]);
  if (second.size === 0) this.map.delete(args[0]);
  this.entries--;
  return true;
}

/** No parameters: one slot. */
export function createCache0(): FastCache {
  return {
    hits: 0, misses: 0, value: MISS,
    get: get0, set: set0, getKey: getKey0, setKey: setKey0, peekKey: peekKey0, hasKey, deleteKey: deleteKey0, clear: clear0, count: count0, info,
  } as unknown as FastCache;
}

/** One parameter: a single `Map`. */
export function createCache1(): FastCache {
  return {
    hits: 0, misses: 0, map: new Map(),
    get: get1, set: set1, getKey: getKey1, setKey: setKey1, peekKey: peekKey1, hasKey, deleteKey: deleteKey1, clear: clear1, count: count1, info,
  } as unknown as FastCache;
}

/** Two parameters: `Map` of `Map`s. */
export function createCache2(): FastCache {
  return {
    hits: 0, misses: 0, entries: 0, map: new Map(),
    get: get2, set: set2, getKey: getKey2, setKey: setKey2, peekKey: peekKey2, hasKey, deleteKey: deleteKey2, clear: clearMap, count: countEntries, info,
  } as unknown as FastCache;
}

/** Three parameters: three levels of `Map`s. */
export function createCache3(): FastCache {
  return {
    depth: 3, hits: 0, misses: 0, entries: 0, map: new Map(),
    get: get3, set: set3, getKey: getKey3, setKey: setKey3, peekKey: peekKey3, hasKey, deleteKey: deleteKey3, clear: clearMap, count: countEntries, info,
  } as unknown as FastCache;
}
