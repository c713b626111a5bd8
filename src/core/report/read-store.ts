import * as fs from "fs";
import * as path from "path";
import { describeFsError } from "./atomic";
import { fragmentName, parseFragment, textHash, type Fragment } from "./fragment";
import type { StoreLocation } from "./location";
import { REPORT_VERSION, type FileReport, type Report } from "./model";
import type { ModuleSummary } from "../program/summary";
import { ReportError, canonicalFileReport, parseReport } from "./serialize";

/**
 * Reading a store: every fragment merged into one report, deterministically (keys sorted, entries
 * canonical, so the same code gives the same bytes), with the entries of deleted sources left out
 * and entries older than their source flagged `stale`. Temporary files (`*.tmp`, a writer's
 * half-written or a killed writer's leftover) are never read. A corrupt fragment is left out and
 * named in `problems`; it never stops the rest.
 */

/** What a reader found in a store. */
export interface StoreView {
  location: StoreLocation;
  /** `store`: fragments were merged; `file`: no fragments folder, the merged file itself was read (an older version's report, or one a tool wrote); `none`: nothing there. */
  source: "store" | "file" | "none";
  /** The merged report; stale entries carry `stale: true`. */
  report: Report;
  /** Keys of entries whose source changed after they were built, sorted. */
  stale: string[];
  /** Keys of fragments whose source file no longer exists (left out), sorted. */
  dropped: string[];
  /** One line per fragment that could not be used (path, what is wrong, what to do). */
  problems: string[];
  /** Temporary files found in the fragments folder (names): writes in progress or leftovers of killed writers. */
  temporary: string[];
  /** Fragments read. */
  fragments: number;
  /**
   * For the cross-file pass: the summaries of the fragments that describe their source as it is (not
   * stale), grouped by the build root their keys are relative to (absolute). Stale fragments' summaries
   * are left out: the code changed, so what they say about it may be wrong.
   */
  programs: Array<{ root: string; summaries: Map<string, ModuleSummary> }>;
}

/** Reads and merges the store at `location`. Throws a ReportError only when the store folder itself cannot be read or a plain report file is corrupt. */
export function readStore(location: StoreLocation): StoreView {
  const view: StoreView = { location, source: "store", report: { version: REPORT_VERSION, files: {} }, stale: [], dropped: [], problems: [], temporary: [], fragments: 0, programs: [] };
  let names: string[];
  try {
    names = fs.readdirSync(location.fragments);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw new ReportError(`${location.fragments}: cannot read the report store (${describeFsError(err)}).`);
    return readPlainFile(view);
  }
  const entries = new Map<string, FileReport>();
  for (const name of names.sort()) {
    if (name.endsWith(".tmp")) {
      view.temporary.push(name);
      continue;
    }
    if (!name.endsWith(".json")) continue;
    const file = path.join(location.fragments, name);
    let fragment: Fragment;
    try {
      fragment = parseFragment(fs.readFileSync(file, "utf8"), file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // removed since the listing: its file has no closures now
      const what = err instanceof ReportError ? err.message : `${file}: cannot read (${describeFsError(err)})`;
      view.problems.push(`${what}. Delete it; the next build of its source writes it again.`);
      continue;
    }
    if (fragmentName(fragment.file) !== name) {
      view.problems.push(`${file}: a fragment for ${fragment.file} under another name (copied or renamed by hand?). Delete it.`);
      continue;
    }
    view.fragments += 1;
    const state = judge(location, fragment);
    if (state === "gone") {
      view.dropped.push(fragment.file);
      continue;
    }
    if (state === "fresh" && fragment.summary !== undefined) summariesOf(view, path.resolve(location.dir, fragment.root)).set(fragment.file, fragment.summary);
    if (fragment.entry.closures.length === 0) continue;
    if (state === "stale") view.stale.push(fragment.file);
    entries.set(fragment.file, state === "stale" ? { ...fragment.entry, stale: true } : fragment.entry);
  }
  for (const key of [...entries.keys()].sort()) view.report.files[key] = canonicalFileReport(entries.get(key)!);
  view.stale.sort();
  view.dropped.sort();
  return view;
}

/** The summaries of the build root `root` in a view (one group per root; a store normally has one). */
function summariesOf(view: StoreView, root: string): Map<string, ModuleSummary> {
  let group = view.programs.find((p) => p.root === root);
  if (group === undefined) view.programs.push((group = { root, summaries: new Map() }));
  return group.summaries;
}

/** No fragments folder: the merged file is all there is (or nothing is). */
function readPlainFile(view: StoreView): StoreView {
  let text: string;
  try {
    text = fs.readFileSync(view.location.merged, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ...view, source: "none" };
    throw new ReportError(`${view.location.merged}: cannot read the report (${describeFsError(err)}).`);
  }
  const report = parseReport(text, view.location.merged);
  const stale = Object.keys(report.files).filter((key) => report.files[key].stale).sort();
  return { ...view, source: "file", report, stale };
}

/** Whether a fragment still describes its source: by size and mtime, else by the text's hash. */
export function judge(location: StoreLocation, fragment: Fragment): "fresh" | "stale" | "gone" {
  if (fragment.source === null) return "fresh"; // built from memory: nothing on disk to compare with
  const sourcePath = path.resolve(location.dir, fragment.root, fragment.file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(sourcePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "gone" : "stale";
  }
  if (!stat.isFile()) return "gone";
  if (stat.size === fragment.source.size && stat.mtimeMs === fragment.source.mtimeMs) return "fresh";
  try {
    return textHash(fs.readFileSync(sourcePath, "utf8")) === fragment.source.sha1 ? "fresh" : "stale";
  } catch {
    return "stale";
  }
}
