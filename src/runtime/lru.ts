import type { KeyedCache } from "./create";
import { MISS as missSentinel, type CacheInfo } from "./spec";

const MISS = missSentinel;

/**
 * Arity-specialised LRU caches for `@memoize max=N` (no `ttl`, `weak` or `key`). The key levels are
 * nested `Map`s whose leaves are slot numbers; values, keys and recency stamps live in arrays indexed by
 * slot. Same surface as the caches in fast.ts, and like them each cache is a plain object literal whose
 * methods are own properties pointing at shared functions (see fast.ts for why).
 *
 * Recency is exact LRU, kept lazily so that a hit costs one array write:
 * - every use (a hit or a store) stamps its slot with the next value of a counter;
 * - when the cache must evict, it takes the least recently used entry from `order`, the slots sorted by
 *   stamp at some earlier eviction, whose stamps were then renumbered to their positions in it. An entry
 *   whose stamp still equals its position has not been used since that sort, and every entry used since
 *   has a larger stamp than all of those; so the first such entry from `next` on is the least recently
 *   used one. Entries used since the sort are skipped (each position is passed once). When `order` runs
 *   out, every entry has been used since, and the slots are sorted again.
 * So a hit never touches a list, a miss that evicts costs O(1) amortised plus one sort per `max`
 * positions passed (O(log max) amortised per eviction or skipped entry), and which entry is evicted is
 * exactly what a linked recency list would evict (`__tests__/lru-model.test.ts` checks it against one).
 * Nothing but the cache object is allocated when a cache is made: the key `Map` and the arrays come with
 * the first store (a cache that is made and never called costs one small object).
 */

/** The state of an LRU cache; `map` holds the key levels, whose leaves are slot numbers. */
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
  values: unknown[];
  /** The key of the entry in slot `s` at `keys[s * arity + position]`. */
  keys: unknown[];
  /** Last use of each slot: a counter value; after a sort, untouched entries hold their position in `order`. */
  stamps: number[];
  tick: number;
  /** Slots, least recently used first, as of the last sort (empty before the first eviction). */
  order: number[];
  /** The first position of `order` not yet passed. */
  next: number;
  map: Map<unknown, any>;
}

/** What each arity adds: its key levels. */
interface LruLevels {
  removeKey(this: Lru, slot: number): void;
  relink(this: Lru, slot: number): void;
  slotFor(this: Lru, args: ArrayLike<unknown>): number | undefined;
  readonly arity: number;
}

type Lru = LruState & LruLevels & { get(...key: unknown[]): unknown; set(...keyAndValue: unknown[]): unknown };

/** A slot for a new entry: a fresh one while below `max` (the arrays are made with the first), else the least recently used entry's, its key removed. */
function allocate(cache: Lru): number {
  if (cache.size < cache.max) {
    if (cache.values === NO_LIST) {
      // First store (or first after `clear`): the arrays and the key levels are made here, not with the cache.
      cache.values = anyList();
      cache.keys = anyList();
      cache.stamps = [];
      cache.map = new Map();
    }
    return cache.size++;
  }
  const stamps = cache.stamps;
  let order = cache.order;
  let at = cache.next;
  for (;;) {
    if (at >= order.length) {
      order = sortByStamp(cache);
      at = 0;
    }
    const slot = order[at];
    if (stamps[slot] === at++) {
      cache.next = at;
      cache.removeKey(slot);
      return slot;
    }
  }
}

/**
 * An empty array whose elements are already of the generic kind. A plain `[]` starts with small integers
 * and turns into unboxed doubles at the first non-integer number, and V8 then makes every later array of
 * that allocation site a double array too: each hit returning a number read from it boxed a new heap number
 * (measured: a `max=N` hit at arity 1 cost 1.9× the hand-written closure, in any process where some cache
 * once held a fraction). Values and keys of any type are stored as they are.
 */
function anyList(): unknown[] {
  const list: unknown[] = [NO_LIST];
  list.pop();
  return list;
}

/** Exactly representable doubles: a stamp and a slot packed as `stamp * size + slot` must stay below this. */
const EXACT = 2 ** 52;

/**
 * Sorts the slots by stamp, least recent first, into `order`, and renumbers each stamp to its position
 * there (so the counter restarts at `size` and never grows past what the hits since the last sort add).
 */
function sortByStamp(cache: Lru): number[] {
  const size = cache.size;
  const stamps = cache.stamps;
  const order: number[] = [];
  if ((cache.tick + 1) * size <= EXACT) {
    // A native numeric sort of packed (stamp, slot) doubles: no comparator calls.
    const packed = new Float64Array(size);
    for (let slot = 0; slot < size; slot++) packed[slot] = stamps[slot] * size + slot;
    packed.sort();
    for (let i = 0; i < size; i++) order.push((packed[i] % size) | 0);
  } else {
    for (let slot = 0; slot < size; slot++) order.push(slot);
    order.sort((a, b) => stamps[a] - stamps[b]);
  }
  for (let i = 0; i < size; i++) stamps[order[i]] = i;
  cache.uses += cache.tick - size;
  cache.tick = size;
  cache.order = order;
  cache.next = 0;
  return order;
}

/** Moves the entry in slot `from` to the free slot `to`, with its stamp, its place in `order` and its leaf. */
function move(cache: Lru, from: number, to: number): void {
  const arity = cache.arity;
  cache.values[to] = cache.values[from];
  for (let i = 0; i < arity; i++) cache.keys[to * arity + i] = cache.keys[from * arity + i];
  const stamp = (cache.stamps[to] = cache.stamps[from]);
  if (stamp < cache.order.length && cache.order[stamp] === from) cache.order[stamp] = to;
  cache.relink(to);
}

/** The methods every arity shares. */
const lruBase = {
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
    const last = --this.size;
    if (slot !== last) move(this, last, slot);
    this.values[last] = undefined;
    for (let i = 0; i < this.arity; i++) this.keys[last * this.arity + i] = undefined;
    // Matches no position of `order`: the freed slot is not evicted again before it is reused.
    this.stamps[last] = -1;
    return true;
  },

  clear(this: Lru): void {
    this.size = 0;
    this.values = this.keys = this.stamps = this.order = NO_LIST;
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

/** Stands for "no arrays yet" (never written: `allocate` replaces it before the first store). */
const NO_LIST: unknown[] & number[] = [];
Object.freeze(NO_LIST);

/** `max=N`, one parameter. */
const lru1 = {
  get(this: Lru, a: unknown): unknown {
    const slot = this.map.get(a);
    if (slot !== undefined) {
      this.stamps[slot] = ++this.tick;
      return this.values[slot];
    }
    this.misses++;
    return MISS;
  },
  set(this: Lru, a: unknown, value: unknown): unknown {
    const existing = this.map.get(a);
    if (existing !== undefined) {
      this.values[existing] = value;
      return value;
    }
    const slot = allocate(this);
    this.keys[slot] = a;
    this.map.set(a, slot);
    this.values[slot] = value;
    this.stamps[slot] = ++this.tick;
    this.stores++;
    return value;
  },
  removeKey(this: Lru, slot: number): void {
    this.map.delete(this.keys[slot]);
  },
  relink(this: Lru, slot: number): void {
    this.map.set(this.keys[slot], slot);
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
      if (slot !== undefined) {
        this.stamps[slot] = ++this.tick;
        return this.values[slot];
      }
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
    const slot = allocate(this);
    let inner = this.map.get(a);
    if (inner === undefined) this.map.set(a, (inner = new Map()));
    this.keys[2 * slot] = a;
    this.keys[2 * slot + 1] = b;
    inner.set(b, slot);
    this.values[slot] = value;
    this.stamps[slot] = ++this.tick;
    this.stores++;
    return value;
  },
  removeKey(this: Lru, slot: number): void {
    const a = this.keys[2 * slot];
    const inner = this.map.get(a)!;
    inner.delete(this.keys[2 * slot + 1]);
    if (inner.size === 0) this.map.delete(a);
  },
  relink(this: Lru, slot: number): void {
    this.map.get(this.keys[2 * slot])!.set(this.keys[2 * slot + 1], slot);
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
        if (slot !== undefined) {
          this.stamps[slot] = ++this.tick;
          return this.values[slot];
        }
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
    const slot = allocate(this);
    let second = this.map.get(a);
    if (second === undefined) this.map.set(a, (second = new Map()));
    let third = second.get(b);
    if (third === undefined) second.set(b, (third = new Map()));
    this.keys[3 * slot] = a;
    this.keys[3 * slot + 1] = b;
    this.keys[3 * slot + 2] = c;
    third.set(c, slot);
    this.values[slot] = value;
    this.stamps[slot] = ++this.tick;
    this.stores++;
    return value;
  },
  removeKey(this: Lru, slot: number): void {
    const a = this.keys[3 * slot];
    const b = this.keys[3 * slot + 1];
    const second = this.map.get(a)!;
    const third = second.get(b)!;
    third.delete(this.keys[3 * slot + 2]);
    if (third.size === 0) second.delete(b);
    if (second.size === 0) this.map.delete(a);
  },
  relink(this: Lru, slot: number): void {
    this.map.get(this.keys[3 * slot])!.get(this.keys[3 * slot + 1])!.set(this.keys[3 * slot + 2], slot);
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
    uses: 0,
    stores: 0,
    misses: 0,
    size: 0,
    max,
    arity,
    values: NO_LIST,
    keys: NO_LIST,
    stamps: NO_LIST,
    tick: 0,
    order: NO_LIST,
    next: 0,
    map: NO_MAP,
    get: levels.get,
    set: levels.set,
    removeKey: levels.removeKey,
    relink: levels.relink,
    slotFor: levels.slotFor,
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
