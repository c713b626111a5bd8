import { readStore, resolveStore, type Report } from "../../dist/core";

/**
 * The merged report of the store a build's `report` option names (an absolute path, or one relative
 * to `root`), as `memoscope report --format json` would print it. Empty when nothing was stored.
 */
export function storedReport(reportOption: string, root = "/"): Report {
  return readStore(resolveStore(root, reportOption)).report;
}
