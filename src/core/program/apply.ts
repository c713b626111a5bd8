import { Codes } from "../diagnostics";
import type { CaptureRecord, ClosureRecord, FileReport, Report, ReportDiagnostic } from "../report/model";
import { compareLoc } from "./summary";
import { functionKey, type ReachResult } from "./reach";

/**
 * Puts the pass's verdicts into a report: on each memoized closure, the MS105 diagnostics, the MS101
 * ones for reassigned imports and `unresolved` are replaced by the pass's (so running it again, with
 * more of the program known, never doubles them), and captured imports found reassigned say so with
 * `reassigned: true` and `from`. Everything else is left as it is, byte for byte.
 */

/** Is this diagnostic one the pass owns (so a later run replaces it)? */
export function isReachDiagnostic(d: ReportDiagnostic): boolean {
  return d.code === Codes.impureCallee || (d.code === Codes.staleCapture && d.message.includes("` (import, module scope), which ") && !d.message.includes("), which is reassigned:"));
}

/** A file's part with the pass's results for its memoized closures (keyed by `functionKey`); closures it has no result for are unchanged. */
export function applyReachToFile(entry: FileReport, results: ReadonlyMap<string, ReachResult> | undefined): FileReport {
  if (results === undefined || results.size === 0) return entry;
  let changed = false;
  const closures = entry.closures.map((closure) => {
    const result = closure.memoized === null ? undefined : results.get(functionKey(closure.loc));
    if (result === undefined) return closure;
    const next = applyToClosure(closure, result);
    if (next !== closure) changed = true;
    return next;
  });
  return changed ? { ...entry, closures } : entry;
}

/** The report with the pass's results (per file key) applied. */
export function applyReach(report: Report, results: ReadonlyMap<string, ReadonlyMap<string, ReachResult>>): Report {
  const files: Record<string, FileReport> = {};
  for (const [key, entry] of Object.entries(report.files)) files[key] = applyReachToFile(entry, results.get(key));
  return { ...report, files };
}

function applyToClosure(closure: ClosureRecord, result: ReachResult): ClosureRecord {
  const had = closure.diagnostics.some(isReachDiagnostic) || closure.unresolved !== undefined || closure.captures.some((c) => c.from !== undefined);
  if (!had && result.diagnostics.length === 0 && result.unresolved.length === 0 && result.importCaptures.length === 0) return closure;
  const from = new Map(result.importCaptures.map((c) => [c.local, c.from]));
  const captures = closure.captures.map((c): CaptureRecord => {
    if (c.binding !== "import") return c;
    const found = from.get(c.name);
    if (found !== undefined) return { ...c, reassigned: true, from: { ...found } };
    if (c.from === undefined) return c;
    // An earlier run's verdict the program no longer supports: back to what the file alone says.
    const { from: _old, ...plain } = c;
    return { ...plain, reassigned: false };
  });
  const diagnostics = [...closure.diagnostics.filter((d) => !isReachDiagnostic(d)), ...result.diagnostics].sort(
    (a, b) => compareLoc(a.at, b.at) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  const { unresolved: _gone, ...rest } = closure;
  return { ...rest, captures, diagnostics, ...(result.unresolved.length > 0 && { unresolved: result.unresolved.map((u) => ({ ...u })) }) };
}
