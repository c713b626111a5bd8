import { REPORT_VERSION, type ClosureRecord, type FileReport, type Report } from "./model";

/**
 * Deterministic text for reports: object keys sorted, arrays in their canonical order, two-space
 * indentation, a trailing newline. And the reverse: parsing with a shape check, so a corrupt or
 * foreign file is a clear `ReportError` rather than a crash later on.
 */

/** A report file that cannot be read, parsed or written; the message is one line for the user. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportError";
  }
}

/** JSON with every object's keys sorted (arrays keep their order), indented, with a trailing newline. */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A file entry with its arrays in canonical order (closures by position, captures by name, …). */
export function canonicalFileReport(entry: FileReport): FileReport {
  const closures = entry.closures.map(
    (c): ClosureRecord => ({
      ...c,
      captures: [...c.captures].sort((a, b) => str(a.name, b.name) || a.declared.line - b.declared.line || a.declared.column - b.declared.column || str(a.binding, b.binding)),
      globals: [...c.globals].sort(str),
      lexical: [...c.lexical].sort(str),
      diagnostics: [...c.diagnostics].sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column || str(a.code, b.code) || str(a.message, b.message)),
    }),
  );
  closures.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column || str(a.name, b.name) || str(a.kind, b.kind));
  return entry.stale ? { closures, stale: true } : { closures };
}

/** The report file's text. */
export function serializeReport(report: Report): string {
  const files: Record<string, FileReport> = {};
  for (const key of Object.keys(report.files).sort()) files[key] = canonicalFileReport(report.files[key]);
  return stableStringify({ version: REPORT_VERSION, files });
}

/** Parses a report file's text; throws a ReportError naming `source` when it is not a v1 report. */
export function parseReport(text: string, source: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportError(`${source}: not a memoscope report (invalid JSON: ${(err as Error).message}). Delete it and rebuild.`);
  }
  const fail = (what: string): never => {
    throw new ReportError(`${source}: not a memoscope report (${what}). Delete it and rebuild.`);
  };
  if (!isObject(data)) return fail("expected a JSON object");
  if (data.version !== REPORT_VERSION) return fail(`unsupported version ${JSON.stringify(data.version)}, expected ${REPORT_VERSION}`);
  if (!isObject(data.files)) return fail("`files` must be an object");
  for (const [file, entry] of Object.entries(data.files)) {
    const problem = fileEntryProblem(entry);
    if (problem !== undefined) fail(`files["${file}"]${problem.startsWith("closures") ? "." : ": "}${problem}`);
  }
  return data as unknown as Report;
}

/** What is wrong with a file entry (`{ closures, stale? }`), if anything. */
export function fileEntryProblem(entry: unknown): string | undefined {
  if (!isObject(entry) || !Array.isArray(entry.closures)) return "closures must be an array";
  if (entry.stale !== undefined && entry.stale !== true) return "stale must be true when present";
  for (let i = 0; i < entry.closures.length; i++) {
    const problem = closureProblem(entry.closures[i]);
    if (problem !== undefined) return `closures[${i}]: ${problem}`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isLoc(value: unknown): boolean {
  return isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.column);
}

/** What is wrong with a closure record, if anything. */
function closureProblem(c: unknown): string | undefined {
  if (!isObject(c)) return "not an object";
  if (typeof c.name !== "string" || typeof c.kind !== "string") return "name and kind must be strings";
  if (!isLoc(c.loc)) return "loc must be { line, column }";
  if (c.memoized !== null && !isObject(c.memoized)) return "memoized must be an object or null";
  if (!Array.isArray(c.captures) || !Array.isArray(c.globals) || !Array.isArray(c.lexical) || !Array.isArray(c.diagnostics)) {
    return "captures, globals, lexical and diagnostics must be arrays";
  }
  if (typeof c.dynamic !== "boolean") return "dynamic must be a boolean";
  for (const capture of c.captures) {
    if (!isObject(capture) || typeof capture.name !== "string" || typeof capture.binding !== "string" || !isLoc(capture.declared)) return "malformed capture";
    if (capture.scope !== "module" && !(isObject(capture.scope) && typeof capture.scope.name === "string")) return "malformed capture scope";
  }
  for (const d of c.diagnostics) {
    if (!isObject(d) || typeof d.code !== "string" || typeof d.severity !== "string" || typeof d.message !== "string" || !isLoc(d.at)) return "malformed diagnostic";
  }
  if (c.unresolved !== undefined && !(Array.isArray(c.unresolved) && c.unresolved.every((u: unknown) => isObject(u) && typeof u.callee === "string" && isLoc(u)))) return "malformed unresolved calls";
  if (!c.globals.every((g: unknown) => typeof g === "string") || !c.lexical.every((g: unknown) => typeof g === "string")) return "globals and lexical must hold strings";
  return undefined;
}
