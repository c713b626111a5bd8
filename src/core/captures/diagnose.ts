import { Codes, type Severity } from "../diagnostics";
import type { CaptureRecord, Loc, ReportDiagnostic } from "../report/model";
import type { UnitFact } from "./facts";

/**
 * MS101–MS104 for one memoized closure. Messages name the closure and the binding but no positions
 * (those are in `at`), so a baseline keyed on the message survives code moving around.
 */

/** A capture and where the closure first uses and first writes it. */
export interface ClosureEvidence {
  capture: CaptureRecord;
  firstUse: Loc;
  firstWrite?: Loc;
  /** A function nested in the closure writes the capture (the closure's own code may not). */
  nestedWrite?: boolean;
}

function diagnostic(code: string, severity: Severity, message: string, at: Loc): ReportDiagnostic {
  return { code, severity, message, at: { line: at.line, column: at.column } };
}

function where(capture: CaptureRecord): string {
  return capture.scope === "module" ? "module scope" : `scope of ${capture.scope.name}`;
}

/** The diagnostics of a memoized closure, sorted by position, then code, then message. */
export function diagnoseClosure(unit: UnitFact, evidence: ClosureEvidence[], calls: Map<string, Loc>): ReportDiagnostic[] {
  const out: ReportDiagnostic[] = [];
  const name = unit.name;
  for (const { capture, firstUse, firstWrite, nestedWrite } of evidence) {
    const label = `\`${capture.name}\` (${capture.binding}, ${where(capture)})`;
    if (capture.reassigned) {
      out.push(
        diagnostic(
          Codes.staleCapture,
          "warning",
          `${name} is memoized but captures ${label}, which is reassigned: a cached result goes stale when it changes. Pass it as an argument, make it a constant, or call cacheOf(…).clear() whenever it changes.`,
          firstUse,
        ),
      );
    }
    if (capture.writtenHere) {
      out.push(
        diagnostic(
          Codes.writesCapture,
          "warning",
          `${name} is memoized but writes the captured ${label}: a cache hit skips the body, so the write silently stops happening. Move the side effect out of the function, or remove @memoize.`,
          firstWrite ?? firstUse,
        ),
      );
    } else if (nestedWrite) {
      // A write through a nested function (`items.forEach((i) => { total += i })`): when the closure
      // calls it, a cache hit skips that write too, so it is the same warning, saying how.
      out.push(
        diagnostic(
          Codes.writesCapture,
          "warning",
          `${name} is memoized but writes the captured ${label} through a nested function: a cache hit skips the body, so the write silently stops happening. Move the side effect out of the function, or remove @memoize.`,
          firstWrite ?? firstUse,
        ),
      );
    }
  }
  for (const [callee, at] of calls) {
    out.push(
      diagnostic(
        Codes.nondeterministic,
        "warning",
        `${name} is memoized but calls ${callee}, which returns a different value each time: the cache freezes the first one. Pass the value in as an argument, or remove @memoize.`,
        at,
      ),
    );
  }
  const memo = unit.memoized!;
  const bounded = memo.max !== undefined || memo.ttlMs !== undefined || memo.weak === true;
  const keyed = (unit.params ?? []).filter((p) => p === "string" || p === "object");
  if (!bounded && keyed.length > 0) {
    const what = keyed.includes("string") && keyed.includes("object") ? "string and object" : keyed[0];
    out.push(
      diagnostic(
        Codes.unbounded,
        "info",
        `${name} is memoized without a bound and takes ${what} arguments: its cache grows with every distinct argument and is never emptied. Add max=N or ttl=D${keyed.includes("object") ? ", or weak for object arguments" : ""}.`,
        unit.loc,
      ),
    );
  }
  return out.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
