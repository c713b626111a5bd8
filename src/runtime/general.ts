import { MISS, type CacheInfo } from "./spec";

/**
 * The cache behind every tag that is not plain identity keys: `max` (LRU), `ttl`, `weak`, and
 * variadic keys. A trie with one level per key position; each level is a `Map` (SameValueZero), plus a
 * `WeakMap` for objects when the position is held weakly. Leaves are entries; with `max` they are also
 * in a doubly linked recency list, so a hit moves one entry and an eviction removes one leaf and prunes
 * the levels it leaves empty.
 */

/** One level of the trie. `key` is how the parent reaches it, so an emptied level can be pruned. */
class Level {
  strong: Map<unknown, Level | Entry> | undefined = undefined;
  weak: WeakMap<object, Level | Entry> | undefined = undefined;
  count = 0;
  constructor(readonly parent: Level | undefined, readonly key: unknown, readonly holdsWeakly: boolean) {}

  lookup(key: unknown): Level | Entry | undefined {
    if (this.holdsWeakly && isObject(key)) return this.weak?.get(key);
    return this.strong?.get(key);
  }

  store(key: unknown, child: Level | Entry): void {
    if (this.holdsWeakly && isObject(key)) (this.weak ??= new WeakMap()).set(key, child);
    else (this.strong ??= new Map()).set(key, child);
    this.count++;
  }

  remove(key: unknown): void {
    const removed = this.holdsWeakly && isObject(key) ? this.weak?.delete(key) : this.strong?.delete(key);
    if (removed) this.count--;
  }
}

/**
 * A cached value. `prev`/`next` link it into the recency list when the cache has a `max`; `older`/`newer`
 * into the expiry queue when it has a `ttl` (`queued` says whether it is in that queue).
 */
class Entry {
  prev: Entry | undefined = undefined;
  next: Entry | undefined = undefined;
  older: Entry | undefined = undefined;
  newer: Entry | undefined = undefined;
  queued = false;
  constructor(
    public value: unknown,
    public expires: number,
    readonly parent: Level,
    readonly key: unknown,
  ) {}
}

function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/** Options of a general cache, already normalised by `createCache`. */
export interface GeneralOptions {
  max: number | undefined;
  ttlMs: number | undefined;
  weak: boolean;
  /** Turns the argument list into the key parts (json, custom key); identity when absent. Gets the cache's `label` for messages. */
  keyOf: ((parts: ArrayLike<unknown>, label: string | undefined) => unknown[]) | undefined;
  /** Key positions; -1 keys on all arguments, count first, so `f(1)` and `f(1, undefined)` differ. */
  arity: number;
}

/** The general cache. Positions are passed as an array-like (`getKey`) or positionally (`get`). */
export class GeneralCache {
  hits = 0;
  misses = 0;
  size = 0;
  /** The memoized function's name, for messages (set by `nameStore` in create.ts). */
  label: string | undefined = undefined;
  private root: Level;
  /** Most recently used entry (head) and least recently used (tail), with `max` only. */
  private head: Entry | undefined = undefined;
  private tail: Entry | undefined = undefined;
  /**
   * With `ttl`: entries in the order they were stored, which (one ttl for all) is the order they expire in.
   * Each store first frees the expired entries at the old end, so every entry is freed at most once
   * (O(1) amortised) and the cache holds what was stored within the last ttl (plus, with `max`, at most max).
   * An entry whose key holds an object weakly (`weak`) stays out of the queue: the queue would hold that
   * object strongly through the entry; it is freed with the object, or when it is looked up after it expired.
   */
  private oldest: Entry | undefined = undefined;
  private newest: Entry | undefined = undefined;

  constructor(private readonly options: GeneralOptions) {
    this.root = new Level(undefined, undefined, options.weak);
  }

  /** Positional lookup for generated code: `get(a, b)`; returns `MISS` when absent. */
  get(...parts: unknown[]): unknown {
    return this.getKey(parts);
  }

  /** Positional store for generated code: `set(a, b, value)`; returns `value`. */
  set(...partsAndValue: unknown[]): unknown {
    const value = partsAndValue.pop();
    return this.setKey(partsAndValue, value);
  }

  getKey(args: ArrayLike<unknown>): unknown {
    const entry = this.find(this.parts(args));
    if (entry === undefined) {
      this.misses++;
      return MISS;
    }
    this.hits++;
    if (this.options.max !== undefined) this.touch(entry);
    return entry.value;
  }

  setKey(args: ArrayLike<unknown>, value: unknown): unknown {
    const parts = this.parts(args);
    if (this.oldest !== undefined) this.freeExpired();
    let level = this.root;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) {
      let next = level.lookup(parts[i]) as Level | undefined;
      if (next === undefined) {
        next = new Level(level, parts[i], this.options.weak);
        level.store(parts[i], next);
      }
      level = next;
    }
    const key = parts[last];
    const expires = this.options.ttlMs === undefined ? Infinity : Date.now() + this.options.ttlMs;
    const existing = level.lookup(key) as Entry | undefined;
    if (existing !== undefined) {
      existing.value = value;
      existing.expires = expires;
      if (this.options.max !== undefined) this.touch(existing);
      if (existing.queued) {
        this.dequeue(existing);
        this.enqueue(existing);
      }
      return value;
    }
    const entry = new Entry(value, expires, level, key);
    level.store(key, entry);
    this.size++;
    if (expires !== Infinity && !(this.options.weak && parts.some(isObject))) this.enqueue(entry);
    if (this.options.max !== undefined) {
      this.pushHead(entry);
      while (this.size > this.options.max && this.tail !== undefined) this.evict(this.tail);
    }
    return value;
  }

  count(): number {
    if (this.oldest !== undefined) this.freeExpired();
    return this.size;
  }

  hasKey(args: ArrayLike<unknown>): boolean {
    return this.find(this.parts(args)) !== undefined;
  }

  /** The stored value, or `MISS`, without counting a hit or touching recency. */
  peekKey(args: ArrayLike<unknown>): unknown {
    const entry = this.find(this.parts(args));
    return entry === undefined ? MISS : entry.value;
  }

  deleteKey(args: ArrayLike<unknown>): boolean {
    const entry = this.find(this.parts(args));
    if (entry === undefined) return false;
    this.evict(entry);
    return true;
  }

  clear(): void {
    this.root = new Level(undefined, undefined, this.options.weak);
    this.head = this.tail = undefined;
    this.oldest = this.newest = undefined;
    this.size = 0;
  }

  info(): CacheInfo {
    return { hits: this.hits, misses: this.misses, size: this.count(), max: this.options.max };
  }

  /** Frees the expired entries at the old end of the expiry queue. */
  private freeExpired(): void {
    const now = Date.now();
    while (this.oldest !== undefined && this.oldest.expires <= now) this.evict(this.oldest);
  }

  private enqueue(entry: Entry): void {
    entry.queued = true;
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest !== undefined) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private dequeue(entry: Entry): void {
    if (entry.older !== undefined) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer !== undefined) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = entry.newer = undefined;
    entry.queued = false;
  }

  /** The trie path for an argument list; every path of one cache has the same depth. */
  private parts(args: ArrayLike<unknown>): unknown[] {
    const arity = this.options.arity;
    let parts: unknown[];
    if (arity < 0) {
      parts = Array.prototype.slice.call(args);
      if (this.options.keyOf === undefined) parts.unshift(parts.length);
    } else {
      parts = new Array(arity);
      for (let i = 0; i < arity; i++) parts[i] = args[i];
    }
    if (this.options.keyOf !== undefined) return this.options.keyOf(parts, this.label);
    return parts.length === 0 ? [undefined] : parts;
  }

  /** Walks to the entry for `parts`; drops it (and answers undefined) when its ttl has passed. */
  private find(parts: unknown[]): Entry | undefined {
    let node: Level | Entry | undefined = this.root;
    for (let i = 0; i < parts.length; i++) {
      node = (node as Level).lookup(parts[i]);
      if (node === undefined) return undefined;
    }
    const entry = node as Entry;
    if (entry.expires !== Infinity && entry.expires <= Date.now()) {
      this.evict(entry);
      return undefined;
    }
    return entry;
  }

  private evict(entry: Entry): void {
    if (this.options.max !== undefined) this.unlink(entry);
    if (entry.queued) this.dequeue(entry);
    let level: Level | undefined = entry.parent;
    level.remove(entry.key);
    this.size--;
    while (level !== undefined && level.count === 0 && level.parent !== undefined) {
      level.parent.remove(level.key);
      level = level.parent;
    }
  }

  private touch(entry: Entry): void {
    if (this.head === entry) return;
    this.unlink(entry);
    this.pushHead(entry);
  }

  private pushHead(entry: Entry): void {
    entry.prev = undefined;
    entry.next = this.head;
    if (this.head !== undefined) this.head.prev = entry;
    this.head = entry;
    if (this.tail === undefined) this.tail = entry;
  }

  private unlink(entry: Entry): void {
    if (entry.prev !== undefined) entry.prev.next = entry.next;
    else if (this.head === entry) this.head = entry.next;
    if (entry.next !== undefined) entry.next.prev = entry.prev;
    else if (this.tail === entry) this.tail = entry.prev;
    entry.prev = entry.next = undefined;
  }
}
