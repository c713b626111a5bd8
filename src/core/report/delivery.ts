import * as path from "path";
import { Codes } from "../diagnostics";
import { reportKey } from "./merge";
import type { FileReport, ReportDiagnostic } from "./model";
import { recordReportEntry } from "./batch";

/**
 * What both front ends do with a file's part of the report once it is classified (SPEC §5, delivery),
 * minus the AST-specific bits (code frames, Babel errors, `ts.Diagnostic`s): which findings fail the
 * build under `strict`, which are printed, and where the part is merged.
 */

/** The findings of a file's part: those that fail the build and those to print. */
export interface Triage {
  /** Warning-level findings under `strict: true`, worded as errors, in report order. Non-empty: the build fails. */
  errors: ReportDiagnostic[];
  /** Findings to print to stderr (none when the build fails). */
  printed: ReportDiagnostic[];
}

/** The message of a finding that `strict: true` turned into an error. */
export function strictMessage(message: string): string {
  return `${message} (strict: true makes this an error)`;
}

/** Sorts a part's findings into build errors (`strict`) and warnings to print. */
export function triageFindings(report: FileReport, strict: boolean): Triage {
  const findings = report.closures.flatMap((closure) => closure.diagnostics);
  const errors = strict ? findings.filter((f) => f.severity === "warning").map((f) => ({ ...f, message: strictMessage(f.message) })) : [];
  if (errors.length > 0) return { errors, printed: [] };
  return { errors, printed: findings.filter((f) => f.severity === "warning" || f.code === Codes.unbounded) };
}

/** Merges a file's part into the report file `reportOption` (relative to `root`), keyed relative to `root` (batched in large builds: see batch.ts). */
export function deliverFileReport(root: string, reportOption: string | false, filename: string, report: FileReport): void {
  if (reportOption === false) return;
  recordReportEntry(path.resolve(root, reportOption), reportKey(root, filename), report);
}
