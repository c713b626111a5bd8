import type { Severity } from "../diagnostics";
import type { BindingKind, LexicalKeyword, MemoSummary, UnitKind } from "../captures/facts";

/**
 * The capture report, schema v1: one entry per source file, keyed by the file's path relative to the
 * build root with `/` separators. Builds keep it as a store of per-file fragments (location.ts,
 * fragment.ts); readers merge those into one report (read-store.ts). Serialised with sorted keys and
 * sorted arrays, no timestamps: the same code gives the same bytes.
 */

/** Current schema version. */
export const REPORT_VERSION = 1;

/** Line 1-based, column 0-based. */
export interface Loc {
  line: number;
  column: number;
}

/** Where a captured binding lives: the module, or the function (unit) that declares it. */
export type CaptureScope = "module" | { name: string; line: number; column: number };

/** One captured binding of a closure. */
export interface CaptureRecord {
  name: string;
  binding: BindingKind;
  scope: CaptureScope;
  declared: Loc;
  /** Assigned anywhere after its declaration (by anyone). */
  reassigned: boolean;
  /** Written by this closure (its own body or a function nested in it). */
  writtenHere: boolean;
  /** `direct` when the closure's own code names it, `nested` when only nested functions do. */
  via: "direct" | "nested";
  /** An import the whole-program pass found reassigned by its exporting module: where that binding is declared (report key, line 1-based, column 0-based). */
  from?: { file: string; line: number; column: number };
}

/** One step of an MS105 chain: the memoized function, each function called, then the impure end (`what` says which). */
export interface ChainStep {
  name: string;
  /** Report key of the file. */
  file: string;
  line: number;
  /** `memoized` (first step), `calls` (a function reached), or the end effect (`reads version (let, reassigned)`, `writes total (let)`, `calls Date.now()`). */
  what?: string;
}

/** A call the whole-program pass could not follow (a parameter, a callback, dynamic `import()`, package code). */
export interface UnresolvedRecord {
  callee: string;
  line: number;
  column: number;
}

/** A finding on a memoized closure. */
export interface ReportDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  at: Loc;
  /** MS105 only: the call chain from the memoized function to the impure code. */
  chain?: ChainStep[];
}

/** One closure (unit) of a file. */
export interface ClosureRecord {
  name: string;
  kind: UnitKind;
  loc: Loc;
  /** The tag's options when memoized, else null. */
  memoized: MemoSummary | null;
  captures: CaptureRecord[];
  /** Unresolved names referenced by the closure or functions nested in it. */
  globals: string[];
  /** `this`, `arguments`, `new.target`, `super` taken from the surroundings (arrows only). */
  lexical: LexicalKeyword[];
  /** Direct `eval` or `with` inside or around the closure: its captures cannot be known for sure. */
  dynamic: boolean;
  diagnostics: ReportDiagnostic[];
  /** Memoized closures only, and only when non-empty: calls the whole-program pass could not follow. */
  unresolved?: UnresolvedRecord[];
}

/** A file's part of the report (also Babel's `file.metadata.memoscope`). */
export interface FileReport {
  closures: ClosureRecord[];
  /** Only in a merged report, and only when true: the source changed after this entry was built. */
  stale?: true;
}

/** The whole report file. */
export interface Report {
  version: typeof REPORT_VERSION;
  files: Record<string, FileReport>;
}

/** An empty report. */
export function emptyReport(): Report {
  return { version: REPORT_VERSION, files: {} };
}
