/**
 * memoscope's runtime: what generated code calls (`store`, `memoize`, `home`, `MISS`) and what users
 * call to control a cache (`cacheOf`). Imports nothing outside this folder.
 */
export { MISS, type MemoSpec, type CacheInfo } from "./spec";
export { store, memoize, home } from "./memoize";
export { cacheOf, type CacheControl } from "./registry";
