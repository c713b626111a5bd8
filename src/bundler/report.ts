import path = require("node:path");
import { deliverFileReport, writeMergedReport, type ReportDiagnostic, type StoreWarn } from "../core";

/**
 * The build-end step: write the merged capture report from the store. Each tagged file's part went to
 * the store (one fragment per file) as the Babel plugin finished it; here the fragments of files that are
 * in this build but were not analysed (their tag is gone, or include/exclude now skip them) are removed,
 * so the report does not go on listing functions as memoized that no longer are, and the merged report
 * file is written so it is complete when the bundler says it is done. A broken store is one warning
 * through the bundler (an error under `strict`), never a failed build.
 *
 * The whole program is known here, so the cross-file pass (SPEC §5b) runs over the store's summaries
 * before the merged report is written, and each finding it adds (an MS105 through an imported function,
 * an MS101 on an import its module reassigns) goes to the bundler's warning API. Only files the plugin
 * analysed have summaries (the tagged ones; every included file with `reportAll`): a call into any other
 * file is listed as unresolved in the report, never guessed.
 */

/** How the build-end step reports store trouble and cross-file findings. */
export interface BuildReportOptions {
  strict?: boolean;
  /** The bundler's warning API. */
  warn?: StoreWarn;
  /** Receives each finding the cross-file pass adds (`file`: absolute path); default: the `warn` line, `path:line:column: CODE: message`. */
  finding?: (file: string, diagnostic: ReportDiagnostic) => void;
}

/** Writes this build's merged report (the `report` option, relative to `root`); `unanalysed` are the build's files the plugin did not analyse. */
export function writeBuildReport(root: string, reportOption: string | false, unanalysed: Iterable<string>, options: BuildReportOptions = {}): void {
  if (reportOption === false) return;
  // An empty part removes the file's fragment (its source text is not needed for that).
  for (const file of unanalysed) deliverFileReport(root, reportOption, file, { closures: [] }, { sourceText: "", strict: options.strict, warn: options.warn });
  const view = writeMergedReport(root, reportOption, { strict: options.strict, warn: options.warn, wholeProgram: true });
  const send =
    options.finding ??
    ((file: string, d: ReportDiagnostic) => (options.warn ?? ((m: string) => process.stderr.write(`memoscope: warning: ${m}\n`)))(`${path.relative(root, file) || file}:${d.at.line}:${d.at.column + 1}: ${d.code}: ${d.message}`));
  // A watch rebuild runs this again: say only what the previous build did not (as per-file findings are printed once per content).
  const id = `${root}\0${reportOption}`;
  const before = sentLastBuild.get(id) ?? new Set<string>();
  const now = new Set<string>();
  for (const found of view?.wholeProgram?.added ?? []) {
    const key = `${found.path}\0${found.diagnostic.code}\0${found.diagnostic.at.line}:${found.diagnostic.at.column}\0${found.diagnostic.message}`;
    now.add(key);
    if (!before.has(key)) send(found.path, found.diagnostic);
  }
  sentLastBuild.set(id, now);
}

/** Per store (root + option) in this process: the cross-file findings the last build sent. */
const sentLastBuild = new Map<string, Set<string>>();
