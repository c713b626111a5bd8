import type { KeyedCache } from "./create";
import { MISS as missSentinel, type CacheInfo } from "./spec";

const MISS = missSentinel;

/**
 * Arity-specialised LRU caches for `@memoize max=N` (no `ttl`, `weak` or `key`). The key levels are
 * nested `Map`s whose leaves are slot numbers; values and keys live in arrays indexed by slot. Same
 * surface as the caches in fast.ts, and like them each cache is a plain object literal whose methods are
 * own properties pointing at shared functions (see fast.ts for why).
 *
 * Recency is kept in one of two ways, both exact:
 * - until the cache first has to evict (it has never held `max` entries and needed one more), a hit
 *   only stamps its slot with a counter: one array write. Most caches with a `max` as a safety bound
 *   never get there, and their hits cost little more than an unbounded cache's;
 * - the first time it must evict, the slots are sorted by stamp into a doubly linked recency list
 *   (links in arrays of small integers: no pointer write barriers), and from then on a hit moves
 *   its slot to the head and an eviction reuses the tail's slot, pruning the levels it empties.
 * Nothing but the cache object is allocated when a cache is made: the key `Map` and the arrays come with
 * the first store (a cache that is made and never called costs one small object).
 */

const NONE = -1;
const NO_LINKS: number[] = [];

/** The state of an LRU cache; `map` holds the key levels, whose leaves are slot numbers. */
interface LruState {
  hits: number;
  misses: number;
  size: number;
  readonly max: number;
  values: unknown[];
  keysA: unknown[];
  keysB: unknown[];
  keysC: unknown[];
  /** Before the list exists: the tick of each slot's last use. */
  stamps: number[];
  tick: number;
  /** True once recency is the linked list (`prev`/`next`/`head`/`tail`) rather than stamps. */
  linked: boolean;
  prev: number[];
  next: number[];
  head: number;
  tail: number;
  map: Map<unknown, any>;
}

/** What each arity adds: its key levels. */
interface LruLevels {
  removeKey(this: Lru, slot: number): void;
  relink(this: Lru, slot: number): void;
  slotFor(this: Lru, args: ArrayLike<unknown>): number | undefined;
}

/** The shared methods, as the arity-specific ones call them. */
interface LruMethods {
  hit(slot: number): unknown;
  allocate(): number;
  attach(slot: number, value: unknown): void;
  detach(slot: number): void;
  link(): void;
  move(from: number, to: number): void;
  get(...key: unknown[]): unknown;
  set(...keyAndValue: unknown[]): unknown;
}

type Lru = LruState & LruLevels & LruMethods;

/** The slot storage and recency shared by the three arities. */
const lruBase = {
  /** Marks `slot` most recently used and returns its value. Small, so it inlines into the caller's hit path. */
  hit(this: Lru, slot: number): unknown {
    this.hits++;
    if (this.linked) toHead(this, slot);
    else this.stamps[slot] = ++this.tick;
    return this.values[slot];
  },

  /** A slot for a new entry: a fresh one while below `max`, else the evicted least recently used one's. */
  allocate(this: Lru): number {
    if (this.size < this.max) {
      if (this.size === 0 && this.values.length === 0) {
        // First store (or first after `clear`): the arrays are made here, not with the cache.
        this.values = [];
        this.keysA = [];
        this.keysB = [];
        this.keysC = [];
        this.stamps = [];
        this.map = new Map();
      }
      return this.size++;
    }
    if (!this.linked) this.link();
    const slot = this.tail;
    this.removeKey(slot);
    this.detach(slot);
    return slot;
  },

  /** Sorts the slots by stamp into the recency list (once, when the cache first evicts). */
  link(this: Lru): void {
    const order = byRecency(this.stamps, this.size);
    // Plain arrays of small integers (no write barriers either); typed arrays made per cache cost far more to allocate.
    const prev: number[] = [];
    const next: number[] = [];
    for (let slot = 0; slot < this.max; slot++) {
      prev.push(NONE);
      next.push(NONE);
    }
    for (let i = 0; i < order.length; i++) {
      prev[order[i]] = i === 0 ? NONE : order[i - 1];
      next[order[i]] = i === order.length - 1 ? NONE : order[i + 1];
    }
    this.prev = prev;
    this.next = next;
    this.head = order.length > 0 ? order[0] : NONE;
    this.tail = order.length > 0 ? order[order.length - 1] : NONE;
    this.stamps = [];
    this.linked = true;
  },

  attach(this: Lru, slot: number, value: unknown): void {
    this.values[slot] = value;
    if (!this.linked) {
      this.stamps[slot] = ++this.tick;
      return;
    }
    this.prev[slot] = NONE;
    this.next[slot] = this.head;
    if (this.head !== NONE) this.prev[this.head] = slot;
    this.head = slot;
    if (this.tail === NONE) this.tail = slot;
  },

  detach(this: Lru, slot: number): void {
    if (!this.linked) return;
    const before = this.prev[slot];
    const after = this.next[slot];
    if (before !== NONE) this.next[before] = after;
    else this.head = after;
    if (after !== NONE) this.prev[after] = before;
    else this.tail = before;
  },

  peekKey(this: Lru, args: ArrayLike<unknown>): unknown {
    const slot = this.slotFor(args);
    return slot === undefined ? MISS : this.values[slot];
  },

  hasKey(this: Lru, args: ArrayLike<unknown>): boolean {
    return this.slotFor(args) !== undefined;
  },

  /** Deletes an entry; the last slot moves into its place so slots stay dense. */
  deleteKey(this: Lru, args: ArrayLike<unknown>): boolean {
    const slot = this.slotFor(args);
    if (slot === undefined) return false;
    this.removeKey(slot);
    this.detach(slot);
    const last = --this.size;
    if (slot !== last) this.move(last, slot);
    this.values[last] = this.keysA[last] = this.keysB[last] = this.keysC[last] = undefined;
    return true;
  },

  /** Moves the entry in slot `from` to the free slot `to`, with its recency and its leaf. */
  move(this: Lru, from: number, to: number): void {
    this.values[to] = this.values[from];
    this.keysA[to] = this.keysA[from];
    this.keysB[to] = this.keysB[from];
    this.keysC[to] = this.keysC[from];
    if (!this.linked) this.stamps[to] = this.stamps[from];
    else {
      const before = (this.prev[to] = this.prev[from]);
      const after = (this.next[to] = this.next[from]);
      if (before !== NONE) this.next[before] = to;
      else this.head = to;
      if (after !== NONE) this.prev[after] = to;
      else this.tail = to;
    }
    this.relink(to);
  },

  clear(this: Lru): void {
    this.head = this.tail = NONE;
    this.size = 0;
    this.values = this.keysA = this.keysB = this.keysC = this.stamps = NO_LIST;
    this.prev = this.next = NO_LINKS;
    this.linked = false;
    this.tick = 0;
    this.map = NO_MAP;
  },

  info(this: Lru): CacheInfo {
    return { hits: this.hits, misses: this.misses, size: this.size, max: this.max };
  },

  count(this: Lru): number {
    return this.size;
  },
};

/** Moves `slot` to the head of the recency list (linked mode). */
function toHead(cache: Lru, slot: number): void {
  const head = cache.head;
  if (slot === head) return;
  const prev = cache.prev;
  const next = cache.next;
  const before = prev[slot];
  const after = next[slot];
  next[before] = after;
  if (after !== NONE) prev[after] = before;
  else cache.tail = before;
  prev[slot] = NONE;
  next[slot] = head;
  prev[head] = slot;
  cache.head = slot;
}

/** Slots `0..size-1`, most recently used first. */
function byRecency(stamps: number[], size: number): number[] {
  const order: number[] = [];
  for (let slot = 0; slot < size; slot++) order.push(slot);
  return order.sort((a, b) => stamps[b] - stamps[a]);
}

/** Stands for "no key levels yet": only ever read (`get`), replaced by `allocate` before the first store. */
const NO_MAP: Map<unknown, any> = new Map();

/** Stands for "no arrays yet" (never written: `allocate` replaces it before the first store). */
const NO_LIST: unknown[] & number[] = [];
Object.freeze(NO_LIST);

/** `max=N`, one parameter. */
const lru1 = {
  get(this: Lru, a: unknown): unknown {
    const slot = this.map.get(a);
    if (slot !== undefined) return this.hit(slot);
    this.misses++;
    return MISS;
  },
  set(this: Lru, a: unknown, value: unknown): unknown {
    const existing = this.map.get(a);
    if (existing !== undefined) {
      this.values[existing] = value;
      return value;
    }
    const slot = this.allocate();
    this.keysA[slot] = a;
    this.map.set(a, slot);
    this.attach(slot, value);
    return value;
  },
  removeKey(this: Lru, slot: number): void {
    this.map.delete(this.keysA[slot]);
  },
  relink(this: Lru, slot: number): void {
    this.map.set(this.keysA[slot], slot);
  },
  slotFor(this: Lru, args: ArrayLike<unknown>): number | undefined {
    return this.map.get(args[0]);
  },
  getKey(this: Lru, args: ArrayLike<unknown>): unknown {
    return this.get(args[0]);
  },
  setKey(this: Lru, args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], value);
  },
};

/** `max=N`, two parameters. */
const lru2 = {
  get(this: Lru, a: unknown, b: unknown): unknown {
    const inner = this.map.get(a);
    if (inner !== undefined) {
      const slot = inner.get(b);
      if (slot !== undefined) return this.hit(slot);
    }
    this.misses++;
    return MISS;
  },
  set(this: Lru, a: unknown, b: unknown, value: unknown): unknown {
    const existing = this.map.get(a)?.get(b);
    if (existing !== undefined) {
      this.values[existing] = value;
      return value;
    }
    const slot = this.allocate();
    let inner = this.map.get(a);
    if (inner === undefined) this.map.set(a, (inner = new Map()));
    this.keysA[slot] = a;
    this.keysB[slot] = b;
    inner.set(b, slot);
    this.attach(slot, value);
    return value;
  },
  removeKey(this: Lru, slot: number): void {
    const a = this.keysA[slot];
    const inner = this.map.get(a)!;
    inner.delete(this.keysB[slot]);
    if (inner.size === 0) this.map.delete(a);
  },
  relink(this: Lru, slot: number): void {
    this.map.get(this.keysA[slot])!.set(this.keysB[slot], slot);
  },
  slotFor(this: Lru, args: ArrayLike<unknown>): number | undefined {
    return this.map.get(args[0])?.get(args[1]);
  },
  getKey(this: Lru, args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1]);
  },
  setKey(this: Lru, args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], value);
  },
};

/** `max=N`, three parameters. */
const lru3 = {
  get(this: Lru, a: unknown, b: unknown, c: unknown): unknown {
    const second = this.map.get(a);
    if (second !== undefined) {
      const third = second.get(b);
      if (third !== undefined) {
        const slot = third.get(c);
        if (slot !== undefined) return this.hit(slot);
      }
    }
    this.misses++;
    return MISS;
  },
  set(this: Lru, a: unknown, b: unknown, c: unknown, value: unknown): unknown {
    const existing = this.map.get(a)?.get(b)?.get(c);
    if (existing !== undefined) {
      this.values[existing] = value;
      return value;
    }
    const slot = this.allocate();
    let second = this.map.get(a);
    if (second === undefined) this.map.set(a, (second = new Map()));
    let third = second.get(b);
    if (third === undefined) second.set(b, (third = new Map()));
    this.keysA[slot] = a;
    this.keysB[slot] = b;
    this.keysC[slot] = c;
    third.set(c, slot);
    this.attach(slot, value);
    return value;
  },
  removeKey(this: Lru, slot: number): void {
    const a = this.keysA[slot];
    const b = this.keysB[slot];
    const second = this.map.get(a)!;
    const third = second.get(b)!;
    third.delete(this.keysC[slot]);
    if (third.size === 0) second.delete(b);
    if (second.size === 0) this.map.delete(a);
  },
  relink(this: Lru, slot: number): void {
    this.map.get(this.keysA[slot])!.get(this.keysB[slot])!.set(this.keysC[slot], slot);
  },
  slotFor(this: Lru, args: ArrayLike<unknown>): number | undefined {
    return this.map.get(args[0])?.get(args[1])?.get(args[2]);
  },
  getKey(this: Lru, args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1], args[2]);
  },
  setKey(this: Lru, args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], args[2], value);
  },
};

const LEVELS = [undefined, lru1, lru2, lru3] as const;

/** An LRU cache of at most `max` entries for functions of 1, 2 or 3 parameters. */
export function createLru(arity: 1 | 2 | 3, max: number): KeyedCache {
  const levels = LEVELS[arity]!;
  return {
    hits: 0,
    misses: 0,
    size: 0,
    max,
    values: NO_LIST,
    keysA: NO_LIST,
    keysB: NO_LIST,
    keysC: NO_LIST,
    stamps: NO_LIST,
    tick: 0,
    linked: false,
    prev: NO_LINKS,
    next: NO_LINKS,
    head: NONE,
    tail: NONE,
    map: NO_MAP,
    hit: lruBase.hit,
    allocate: lruBase.allocate,
    attach: lruBase.attach,
    detach: lruBase.detach,
    link: lruBase.link,
    peekKey: lruBase.peekKey,
    hasKey: lruBase.hasKey,
    deleteKey: lruBase.deleteKey,
    move: lruBase.move,
    clear: lruBase.clear,
    count: lruBase.count,
    info: lruBase.info,
    get: levels.get,
    set: levels.set,
    removeKey: levels.removeKey,
    relink: levels.relink,
    slotFor: levels.slotFor,
    getKey: levels.getKey,
    setKey: levels.setKey,
  } as unknown as KeyedCache;
}
