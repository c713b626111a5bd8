import * as fs from "fs";
import { Codes } from "../diagnostics";
import { describeFsError } from "./atomic";
import { writeFragment } from "./fragment";
import { isOutside, resolveStore, type StoreLocation } from "./location";
import { reportKey } from "./merge";
import type { FileReport, ReportDiagnostic } from "./model";
import type { ModuleSummary } from "../program/summary";
import { ReportError } from "./serialize";
import { strictMessage, warnToStderr, type StoreWarn } from "./warn";

/**
 * What both front ends do with a file's part of the report once it is classified (SPEC §5, delivery),
 * minus the AST-specific bits (code frames, Babel errors, `ts.Diagnostic`s): which findings fail the
 * build under `strict`, which are printed, and writing the part to the store. The store never fails
 * or stalls a build: trouble with it is one warning per store per process (an error with `strict`).
 */

export { strictMessage };

/** The findings of a file's part: those that fail the build and those to print. */
export interface Triage {
  /** Warning-level findings under `strict: true`, worded as errors, in report order. Non-empty: the build fails. */
  errors: ReportDiagnostic[];
  /** Findings to print to stderr (none when the build fails). */
  printed: ReportDiagnostic[];
}

/** Sorts a part's findings into build errors (`strict`) and warnings to print. */
export function triageFindings(report: FileReport, strict: boolean): Triage {
  const findings = report.closures.flatMap((closure) => closure.diagnostics);
  const errors = strict ? findings.filter((f) => f.severity === "warning").map((f) => ({ ...f, message: strictMessage(f.message) })) : [];
  if (errors.length > 0) return { errors, printed: [] };
  // Info findings (MS104) live in the report only (SPEC §5).
  return { errors, printed: findings.filter((f) => f.severity === "warning") };
}

/** How a front end delivers a file's part. */
export interface DeliveryOptions {
  /** The source text the transform saw (for the stale check later); read from disk when absent. */
  sourceText?: string;
  /** Store trouble throws a ReportError (code MS093) instead of warning. */
  strict?: boolean;
  /** Where warnings go (one line each, no prefix); default stderr. Bundlers pass their warning API. */
  warn?: StoreWarn;
  /** The file's summary for the whole-program pass; stored in the fragment (not in the entry). */
  summary?: ModuleSummary;
}

/** Per store (root + option) in this process: where it is, and which warnings were given. */
interface StoreState {
  location: StoreLocation;
  /** A lock file an older version left, found on first use. */
  lock: string | undefined;
  warnedWrite: boolean;
}

const states = new Map<string, StoreState>();

/**
 * Writes a file's part to the store the `report` option names (relative to `root`), keyed by the
 * file's path relative to `root`: one fragment, written atomically, now (with the file's summary, when
 * given, for the cross-file pass). A part with no closures and nothing in its summary removes the file's fragment. Trouble (an unwritable or blocked folder, a lock file from an older
 * version) is one warning per store per process, never an exception — unless `strict`, where it throws
 * a ReportError (code MS093) for every file until it is fixed. A store outside `root` is written where
 * asked, with one warning (also under `strict`: the user asked for that place).
 */
export function deliverFileReport(root: string, reportOption: string | false, filename: string, report: FileReport, options: DeliveryOptions = {}): void {
  if (reportOption === false) return;
  const warn = options.warn ?? warnToStderr;
  const id = `${root}\0${reportOption}`;
  let state = states.get(id);
  if (state === undefined) {
    states.set(id, (state = firstUse(root, reportOption)));
    if (isOutside(root, state.location.dir)) {
      warn(`the report store ${state.location.dir} (report: ${JSON.stringify(reportOption)}) is outside the project root ${root}; writing it there as asked.`);
    }
    if (state.lock !== undefined && !options.strict) warn(lockMessage(state));
  }
  if (state.lock !== undefined && options.strict && fs.existsSync(state.lock)) throw strictError(lockMessage(state));
  const key = reportKey(root, filename);
  try {
    writeFragment(state.location, root, key, filename, options.sourceText ?? readSource(filename), report, options.summary);
  } catch (err) {
    const problem = `${state.location.dir}: cannot write the report store (${describeFsError(err)})`;
    const fix = "Make the folder writable, or set the `report` option to another folder (`report: false` turns it off).";
    if (options.strict) throw strictError(`${problem}. ${fix}`);
    if (state.warnedWrite) return;
    state.warnedWrite = true;
    warn(`${problem}; the build goes on, but the capture report misses ${key} and any other file this process builds. ${fix}`);
  }
}

/** First use of a store in this process: where it is, and whether an older version left its lock file. */
function firstUse(root: string, reportOption: string): StoreState {
  const location = resolveStore(root, reportOption);
  const lock = `${location.merged}.lock`;
  return { location, lock: fs.existsSync(lock) ? lock : undefined, warnedWrite: false };
}

function lockMessage(state: StoreState): string {
  return `${state.lock}: a lock file left by an older memoscope. This version never locks (each source file has its own fragment in ${state.location.fragments}), so nothing waits on it; delete it.`;
}

function strictError(message: string): ReportError {
  return new ReportError(`${Codes.reportStore}: ${strictMessage(message)}`);
}

function readSource(filename: string): string {
  try {
    return fs.readFileSync(filename, "utf8");
  } catch {
    return "";
  }
}

/** Nothing to do: every file's part is written when its transform is done. Kept so existing `flushReports()` calls (memoscope/babel exposes it) keep working. */
export function flushReports(): void {}
