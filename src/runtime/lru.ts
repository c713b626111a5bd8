import type { KeyedCache } from "./create";
import { MISS as missSentinel, type CacheInfo } from "./spec";

const MISS = missSentinel;

/**
 * Arity-specialised LRU caches for `@memoize max=N` (no `ttl`, `weak` or `key`). The key levels are
 * nested `Map`s whose leaves are entries: small objects of one shape holding the value, the key and a
 * recency stamp, so a hit is one `Map` lookup per level, one field write and one field read. Same
 * surface as the caches in fast.ts, and like them each cache is a plain object literal whose methods
 * are own properties pointing at shared functions (see fast.ts for why).
 *
 * Recency is exact LRU, kept lazily so that a hit costs one field write:
 * - every use (a hit or a store) stamps its entry with the next value of a counter;
 * - when the cache must evict, it takes the least recently used entry from `order`, the entries sorted by
 *   stamp at some earlier eviction, whose stamps were then renumbered to their positions in it. An entry
 *   whose stamp still equals its position has not been used since that sort, and every entry used since
 *   has a larger stamp than all of those; so the first such entry from `next` on is the least recently
 *   used one. Entries used (or deleted) since the sort are skipped (each position is passed once). When
 *   `order` runs out, every entry has been used since, and the entries are sorted again.
 * So a hit never touches a list, a miss that evicts costs O(1) amortised plus one sort per `max`
 * positions passed (O(log max) amortised per eviction or skipped entry), and which entry is evicted is
 * exactly what a linked recency list would evict (`__tests__/lru-model.test.ts` checks it against one).
 * An evicted entry is reused for the new key: a full cache allocates nothing but its `Map` records.
 * Nothing but the cache object is allocated when a cache is made: the key `Map` and the entry list come
 * with the first store (a cache that is made and never called costs one small object).
 */

/** One cached call: its value, its key (one field per parameter), its last use and its place in `all`. */
interface Entry {
  v: unknown;
  /** Last use: a counter value; after a sort, an untouched entry holds its position in `order`; -1 once deleted. */
  s: number;
  a: unknown;
  b: unknown;
  c: unknown;
  i: number;
}

/**
 * A new entry. One literal for every arity, so every entry has one hidden class; `v` starts as
 * `undefined`, so V8 keeps it a tagged field: a number stored there is read back without boxing a
 * new one on each hit (a field or array V8 had unboxed to doubles would box one per read).
 */
function newEntry(i: number): Entry {
  return { v: undefined, s: 0, a: undefined, b: undefined, c: undefined, i };
}

/** The state of an LRU cache; `map` holds the key levels, whose leaves are entries. */
interface LruState {
  /**
   * Hits are not counted on the hit path: every hit and every store takes one tick, so hits are the ticks
   * (`uses` holds those of earlier epochs: a sort or `clear` restarts `tick`) minus the stores.
   */
  uses: number;
  stores: number;
  misses: number;
  size: number;
  readonly max: number;
  /** The live entries, densely (`all[e.i] === e`). */
  all: Entry[];
  tick: number;
  /** Entries, least recently used first, as of the last sort (empty before the first eviction). */
  order: Entry[];
  /** The first position of `order` not yet passed. */
  next: number;
  map: Map<unknown, any>;
}

/** What each arity adds: its key levels. */
interface LruLevels {
  removeKey(this: Lru, entry: Entry): void;
  entryFor(this: Lru, args: ArrayLike<unknown>): Entry | undefined;
  readonly arity: number;
}

type Lru = LruState & LruLevels & { get(...key: unknown[]): unknown; set(...keyAndValue: unknown[]): unknown };

/** An entry for a new key: a fresh one while below `max` (the list and the key levels come with the first), else the least recently used one, its key removed. */
function allocate(cache: Lru): Entry {
  if (cache.size < cache.max) {
    if (cache.all === NO_LIST) {
      // First store (or first after `clear`): the list and the key levels are made here, not with the cache.
      cache.all = [];
      cache.map = new Map();
    }
    const entry = newEntry(cache.size++);
    cache.all.push(entry);
    return entry;
  }
  let order = cache.order;
  let at = cache.next;
  for (;;) {
    if (at >= order.length) {
      order = sortByStamp(cache);
      at = 0;
    }
    const entry = order[at];
    if (entry.s === at++) {
      cache.next = at;
      cache.removeKey(entry);
      return entry;
    }
  }
}

/** Exactly representable doubles: a stamp and an index packed as `stamp * size + index` must stay below this. */
const EXACT = 2 ** 52;

/**
 * Sorts the live entries by stamp, least recent first, into `order`, and renumbers each stamp to its
 * position there (so the counter restarts at `size` and never grows past what the hits since the last
 * sort add).
 */
function sortByStamp(cache: Lru): Entry[] {
  const size = cache.size;
  const all = cache.all;
  let order: Entry[];
  if ((cache.tick + 1) * size <= EXACT) {
    // A native numeric sort of packed (stamp, index) doubles: no comparator calls.
    const packed = new Float64Array(size);
    for (let i = 0; i < size; i++) packed[i] = all[i].s * size + i;
    packed.sort();
    order = [];
    for (let i = 0; i < size; i++) order.push(all[(packed[i] % size) | 0]);
  } else {
    order = all.slice().sort((x, y) => x.s - y.s);
  }
  for (let i = 0; i < size; i++) order[i].s = i;
  cache.uses += cache.tick - size;
  cache.tick = size;
  cache.order = order;
  cache.next = 0;
  return order;
}

/** The methods every arity shares. */
const lruBase = {
  peekKey(this: Lru, args: ArrayLike<unknown>): unknown {
    const entry = this.entryFor(args);
    return entry === undefined ? MISS : entry.v;
  },

  hasKey(this: Lru, args: ArrayLike<unknown>): boolean {
    return this.entryFor(args) !== undefined;
  },

  /** Deletes an entry; the last entry of `all` moves into its place so the list stays dense. */
  deleteKey(this: Lru, args: ArrayLike<unknown>): boolean {
    const entry = this.entryFor(args);
    if (entry === undefined) return false;
    this.removeKey(entry);
    const last = this.all.pop()!;
    if (last !== entry) {
      this.all[entry.i] = last;
      last.i = entry.i;
    }
    this.size--;
    // Matches no position of `order`: the deleted entry is passed over there, never evicted again.
    entry.s = -1;
    entry.v = entry.a = entry.b = entry.c = undefined;
    return true;
  },

  clear(this: Lru): void {
    this.size = 0;
    this.all = this.order = NO_LIST;
    this.next = 0;
    this.uses += this.tick;
    this.tick = 0;
    this.map = NO_MAP;
  },

  info(this: Lru): CacheInfo {
    return { hits: this.uses + this.tick - this.stores, misses: this.misses, size: this.size, max: this.max };
  },

  count(this: Lru): number {
    return this.size;
  },
};

/** Stands for "no key levels yet": only ever read (`get`), replaced by `allocate` before the first store. */
const NO_MAP: Map<unknown, any> = new Map();

/** Stands for "no entries yet" (never written: `allocate` replaces it before the first store). */
const NO_LIST: Entry[] = [];
Object.freeze(NO_LIST);

/** `max=N`, one parameter. */
const lru1 = {
  get(this: Lru, a: unknown): unknown {
    const entry: Entry | undefined = this.map.get(a);
    if (entry !== undefined) {
      entry.s = ++this.tick;
      return entry.v;
    }
    this.misses++;
    return MISS;
  },
  set(this: Lru, a: unknown, value: unknown): unknown {
    const existing: Entry | undefined = this.map.get(a);
    if (existing !== undefined) {
      existing.v = value;
      return value;
    }
    const entry = allocate(this);
    entry.a = a;
    this.map.set(a, entry);
    entry.v = value;
    entry.s = ++this.tick;
    this.stores++;
    return value;
  },
  removeKey(this: Lru, entry: Entry): void {
    this.map.delete(entry.a);
  },
  entryFor(this: Lru, args: ArrayLike<unknown>): Entry | undefined {
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
      const entry: Entry | undefined = inner.get(b);
      if (entry !== undefined) {
        entry.s = ++this.tick;
        return entry.v;
      }
    }
    this.misses++;
    return MISS;
  },
  set(this: Lru, a: unknown, b: unknown, value: unknown): unknown {
    const existing: Entry | undefined = this.map.get(a)?.get(b);
    if (existing !== undefined) {
      existing.v = value;
      return value;
    }
    const entry = allocate(this);
    let inner = this.map.get(a);
    if (inner === undefined) this.map.set(a, (inner = new Map()));
    entry.a = a;
    entry.b = b;
    inner.set(b, entry);
    entry.v = value;
    entry.s = ++this.tick;
    this.stores++;
    return value;
  },
  removeKey(this: Lru, entry: Entry): void {
    const inner = this.map.get(entry.a)!;
    inner.delete(entry.b);
    if (inner.size === 0) this.map.delete(entry.a);
  },
  entryFor(this: Lru, args: ArrayLike<unknown>): Entry | undefined {
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
        const entry: Entry | undefined = third.get(c);
        if (entry !== undefined) {
          entry.s = ++this.tick;
          return entry.v;
        }
      }
    }
    this.misses++;
    return MISS;
  },
  set(this: Lru, a: unknown, b: unknown, c: unknown, value: unknown): unknown {
    const existing: Entry | undefined = this.map.get(a)?.get(b)?.get(c);
    if (existing !== undefined) {
      existing.v = value;
      return value;
    }
    const entry = allocate(this);
    let second = this.map.get(a);
    if (second === undefined) this.map.set(a, (second = new Map()));
    let third = second.get(b);
    if (third === undefined) second.set(b, (third = new Map()));
    entry.a = a;
    entry.b = b;
    entry.c = c;
    third.set(c, entry);
    entry.v = value;
    entry.s = ++this.tick;
    this.stores++;
    return value;
  },
  removeKey(this: Lru, entry: Entry): void {
    const second = this.map.get(entry.a)!;
    const third = second.get(entry.b)!;
    third.delete(entry.c);
    if (third.size === 0) second.delete(entry.b);
    if (second.size === 0) this.map.delete(entry.a);
  },
  entryFor(this: Lru, args: ArrayLike<unknown>): Entry | undefined {
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
    uses: 0,
    stores: 0,
    misses: 0,
    size: 0,
    max,
    arity,
    all: NO_LIST,
    tick: 0,
    order: NO_LIST,
    next: 0,
    map: NO_MAP,
    get: levels.get,
    set: levels.set,
    removeKey: levels.removeKey,
    entryFor: levels.entryFor,
    getKey: levels.getKey,
    setKey: levels.setKey,
    peekKey: lruBase.peekKey,
    hasKey: lruBase.hasKey,
    deleteKey: lruBase.deleteKey,
    clear: lruBase.clear,
    count: lruBase.count,
    info: lruBase.info,
  } as unknown as KeyedCache;
}
