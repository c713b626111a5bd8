/** What the generated code tells the runtime about one memoized function. Written once per tag by the core. */
export interface MemoSpec {
  /** Number of key positions (declared parameters); -1 keys on all arguments and their count. */
  arity: number;
  /** Key on the receiver (`this`) first, held weakly. Methods, getters and functions that use `this`. */
  receiver?: boolean;
  /** The function returns a promise: share it while pending, evict it when it rejects. */
  async?: boolean;
  /** Keep at most this many entries; least recently used is evicted. */
  max?: number;
  /** An entry expires this many milliseconds after it was stored. */
  ttlMs?: number;
  /** `"json"` compares arguments structurally; a function maps the arguments to one key. */
  key?: "json" | (() => (...args: any[]) => unknown);
  /** Hold object arguments weakly. */
  weak?: boolean;
  /** Name the wrapper carries (`fn.name`), when it differs from the implementation's. */
  name?: string;
  /** The first argument of `memoize` is a factory taking the wrapper (a named function expression calling itself). */
  self?: boolean;
  /** Development check of cache hits (`verify`): sampled hits rerun the body and compare (see verify.ts). */
  verify?: { rate: number; name: string; where: string; report: string; strict?: boolean };
}

/** Returned by `get` when the key is not cached. */
export const MISS: unique symbol = Symbol("memoscope.miss") as any;
export type Miss = typeof MISS;

/** Counters a cache exposes through `cacheOf(...).info()`. */
export interface CacheInfo {
  hits: number;
  misses: number;
  size: number;
  max: number | undefined;
}
