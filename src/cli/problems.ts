import type { Diagnostic } from "../core";

/**
 * What a scan reports beside the report itself: tag notes (MS0xx, as the build would report them) and
 * files it could not analyse (MS091 unreadable, MS092 unparsable). Every output format lists them.
 */

/** One problem: the file (report key) and a diagnostic whose `at` (line 1-based, column 0-based) is set when known. */
export interface Problem {
  file: string;
  diagnostic: Diagnostic;
}

/** True for a file scan could not analyse (MS091 unreadable, MS092 unparsable), as opposed to a tag note. */
export function notAnalysed(p: Problem): boolean {
  return p.diagnostic.code === "MS091" || p.diagnostic.code === "MS092";
}

const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Problems in a stable order: by file, then position (unknown positions first), code and message. */
export function sortProblems(list: readonly Problem[]): Problem[] {
  return [...list].sort(
    (a, b) =>
      str(a.file, b.file) ||
      (a.diagnostic.at?.line ?? 0) - (b.diagnostic.at?.line ?? 0) ||
      (a.diagnostic.at?.column ?? 0) - (b.diagnostic.at?.column ?? 0) ||
      str(a.diagnostic.code, b.diagnostic.code) ||
      str(a.diagnostic.message, b.diagnostic.message),
  );
}

/** `path:line:column: severity CODE: message` (column 1-based, as editors count; position left out when unknown). */
export function problemLine(p: Problem): string {
  const at = p.diagnostic.at ? `:${p.diagnostic.at.line}:${p.diagnostic.at.column + 1}` : "";
  return `${p.file}${at}: ${p.diagnostic.severity} ${p.diagnostic.code}: ${p.diagnostic.message}`;
}

/** The problems as plain JSON records for `--format json` (`at` 0-based column, like the report). */
export function problemsJson(list: readonly Problem[]): object[] {
  return list.map((p) => ({ file: p.file, code: p.diagnostic.code, severity: p.diagnostic.severity, message: p.diagnostic.message, at: p.diagnostic.at && { line: p.diagnostic.at.line, column: p.diagnostic.at.column } }));
}
