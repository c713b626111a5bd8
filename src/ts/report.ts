import path from "node:path";
import type * as TS from "typescript";
import { Codes, ReportError, deliverFileReport, reportKey, triageFindings, type FileReport, type ModuleSummary, type PluginOptions, type ReportDiagnostic, type TagOptions } from "../core";
import { analyzeModule } from "./lower";
import { toTsDiagnostic } from "./report-error";

/**
 * Step "record the report" of the TypeScript path, as src/babel/report.ts does it for Babel: analyse
 * the ORIGINAL source file's captures, hand back the findings on memoized functions (MS101–MS104) to
 * print to stderr — never through ts-patch's `addDiagnostic`, since any diagnostic there fails `tspc`
 * — or, with `strict: true`, report warning-level findings as TypeScript error diagnostics; then write
 * the file's part to the report store.
 */

/**
 * Analyses the file (before any rewrite). Undefined: nothing to record. `failed`: strict findings were reported as errors; `findings`: what to print;
 * `summary`: the file's part for the cross-file pass. `program` gives the report key MS105 chains name the file by.
 */
export function analyzeFile(
  ts: typeof TS,
  sf: TS.SourceFile,
  options: PluginOptions,
  memoized: ReadonlyMap<TS.Node, TagOptions>,
  addDiagnostic: (diagnostic: TS.Diagnostic) => unknown,
  program?: TS.Program,
): { report: FileReport | undefined; summary?: ModuleSummary; failed: boolean; findings: ReportDiagnostic[] } {
  if (options.report === false && memoized.size === 0) return { report: undefined, failed: false, findings: [] };
  const key = program === undefined ? sf.fileName : reportKey(buildRoot(program, options), path.resolve(program.getCurrentDirectory(), sf.fileName));
  const { report, summary } = analyzeModule(ts, sf, memoized, key);
  const { errors, printed } = triageFindings(report, options.strict);
  for (const error of errors) addDiagnostic(toTsDiagnostic(ts, sf, error));
  return { report, summary, failed: errors.length > 0, findings: printed };
}

/**
 * The build root report paths (and printed paths) are relative to: the `root` option (relative to the tsconfig's
 * folder), else the tsconfig's folder, else the program's current directory.
 */
export function buildRoot(program: TS.Program, options: PluginOptions): string {
  const configFile = (program.getCompilerOptions() as { configFilePath?: unknown }).configFilePath;
  const base = typeof configFile === "string" ? path.dirname(configFile) : program.getCurrentDirectory();
  return path.resolve(base, options.root ?? ".");
}

/** Writes the file's part to the report store now (its own fragment; see core/report/delivery.ts). With `strict`, an unwritable store is an error diagnostic. */
export function writeFileReport(
  ts: typeof TS,
  program: TS.Program,
  sf: TS.SourceFile,
  options: PluginOptions,
  report: FileReport | undefined,
  addDiagnostic: (diagnostic: TS.Diagnostic) => unknown,
  summary?: ModuleSummary,
): void {
  if (options.report === false || report === undefined) return;
  try {
    deliverFileReport(buildRoot(program, options), options.report, path.resolve(program.getCurrentDirectory(), sf.fileName), report, { sourceText: sf.text, strict: options.strict, summary });
  } catch (err) {
    if (!(err instanceof ReportError)) throw err;
    addDiagnostic(toTsDiagnostic(ts, undefined, { code: Codes.reportStore, severity: "error", message: err.message.replace(/^MS\d+: /, "") }));
  }
}
