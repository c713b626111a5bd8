import type { NodePath, types as t } from "@babel/core";
import path from "node:path";
import { ReportError, deliverFileReport, triageFindings, type FileReport, type PluginOptions, type TagOptions } from "../core";
import { analyzeProgram } from "./captures";
import { buildError, printWarning, type BabelFile } from "./report-error";

/**
 * Step "record the report" of the Babel path: analyse the original program's captures, put the file's
 * part in `file.metadata.memoscope`, print findings on memoized functions (MS101–MS104) as warnings —
 * or throw them as errors with `strict: true` — and write the part to the report store.
 */

/** Analyses the file (before any rewrite). Throws the first finding under `strict`. */
export function analyzeFile(program: NodePath<t.Program>, file: BabelFile, options: PluginOptions, memoized: ReadonlyMap<t.Node, TagOptions>): FileReport | undefined {
  if (options.report === false && memoized.size === 0) return undefined;
  const report = analyzeProgram(program, memoized);
  (file.metadata as Record<string, unknown>).memoscope = report;
  const { errors, printed } = triageFindings(report, options.strict);
  if (errors.length > 0) throw buildError(file, errors[0], errors[0].at);
  for (const finding of printed) printWarning(file, finding);
  return report;
}

/** The build root report paths are relative to: the `root` option, else Babel's root, else the cwd. */
export function buildRoot(file: BabelFile, options: PluginOptions): string {
  const opts = file.opts as { root?: string; cwd?: string };
  return path.resolve(opts.cwd ?? process.cwd(), options.root ?? opts.root ?? ".");
}

/** Writes the file's part to the report store now (its own fragment; see core/report/delivery.ts). With `strict`, an unwritable store fails the file. */
export function writeFileReport(file: BabelFile, options: PluginOptions, report: FileReport | undefined): void {
  if (options.report === false || report === undefined) return;
  const filename = (file.opts as { filename?: string | null }).filename;
  if (!filename) return;
  try {
    deliverFileReport(buildRoot(file, options), options.report, filename, report, { sourceText: file.code, strict: options.strict });
  } catch (err) {
    if (err instanceof ReportError) throw new Error(`[memoscope] ${err.message}`);
    throw err;
  }
}
