import * as fs from "node:fs";
import * as path from "node:path";
import { flushReports, readReport, recordReportEntry, reportKey } from "../core";

/**
 * The build-end step: write the merged capture report. Each tagged file's part is handed to the core's
 * report store as the Babel plugin finishes it; here the entries of files that are in this build but
 * were not analysed (their tag is gone, or include/exclude now skip them) are dropped, so the report
 * does not go on listing functions as memoized that no longer are, and the store is flushed so the
 * report file is complete when the bundler says it is done. (One function, so the store behind it can
 * change alone.)
 */

/** Writes this build's report to `reportOption` (relative to `root`); `unanalysed` are the build's files the plugin did not analyse. */
export function writeBuildReport(root: string, reportOption: string | false, unanalysed: Iterable<string>): void {
  if (reportOption === false) return;
  const reportFile = path.resolve(root, reportOption);
  if (fs.existsSync(reportFile)) {
    const current = readReport(reportFile);
    for (const file of unanalysed) {
      const key = reportKey(root, file);
      if (current.files[key] !== undefined) recordReportEntry(reportFile, key, null);
    }
  }
  flushReports();
}
