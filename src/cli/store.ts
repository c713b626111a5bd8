import * as fs from "fs";
import * as path from "path";
import { FRAGMENTS_FOLDER, describeFsError, pruneDropped, readStore, resolveStore, serializeReport, writeAtomically, writeFragment, type FileReport, type ModuleSummary, type Report, type StoreView } from "../core";
import { applyWholeProgramToStore } from "../core/program/cross";
import { CliError } from "./errors";

/**
 * The CLI side of the report store: `memoscope report [STORE]` reads a store (or a plain report
 * file) and merges it; `--write` writes the merged report file; `scan --out STORE` puts a scan's
 * results into a store as a build would.
 */

/** The store `memoscope report` reads when no argument names one. */
export const DEFAULT_STORE = ".memoscope";

/** A loaded report and what the CLI must tell about it. */
export interface LoadedReport {
  view: StoreView;
  report: Report;
  /** Lines for stderr: entries older than their source, fragments left out. */
  notes: string[];
  /** Reasons `--check` must fail even without findings: the report is not the code's. */
  incomplete: string[];
}

const LISTED = 10;

function list(keys: readonly string[]): string {
  const shown = keys.slice(0, LISTED).join(", ");
  return keys.length > LISTED ? `${shown} and ${keys.length - LISTED} more` : shown;
}

/**
 * Reads the store or report file `target` names (the `report` option's forms: a store folder, or a
 * `.json` path whose folder is the store), and runs the cross-file pass (SPEC §5b) over the summaries of
 * its current fragments. A stale fragment's summary is not used (its entry keeps what its build said,
 * and `--check` fails on it anyway); a call into a file with no current summary (stale, never built, or
 * built by an older memoscope) is listed as unresolved: a finding may be missed, none is made up.
 * Throws a CliError when there is nothing there.
 */
export function loadReport(target: string | undefined): LoadedReport {
  const given = target ?? DEFAULT_STORE;
  let location = resolveStore(".", given);
  // A report file by another name (`memoscope report build/report`): read as a `.json` path would be.
  if (location.merged !== path.normalize(given) && fs.statSync(given, { throwIfNoEntry: false })?.isFile()) {
    const dir = path.dirname(given);
    location = { dir, fragments: path.join(dir, FRAGMENTS_FOLDER), merged: path.normalize(given) };
  }
  const view = readStore(location);
  if (view.source === "none") {
    throw new CliError(`${given}: no report here. Build with the memoscope plugin (report option), or run memoscope scan --out ${given}.`);
  }
  const notes: string[] = [];
  const incomplete: string[] = [];
  if (view.stale.length > 0) {
    const what = `${view.stale.length} report entr${view.stale.length === 1 ? "y is" : "ies are"} older than ${view.stale.length === 1 ? "its source" : "their sources"}: ${list(view.stale)}`;
    notes.push(`${what}. Rebuild, or run memoscope scan for a report of the code as it is.`);
    incomplete.push(what);
  }
  for (const problem of view.problems) notes.push(problem);
  const program = applyWholeProgramToStore(view);
  notes.push(...program.problems);
  if (program.unsummarised.length > 0) {
    const n = program.unsummarised.length;
    notes.push(`calls into ${n} file${n === 1 ? "" : "s"} the store has no current summary of (${list(program.unsummarised)}) are listed as unresolved: not built with the report on, stale, or built by an older memoscope. Rebuild them, or run memoscope scan.`);
  }
  if (view.problems.length > 0) incomplete.push(`${view.problems.length} fragment${view.problems.length === 1 ? "" : "s"} could not be read`);
  return { view, report: view.report, notes, incomplete };
}

/** Writes the merged report file of a loaded store; returns its path. */
export function writeMerged(loaded: LoadedReport): string {
  const file = loaded.view.location.merged;
  writeAtomically(file, serializeReport(loaded.report));
  return file;
}

/**
 * `report --prune` (and `--write`): removes the fragments of deleted source files from the store;
 * returns the line for stderr, or undefined when there was nothing to remove.
 */
export function pruneLoaded(loaded: LoadedReport): string | undefined {
  if (loaded.view.source !== "store") return undefined;
  let removed: string[];
  try {
    removed = pruneDropped(loaded.view);
  } catch (err) {
    throw new CliError(`${loaded.view.location.fragments}: cannot prune the report store (${describeFsError(err)}).`);
  }
  if (removed.length === 0) return undefined;
  return `removed ${removed.length} fragment${removed.length === 1 ? "" : "s"} of deleted source files from ${loaded.view.location.fragments}: ${list(removed)}`;
}

/**
 * `scan --out STORE`: each scanned file's entry goes into the store as its fragment, with its summary
 * for the cross-file pass (a file with nothing to report or follow removes its fragment), then the
 * merged report file is written.
 */
export function writeScanToStore(out: string, root: string, files: readonly { key: string; path: string }[], report: Report, summaries: ReadonlyMap<string, ModuleSummary> = new Map()): string {
  const location = resolveStore(".", out);
  for (const file of files) {
    const entry: FileReport = report.files[file.key] ?? { closures: [] };
    let text = "";
    try {
      text = fs.readFileSync(file.path, "utf8");
    } catch {
      // unreadable: scan already said so
    }
    try {
      writeFragment(location, root, file.key, file.path, text, entry, summaries.get(file.key));
    } catch (err) {
      throw new CliError(`${location.fragments}: cannot write the report store (${describeFsError(err)}).`);
    }
  }
  const view = readStore(location);
  applyWholeProgramToStore(view); // files of the store this scan did not cover may call into the ones it did
  writeAtomically(location.merged, serializeReport(view.report));
  return location.merged;
}
