import { flushReports } from "../core";

/**
 * The build-end step: write the merged capture report. Each tagged file's part is handed to the core's
 * report store as the Babel plugin finishes it; here the store is flushed so the report file is
 * complete when the bundler says it is done. (One function, so the store behind it can change alone.)
 */

/** Writes every pending report entry of this build to `reportOption` (relative to `root`); nothing when the report is off. */
export function writeBuildReport(root: string, reportOption: string | false): void {
  if (reportOption === false) return;
  void root;
  flushReports();
}
