import * as path from "path";

/**
 * Where a build's report lives (SPEC §5, delivery). The `report` option names the store folder
 * (default `.memoscope`). A value ending in `.json` — the form older versions used, e.g.
 * `.memoscope/report.json` — names the merged report file instead, and the store is the folder that
 * holds it; both forms of the default are the same store. In the store, `fragments/` holds one
 * fragment per source file, and the merged report is `report.json` (or the `.json` path given).
 */

/** A resolved report store. */
export interface StoreLocation {
  /** The store folder. */
  dir: string;
  /** The folder of the per-file fragments (`<dir>/fragments`). */
  fragments: string;
  /** The merged report file (`<dir>/report.json`, or the `.json` path the option names). */
  merged: string;
}

/** The name of the fragments folder inside a store. */
export const FRAGMENTS_FOLDER = "fragments";

/** Resolves a `report` option value (or a CLI argument) against the folder `base` (the build root; `.` keeps paths relative, for messages). */
export function resolveStore(base: string, reportOption: string): StoreLocation {
  const target = path.isAbsolute(reportOption) ? path.normalize(reportOption) : path.join(base, reportOption);
  const isFile = /\.json$/i.test(target);
  const dir = isFile ? path.dirname(target) : target;
  return { dir, fragments: path.join(dir, FRAGMENTS_FOLDER), merged: isFile ? target : path.join(dir, "report.json") };
}

/** Whether `file` lies outside the folder `root` (or on another drive). */
export function isOutside(root: string, file: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(file));
  return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}
