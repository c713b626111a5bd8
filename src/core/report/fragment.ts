import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { writeFileAtomically } from "./atomic";
import type { StoreLocation } from "./location";
import type { FileReport } from "./model";
import type { ModuleSummary } from "../program/summary";
import { ReportError, fileEntryProblem } from "./serialize";

/**
 * One source file's part of the report, as the store keeps it: `fragments/<sha1 of the key>.json`,
 * written whole (temp file + rename) the moment the file's transform is done, so a rebuilt file
 * replaces its own fragment and a killed worker has lost nothing it finished. Besides the entry, a
 * fragment records what a reader needs to judge it: the source's key, the root relative to the store
 * (so a moved checkout still finds its sources), and the source's size, mtime and a hash of the text
 * the transform saw (`source: null` when the file was not on disk: a virtual or in-memory module).
 */

/** Format marker and version of a fragment file. */
export const FRAGMENT_VERSION = 1;

/** The source as the transform saw it. */
export interface SourceStamp {
  size: number;
  mtimeMs: number;
  /** sha1 of the text (a leading BOM removed), hex. */
  sha1: string;
}

/** A parsed fragment. */
export interface Fragment {
  /** The report key: the source path relative to the root, `/`-separated. */
  file: string;
  /** The build root, relative to the store folder, `/`-separated. */
  root: string;
  source: SourceStamp | null;
  entry: FileReport;
  /**
   * The file's summary for the whole-program pass (SPEC §5b), when the build made one. A field of the
   * fragment, not of the entry: the merged report and `file.metadata.memoscope` keep their shape.
   */
  summary?: ModuleSummary;
}

/** Does a summary hold anything another file's pass could use (functions, exports, reassigned state)? A file that only imports is nobody's callee. */
export function summaryMatters(summary: ModuleSummary | undefined): summary is ModuleSummary {
  return summary !== undefined && (summary.functions.length > 0 || summary.exports.length > 0 || summary.state.length > 0);
}

/** The fragment file name for a report key. */
export function fragmentName(key: string): string {
  return `${createHash("sha1").update(key).digest("hex")}.json`;
}

/** The hash a stamp records for a source text. */
export function textHash(text: string): string {
  return createHash("sha1").update(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).digest("hex");
}

/** Size, mtime and hash of a source; null when it is not a file on disk. */
export function sourceStamp(sourcePath: string, text: string): SourceStamp | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(sourcePath);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  return { size: stat.size, mtimeMs: stat.mtimeMs, sha1: textHash(text) };
}

/**
 * Writes (or, for an entry with no closures and no summary worth keeping, removes) a file's fragment.
 * Costs O(the entry): it never reads the store. Throws the raw fs error; the caller decides whether it
 * warns or fails. Readers leave entries with no closures out of the merged report.
 */
export function writeFragment(store: StoreLocation, root: string, key: string, sourcePath: string, sourceText: string, entry: FileReport, summary?: ModuleSummary): void {
  const file = path.join(store.fragments, fragmentName(key));
  if (entry.closures.length === 0 && !summaryMatters(summary)) {
    // Nothing to report: drop a fragment an earlier build of this file left. Nothing there is fine.
    try {
      fs.unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    return;
  }
  const fragment: Fragment & { memoscopeFragment: number } = {
    memoscopeFragment: FRAGMENT_VERSION,
    file: key,
    root: path.relative(store.dir, root).split(path.sep).join("/") || ".",
    source: sourceStamp(sourcePath, sourceText),
    entry,
    ...(summaryMatters(summary) && { summary }),
  };
  writeFileAtomically(file, JSON.stringify(fragment));
}

/** Parses a fragment's text; throws a ReportError naming `where` when it is not one. */
export function parseFragment(text: string, where: string): Fragment {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportError(`${where}: not a memoscope report fragment (invalid JSON: ${(err as Error).message})`);
  }
  const fail = (what: string): never => {
    throw new ReportError(`${where}: not a memoscope report fragment (${what})`);
  };
  if (data === null || typeof data !== "object" || Array.isArray(data)) return fail("expected a JSON object");
  if (data.memoscopeFragment !== FRAGMENT_VERSION) return fail(`unsupported format ${JSON.stringify(data.memoscopeFragment)}, expected ${FRAGMENT_VERSION}`);
  if (typeof data.file !== "string" || data.file === "" || typeof data.root !== "string") return fail("file and root must be strings");
  const s = data.source;
  if (s !== null && (typeof s !== "object" || typeof s.size !== "number" || typeof s.mtimeMs !== "number" || typeof s.sha1 !== "string")) return fail("malformed source stamp");
  const problem = fileEntryProblem(data.entry);
  if (problem !== undefined) fail(`entry: ${problem}`);
  const summary = data.summary;
  if (summary !== undefined && !isSummary(summary)) fail("malformed summary");
  return { file: data.file, root: data.root, source: s, entry: data.entry, ...(summary !== undefined && { summary }) };
}

/** The shape check of a stored summary (its four arrays; the pass reads nothing else blindly). */
function isSummary(value: any): value is ModuleSummary {
  return value !== null && typeof value === "object" && Array.isArray(value.imports) && Array.isArray(value.exports) && Array.isArray(value.state) && Array.isArray(value.functions)
    && value.functions.every((f: any) => f !== null && typeof f === "object" && typeof f.name === "string" && Array.isArray(f.effects) && Array.isArray(f.calls) && Array.isArray(f.unresolved));
}
