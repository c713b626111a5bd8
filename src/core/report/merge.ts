import * as path from "path";
import { REPORT_VERSION, type FileReport, type Report } from "./model";

/** Pure report edits, used by the store reader and by the CLI. */

/**
 * The report with `file`'s entry replaced by `entry`; an entry with no closures removes the file,
 * so a file that no longer captures anything drops out on rebuild.
 */
export function withFileEntry(report: Report, file: string, entry: FileReport | null): Report {
  const files = { ...report.files };
  if (entry === null || entry.closures.length === 0) delete files[file];
  else files[file] = entry;
  return { version: REPORT_VERSION, files };
}

/** A file's key in the report: its path relative to `root`, with `/` separators. */
export function reportKey(root: string, filename: string): string {
  const relative = path.relative(path.resolve(root), path.resolve(root, filename));
  return relative.split(path.sep).join("/");
}
