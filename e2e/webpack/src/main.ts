import { cacheOf } from "memoscope/runtime";
import { explode, norm, runs, square } from "./math";
import { twice } from "./plain";

/** Calls the memoized functions twice each and returns what the caches saw. */
export function check(): string {
  twice(square(3));
  square(3);
  norm(3, 4);
  norm(3, 4);
  return JSON.stringify({ runs, square: cacheOf(square).info(), norm: cacheOf(norm).info() });
}

/** Throws from inside a memoized function, for the source-mapped stack. */
export function fail(): string {
  try {
    explode(1);
    return "no throw";
  } catch (err) {
    return (err as Error).stack ?? "";
  }
}
