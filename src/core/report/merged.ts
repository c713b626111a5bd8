import * as fs from "fs";
import * as path from "path";
import { describeFsError, writeFileAtomically } from "./atomic";
import { resolveStore } from "./location";
import type { Report } from "./model";
import { readStore, type StoreView } from "./read-store";
import { ReportError, serializeReport } from "./serialize";
import { strictMessage, type StoreWarn, warnToStderr } from "./warn";
import { applyWholeProgramToStore, type StoreProgramRun } from "../program/cross";

/**
 * The merged report file, written from the store: by the bundler plugins when a build ends and by
 * `memoscope report --write`. Builds never race on it (they write fragments); two writers of it
 * each write a complete merge, and the rename makes the last one win whole.
 */

/** How `writeMergedReport` reports trouble. */
export interface MergeOptions {
  /** A broken store or an unwritable report file throws a ReportError instead of warning. */
  strict?: boolean;
  /** Where warnings go (one line each, no prefix); default stderr as `memoscope: warning: …`. Bundlers pass their warning API. */
  warn?: StoreWarn;
  /** Run the cross-file pass (SPEC §5b) over the store's summaries before writing: the bundlers at build end. */
  wholeProgram?: boolean;
}

/** Leftover temporary files older than this are a killed writer's; writes take microseconds. */
const LEFTOVER_MS = 10 * 60_000;

/**
 * Merges the store that the `report` option names (relative to `root`) and writes the merged
 * report file (`<store>/report.json`, or the `.json` path the option names). Returns what it read
 * (the report, stale and dropped keys, problems), or undefined when the report is off or the store
 * could not be read. Never throws unless `strict`: trouble is one warning.
 */
export function writeMergedReport(root: string, reportOption: string | false, options: MergeOptions = {}): (StoreView & { wholeProgram?: StoreProgramRun }) | undefined {
  if (reportOption === false) return undefined;
  const warn = options.warn ?? warnToStderr;
  const trouble = (message: string) => {
    if (options.strict) throw new ReportError(strictMessage(message));
    warn(message);
  };
  const location = resolveStore(root, reportOption);
  let view: StoreView;
  try {
    view = readStore(location);
  } catch (err) {
    if (!(err instanceof ReportError)) throw err;
    trouble(`${err.message} The merged report was not written; delete the file or run memoscope scan.`);
    return undefined;
  }
  if (view.problems.length > 0) {
    const more = view.problems.length > 1 ? ` (and ${view.problems.length - 1} more corrupt fragment${view.problems.length > 2 ? "s" : ""})` : "";
    trouble(`the report leaves out what it cannot read: ${view.problems[0]}${more}`);
  }
  removeLeftovers(view);
  if (view.source === "none") return view; // nothing was ever stored: do not create the folder
  const wholeProgram = options.wholeProgram ? applyWholeProgramToStore(view) : undefined;
  for (const problem of wholeProgram?.problems ?? []) warn(problem);
  try {
    writeFileAtomically(location.merged, serializeReport(view.report));
  } catch (err) {
    trouble(`${location.merged}: cannot write the merged report (${describeFsError(err)}). The store in ${location.fragments} is complete; read it with memoscope report.`);
  }
  return wholeProgram ? { ...view, wholeProgram } : view;
}

/** Removes temporary files of writers that were killed mid-write (old enough that no writer owns them). */
function removeLeftovers(view: StoreView): void {
  const now = Date.now();
  for (const name of view.temporary) {
    const file = path.join(view.location.fragments, name);
    try {
      if (now - fs.statSync(file).mtimeMs > LEFTOVER_MS) fs.unlinkSync(file);
    } catch {
      // gone already, or not ours to remove: harmless either way
    }
  }
}

/** Overwrites a whole report file atomically; throws a ReportError naming the file. */
export function writeReportFile(reportFile: string, report: Report): void {
  writeAtomically(path.resolve(reportFile), serializeReport(report));
}

/** Writes `text` to `file` atomically (temp file + rename), creating its folder; throws a ReportError naming the file. */
export function writeAtomically(file: string, text: string): void {
  try {
    writeFileAtomically(file, text);
  } catch (err) {
    throw new ReportError(`${file}: cannot write (${describeFsError(err)}).`);
  }
}
