import path from "node:path";
import type * as TS from "typescript";
import { deliverFileReport, triageFindings, type FileReport, type PluginOptions, type TagOptions } from "../core";
import { analyzeSourceFile } from "./lower";
import { printWarning, toTsDiagnostic } from "./report-error";

/**
 * Step "record the report" of the TypeScript path, as src/babel/report.ts does it for Babel: analyse
 * the ORIGINAL source file's captures, print findings on memoized functions (MS101–MS104) to stderr
 * with a code frame — never through ts-patch's `addDiagnostic`, since any diagnostic there fails
 * `tspc` — or, with `strict: true`, report warning-level findings as TypeScript error diagnostics;
 * then merge the file's part into the report file.
 */

/** Analyses the file (before any rewrite). Undefined: nothing to record. `failed`: strict findings were reported as errors. */
export function analyzeFile(
  ts: typeof TS,
  sf: TS.SourceFile,
  options: PluginOptions,
  memoized: ReadonlyMap<TS.Node, TagOptions>,
  addDiagnostic: (diagnostic: TS.Diagnostic) => unknown,
): { report: FileReport | undefined; failed: boolean } {
  if (options.report === false && memoized.size === 0) return { report: undefined, failed: false };
  const report = analyzeSourceFile(ts, sf, memoized);
  const { errors, printed } = triageFindings(report, options.strict);
  for (const error of errors) addDiagnostic(toTsDiagnostic(ts, sf, error));
  for (const finding of printed) printWarning(sf, finding);
  return { report, failed: errors.length > 0 };
}

/**
 * The build root report paths are relative to: the `root` option (relative to the tsconfig's
 * folder), else the tsconfig's folder, else the program's current directory.
 */
export function buildRoot(program: TS.Program, options: PluginOptions): string {
  const configFile = (program.getCompilerOptions() as { configFilePath?: unknown }).configFilePath;
  const base = typeof configFile === "string" ? path.dirname(configFile) : program.getCurrentDirectory();
  return path.resolve(base, options.root ?? ".");
}

/** Merges the file's part into the report file, replacing the file's previous entry. */
export function writeFileReport(program: TS.Program, sf: TS.SourceFile, options: PluginOptions, report: FileReport | undefined): void {
  if (options.report === false || report === undefined) return;
  deliverFileReport(buildRoot(program, options), options.report, path.resolve(program.getCurrentDirectory(), sf.fileName), report);
}
