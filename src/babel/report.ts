import type { NodePath, types as t } from "@babel/core";
import path from "node:path";
import { ReportError, deliverFileReport, reportKey, triageFindings, type FileReport, type ModuleSummary, type PluginOptions, type ReportDiagnostic, type TagOptions } from "../core";
import { analyzeModule } from "./lower";
import { buildError, type BabelFile } from "./report-error";

/**
 * Step "record the report" of the Babel path: analyse the original program's captures, put the file's
 * part in `file.metadata.memoscope`, hand back the findings on memoized functions (MS101–MS104) to
 * print — or throw them as errors with `strict: true` — and write the part to the report store.
 */

/** Analyses the file (before any rewrite): its part of the report (MS105 within the file included), its summary for the store, and the findings to print. Throws the first finding under `strict`. */
export function analyzeFile(
  program: NodePath<t.Program>,
  file: BabelFile,
  options: PluginOptions,
  memoized: ReadonlyMap<t.Node, TagOptions>,
): { report: FileReport | undefined; summary?: ModuleSummary; findings: ReportDiagnostic[] } {
  if (options.report === false && memoized.size === 0) return { report: undefined, findings: [] };
  const { report, summary } = analyzeModule(program.node, memoized, fileKey(file, options));
  (file.metadata as Record<string, unknown>).memoscope = report;
  const { errors, printed } = triageFindings(report, options.strict);
  if (errors.length > 0) throw buildError(file, errors[0], errors[0].at);
  return { report, summary, findings: printed };
}

/** The file's report key (MS105 chains name files by it), or `unknown file` when Babel was given no filename. */
function fileKey(file: BabelFile, options: PluginOptions): string {
  const filename = (file.opts as { filename?: string | null }).filename;
  return filename ? reportKey(buildRoot(file, options), filename) : "unknown file";
}

/** The build root report paths (and printed paths) are relative to: the `root` option, else Babel's root, else the cwd. */
export function buildRoot(file: BabelFile, options: PluginOptions): string {
  const opts = file.opts as { root?: string; cwd?: string };
  return path.resolve(opts.cwd ?? process.cwd(), options.root ?? opts.root ?? ".");
}

/** Writes the file's part to the report store now (its own fragment; see core/report/delivery.ts). With `strict`, an unwritable store fails the file. */
export function writeFileReport(file: BabelFile, options: PluginOptions, report: FileReport | undefined, summary?: ModuleSummary): void {
  if (options.report === false || report === undefined) return;
  const filename = (file.opts as { filename?: string | null }).filename;
  if (!filename) return;
  try {
    deliverFileReport(buildRoot(file, options), options.report, filename, report, { sourceText: file.code, strict: options.strict, summary });
  } catch (err) {
    if (err instanceof ReportError) throw new Error(`[memoscope] ${err.message}`);
    throw err;
  }
}
