/**
 * Diagnostics with stable codes. Build errors are MS001–MS099 (a rejected target, option or tag);
 * MS020–MS029 are tag warnings (MS030 is an error again: a `key=NAME` that cannot be a function), MS095–MS096 bundler setup warnings;
 * MS101–MS105 are capture-report findings on memoized functions (MS105 through calls, SPEC §5b).
 * Front ends turn a diagnostic into a code-frame error (Babel) or a `ts.Diagnostic` (TypeScript).
 */

export type Severity = "error" | "warning" | "info";

/** A position: line 1-based, column 0-based, as Babel reports it. */
export interface Position {
  line: number;
  column: number;
}

/** One finding, not yet tied to a file. `at` is absolute when the front end has mapped it. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  at?: Position;
}

/** The codes, in one place, so documentation and tests can enumerate them. */
export const Codes = {
  notAFunction: "MS001",
  generator: "MS002",
  setter: "MS003",
  constructor: "MS004",
  noBody: "MS005",
  ambiguousTarget: "MS006",
  unknownOption: "MS010",
  badMax: "MS011",
  badTtl: "MS012",
  badKey: "MS013",
  badOptionShape: "MS014",
  duplicateOption: "MS015",
  conflictingOptions: "MS016",
  keyNotInScope: "MS017",
  duplicateTag: "MS018",
  optionsOnLaterLine: "MS019",
  keyNotAFunction: "MS030",
  misspelledTag: "MS020",
  ignoredComment: "MS021",
  notNearest: "MS022",
  unattached: "MS023",
  badPluginOption: "MS090",
  /** `scan`: a file it could not read or decode as UTF-8. */
  unreadableFile: "MS091",
  /** `scan`: a file it could not parse (or analyse). */
  unparsableFile: "MS092",
  /** The report store cannot be written (or an older version left a lock): a warning, an error under `strict`. */
  reportStore: "MS093",
  /** Bundler: a tagged file the include/exclude filter skips. */
  excludedTaggedFile: "MS095",
  /** Bundler: a compiler plugin ran first (types stripped before memoscope saw the file). */
  typesStripped: "MS096",
  staleCapture: "MS101",
  writesCapture: "MS102",
  nondeterministic: "MS103",
  unbounded: "MS104",
  /** A function a memoized one reaches (transitively, through calls) is impure (SPEC §5b). */
  impureCallee: "MS105",
} as const;

/** Thrown by front ends for build errors; carries the diagnostic for code frames and `ts.Diagnostic`s. */
export class MemoscopeError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(`${diagnostic.code}: ${diagnostic.message}`);
    this.name = "MemoscopeError";
  }
}

/** Builds an error-severity diagnostic. */
export function error(code: string, message: string, at?: Position): Diagnostic {
  return { code, severity: "error", message, at };
}

/** Builds a warning-severity diagnostic. */
export function warning(code: string, message: string, at?: Position): Diagnostic {
  return { code, severity: "warning", message, at };
}
