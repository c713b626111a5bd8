/**
 * memoscope's runtime: what generated code calls (`store`, `memoize`, `home`, `MISS`) and what users
 * call to control a cache (`cacheOf`). Imports nothing outside this folder.
 *
 * Every export here is a plain data property (no `export … from`, which TypeScript compiles to
 * getters): generated code reads `MISS` from this module object on every call, and a module object
 * full of accessors is slow to read from.
 */
import { MISS as miss } from "./spec";
import { store as storeImpl, memoize as memoizeImpl, home as homeImpl, own as ownImpl } from "./memoize";
import { cacheOf as cacheOfImpl } from "./registry";
export type { MemoSpec, CacheInfo } from "./spec";
export type { CacheControl } from "./registry";

/** Returned by a store's `get` on a miss. */
export const MISS: typeof miss = miss;
/** Creates the store of a memoized declaration or method (inline form). */
export const store = storeImpl;
/** Wraps an arrow or function expression with its own cache (expression form). */
export const memoize = memoizeImpl;
/** Registers a memoized `const f = …` function with its store (inline form of variables). */
export const own = ownImpl;
/** Registers memoized methods with the object they live on, for `cacheOf(instance, name)`. */
export const home = homeImpl;
/** Cache control for a memoized function or method: `clear`, `delete`, `has`, `info`. */
export const cacheOf = cacheOfImpl;
