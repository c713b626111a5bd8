import type { ClosureRecord, Report, ReportDiagnostic } from "../core";

/** Diagnostics of a report flattened with their file and closure, in report order. */
export interface Finding {
  file: string;
  closure: ClosureRecord;
  diagnostic: ReportDiagnostic;
}

/** Every diagnostic in the report, files in key order, closures and diagnostics in their canonical order. */
export function findings(report: Report): Finding[] {
  const out: Finding[] = [];
  for (const file of Object.keys(report.files).sort()) {
    for (const closure of report.files[file].closures) {
      for (const diagnostic of closure.diagnostics) out.push({ file, closure, diagnostic });
    }
  }
  return out;
}

/** Findings that fail `--check`: warnings and errors (info never fails). */
export function failing(list: readonly Finding[]): Finding[] {
  return list.filter((f) => f.diagnostic.severity !== "info");
}

/** A finding's identity for baselines and SARIF fingerprints: no line numbers, so moving code keeps it. */
export function fingerprint(f: Finding): string {
  return `${f.file}|${f.closure.name}|${f.diagnostic.code}|${f.diagnostic.message}`;
}
