import { MISS, type CacheInfo } from "./spec";

/**
 * Arity-specialised LRU caches for `@memoize max=N` (no `ttl`, `weak` or `key`). The key levels are
 * nested `Map`s whose leaves are slot numbers; values, keys and the recency list live in arrays indexed
 * by slot, the list's links in `Int32Array`s. So a hit is one `get` per position plus moving one slot to
 * the head: a few integer writes, no object allocation and no pointer write barriers. A miss that
 * overflows reuses the least recently used slot and prunes the levels it empties. Same surface as the
 * caches in fast.ts.
 */

const NONE = -1;

/** The slot storage and recency list shared by the three arities. */
abstract class LruBase {
  hits = 0;
  misses = 0;
  size = 0;
  protected values: unknown[] = [];
  protected keysA: unknown[] = [];
  protected keysB: unknown[] = [];
  protected keysC: unknown[] = [];
  protected prev: Int32Array;
  protected next: Int32Array;
  protected head = NONE;
  protected tail = NONE;

  constructor(readonly max: number) {
    const capacity = Math.min(max, 64);
    this.prev = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /** Moves `slot` to the head and returns its value. */
  protected hit(slot: number): unknown {
    this.hits++;
    if (slot !== this.head) {
      const prev = this.prev;
      const next = this.next;
      const before = prev[slot];
      const after = next[slot];
      next[before] = after;
      if (after !== NONE) prev[after] = before;
      else this.tail = before;
      prev[slot] = NONE;
      next[slot] = this.head;
      prev[this.head] = slot;
      this.head = slot;
    }
    return this.values[slot];
  }

  /** A slot for a new entry: a fresh one while below `max`, else the evicted tail's. */
  protected allocate(): number {
    if (this.size < this.max) {
      const slot = this.size++;
      if (slot === this.prev.length) this.grow();
      return slot;
    }
    const slot = this.tail;
    this.removeKey(slot);
    this.detach(slot);
    return slot;
  }

  protected attach(slot: number, value: unknown): void {
    this.values[slot] = value;
    this.prev[slot] = NONE;
    this.next[slot] = this.head;
    if (this.head !== NONE) this.prev[this.head] = slot;
    this.head = slot;
    if (this.tail === NONE) this.tail = slot;
  }

  protected detach(slot: number): void {
    const before = this.prev[slot];
    const after = this.next[slot];
    if (before !== NONE) this.next[before] = after;
    else this.head = after;
    if (after !== NONE) this.prev[after] = before;
    else this.tail = before;
  }

  private grow(): void {
    const capacity = Math.min(this.max, this.prev.length * 2);
    const prev = new Int32Array(capacity);
    const next = new Int32Array(capacity);
    prev.set(this.prev);
    next.set(this.next);
    this.prev = prev;
    this.next = next;
  }

  /** Removes the slot's key from the levels (pruning emptied ones). */
  protected abstract removeKey(slot: number): void;
  protected abstract slotFor(args: ArrayLike<unknown>): number | undefined;
  abstract getKey(args: ArrayLike<unknown>): unknown;
  abstract setKey(args: ArrayLike<unknown>, value: unknown): unknown;

  peekKey(args: ArrayLike<unknown>): unknown {
    const slot = this.slotFor(args);
    return slot === undefined ? MISS : this.values[slot];
  }

  hasKey(args: ArrayLike<unknown>): boolean {
    return this.slotFor(args) !== undefined;
  }

  /** Deletes an entry; the last slot moves into its place so slots stay dense. */
  deleteKey(args: ArrayLike<unknown>): boolean {
    const slot = this.slotFor(args);
    if (slot === undefined) return false;
    this.removeKey(slot);
    this.detach(slot);
    const last = --this.size;
    if (slot !== last) this.move(last, slot);
    this.values[last] = this.keysA[last] = this.keysB[last] = this.keysC[last] = undefined;
    return true;
  }

  /** Moves the entry in slot `from` to the free slot `to`, relinking its neighbours and its leaf. */
  private move(from: number, to: number): void {
    this.values[to] = this.values[from];
    this.keysA[to] = this.keysA[from];
    this.keysB[to] = this.keysB[from];
    this.keysC[to] = this.keysC[from];
    const before = (this.prev[to] = this.prev[from]);
    const after = (this.next[to] = this.next[from]);
    if (before !== NONE) this.next[before] = to;
    else this.head = to;
    if (after !== NONE) this.prev[after] = to;
    else this.tail = to;
    this.relink(to);
  }

  /** Points the slot's leaf in the levels at the slot again (after `move`). */
  protected abstract relink(slot: number): void;

  clear(): void {
    this.head = this.tail = NONE;
    this.size = 0;
    this.values = [];
    this.keysA = [];
    this.keysB = [];
    this.keysC = [];
    this.reset();
  }

  protected abstract reset(): void;

  info(): CacheInfo {
    return { hits: this.hits, misses: this.misses, size: this.size, max: this.max };
  }
}

/** `max=N`, one parameter. */
export class Lru1 extends LruBase {
  private map = new Map<unknown, number>();
  get(a: unknown): unknown {
    const slot = this.map.get(a);
    if (slot !== undefined) return this.hit(slot);
    this.misses++;
    return MISS;
  }
  set(a: unknown, value: unknown): unknown {
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
  }
  protected removeKey(slot: number): void {
    this.map.delete(this.keysA[slot]);
  }
  protected relink(slot: number): void {
    this.map.set(this.keysA[slot], slot);
  }
  protected slotFor(args: ArrayLike<unknown>): number | undefined {
    return this.map.get(args[0]);
  }
  getKey(args: ArrayLike<unknown>): unknown {
    return this.get(args[0]);
  }
  setKey(args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], value);
  }
  protected reset(): void {
    this.map = new Map();
  }
}

/** `max=N`, two parameters. */
export class Lru2 extends LruBase {
  private map = new Map<unknown, Map<unknown, number>>();
  get(a: unknown, b: unknown): unknown {
    const inner = this.map.get(a);
    if (inner !== undefined) {
      const slot = inner.get(b);
      if (slot !== undefined) return this.hit(slot);
    }
    this.misses++;
    return MISS;
  }
  set(a: unknown, b: unknown, value: unknown): unknown {
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
  }
  protected removeKey(slot: number): void {
    const a = this.keysA[slot];
    const inner = this.map.get(a)!;
    inner.delete(this.keysB[slot]);
    if (inner.size === 0) this.map.delete(a);
  }
  protected relink(slot: number): void {
    this.map.get(this.keysA[slot])!.set(this.keysB[slot], slot);
  }
  protected slotFor(args: ArrayLike<unknown>): number | undefined {
    return this.map.get(args[0])?.get(args[1]);
  }
  getKey(args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1]);
  }
  setKey(args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], value);
  }
  protected reset(): void {
    this.map = new Map();
  }
}

/** `max=N`, three parameters. */
export class Lru3 extends LruBase {
  private map = new Map<unknown, Map<unknown, Map<unknown, number>>>();
  get(a: unknown, b: unknown, c: unknown): unknown {
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
  }
  set(a: unknown, b: unknown, c: unknown, value: unknown): unknown {
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
  }
  protected removeKey(slot: number): void {
    const a = this.keysA[slot];
    const b = this.keysB[slot];
    const second = this.map.get(a)!;
    const third = second.get(b)!;
    third.delete(this.keysC[slot]);
    if (third.size === 0) second.delete(b);
    if (second.size === 0) this.map.delete(a);
  }
  protected relink(slot: number): void {
    this.map.get(this.keysA[slot])!.get(this.keysB[slot])!.set(this.keysC[slot], slot);
  }
  protected slotFor(args: ArrayLike<unknown>): number | undefined {
    return this.map.get(args[0])?.get(args[1])?.get(args[2]);
  }
  getKey(args: ArrayLike<unknown>): unknown {
    return this.get(args[0], args[1], args[2]);
  }
  setKey(args: ArrayLike<unknown>, value: unknown): unknown {
    return this.set(args[0], args[1], args[2], value);
  }
  protected reset(): void {
    this.map = new Map();
  }
}
