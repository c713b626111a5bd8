import { deliverFileReport, writeMergedReport, type StoreWarn } from "../core";

/**
 * The build-end step: write the merged capture report from the store. Each tagged file's part went to
 * the store (one fragment per file) as the Babel plugin finished it; here the fragments of files that are
 * in this build but were not analysed (their tag is gone, or include/exclude now skip them) are removed,
 * so the report does not go on listing functions as memoized that no longer are, and the merged report
 * file is written so it is complete when the bundler says it is done. A broken store is one warning
 * through the bundler (an error under `strict`), never a failed build.
 */

/** How the build-end step reports store trouble. */
export interface BuildReportOptions {
  strict?: boolean;
  /** The bundler's warning API. */
  warn?: StoreWarn;
}

/** Writes this build's merged report (the `report` option, relative to `root`); `unanalysed` are the build's files the plugin did not analyse. */
export function writeBuildReport(root: string, reportOption: string | false, unanalysed: Iterable<string>, options: BuildReportOptions = {}): void {
  if (reportOption === false) return;
  // An empty part removes the file's fragment (its source text is not needed for that).
  for (const file of unanalysed) deliverFileReport(root, reportOption, file, { closures: [] }, { sourceText: "", strict: options.strict, warn: options.warn });
  writeMergedReport(root, reportOption, { strict: options.strict, warn: options.warn });
}
