import { performance } from "perf_hooks";
import type { FileReport } from "./model";
import { writeReportEntries } from "./writer";

/**
 * Batching report writes within one process. Merging an entry re-reads and rewrites the whole report
 * file, so writing after every file makes a large build quadratic (a 1,000-file build rewrote a 4.6 MB
 * report a thousand times). Entries are written at once while the report is small (under
 * `SMALL_REPORT` files: what tests and small projects see, so a reader right after a transform finds
 * its entry), and otherwise gathered and merged at most every `max(1 s, 20 × the last merge's
 * duration)` — keeping merging to a few percent of the build — by the next file that finds the batch
 * due, by a timer, and at process exit. `flushReports()` forces it.
 */

const SMALL_REPORT = 25;
const MIN_INTERVAL_MS = 1000;

interface Batch {
  pending: Map<string, FileReport | null>;
  lastEnd: number;
  lastCost: number;
  lastFiles: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const batches = new Map<string, Batch>();
let exitHook = false;

/** Records a file's entry for `reportFile`; writes now or soon (see above). Throws report errors when writing now. */
export function recordReportEntry(reportFile: string, key: string, entry: FileReport | null): void {
  let batch = batches.get(reportFile);
  if (batch === undefined) batches.set(reportFile, (batch = { pending: new Map(), lastEnd: -Infinity, lastCost: 0, lastFiles: 0, timer: undefined }));
  batch.pending.set(key, entry);
  const interval = Math.max(MIN_INTERVAL_MS, 20 * batch.lastCost);
  if (batch.lastFiles < SMALL_REPORT || performance.now() - batch.lastEnd >= interval) {
    flush(reportFile, batch);
    return;
  }
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => flushReports(true));
  }
  if (batch.timer === undefined) {
    batch.timer = setTimeout(() => flushQuietly(reportFile), interval);
    batch.timer.unref?.();
  }
}

function flush(reportFile: string, batch: Batch): void {
  if (batch.timer !== undefined) clearTimeout(batch.timer);
  batch.timer = undefined;
  if (batch.pending.size === 0) return;
  const entries = batch.pending;
  batch.pending = new Map();
  const start = performance.now();
  batch.lastFiles = writeReportEntries(reportFile, entries);
  batch.lastEnd = performance.now();
  batch.lastCost = batch.lastEnd - start;
}

function flushQuietly(reportFile: string): void {
  try {
    flush(reportFile, batches.get(reportFile)!);
  } catch (err) {
    process.stderr.write(`memoscope: ${(err as Error).message}\n`);
    process.exitCode ||= 1;
  }
}

/** Writes every pending entry now. Build tools call it when they are done; it also runs at process exit. */
export function flushReports(quiet = false): void {
  for (const [reportFile, batch] of batches) {
    if (quiet) flushQuietly(reportFile);
    else flush(reportFile, batch);
  }
}
