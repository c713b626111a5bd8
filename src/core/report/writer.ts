import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withFileEntries } from "./merge";
import { emptyReport, type FileReport, type Report } from "./model";
import { ReportError, canonicalFileReport, parseReport, serializeReport, serializeWithFragments, stableStringify } from "./serialize";

/**
 * Merging file entries into one report file from many processes at once (jest workers, thread-loader,
 * parallel tsc), synchronously, because Babel plugins run synchronously:
 *
 * - writers take turns through a lock file created with O_EXCL (`wx`); a waiting writer sleeps a few
 *   milliseconds with `Atomics.wait` (a real sleep, no busy loop) and retries;
 * - a lock whose owner died (same host, pid gone) or that is older than `staleMs` is broken: it is
 *   renamed aside first and checked, so two writers breaking one stale lock cannot both win;
 * - under the lock the writer re-reads the report, replaces only its own files' entries, writes a
 *   temporary file next to it and renames it over the report, so readers see the old or the new file,
 *   never half of one; an unchanged entry is not rewritten at all.
 */

/** Knobs for tests; the defaults suit builds. */
export interface WriteOptions {
  /** Give up waiting for the lock after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this (ms) is considered abandoned. */
  staleMs?: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps the thread synchronously. */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** What this process last wrote to each report file, to skip re-reading it when nobody else wrote since. */
const snapshots = new Map<string, { stat: fs.Stats; report: Report; fragments: Map<string, { entry: FileReport; text: string }> }>();

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function sameStat(a: fs.Stats, b: fs.Stats): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.dev === b.dev;
}

/** Reads a report file; a missing file is an empty report, a corrupt one a ReportError. */
export function readReport(file: string): Report {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyReport();
    throw new ReportError(`${file}: cannot read the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  return parseReport(text, file);
}

/** Replaces one file's entry in the report file (see `writeReportEntries`). */
export function writeReportEntry(reportFile: string, key: string, entry: FileReport | null, options?: WriteOptions): void {
  writeReportEntries(reportFile, new Map([[key, entry]]), options);
}

/**
 * Replaces the given files' entries in the report file (null or no closures: remove the entry),
 * leaving every other entry as it is. Safe under concurrent writers in other processes. Returns the
 * number of files the report now holds.
 */
export function writeReportEntries(reportFile: string, entries: ReadonlyMap<string, FileReport | null>, options: WriteOptions = {}): number {
  const target = path.resolve(reportFile);
  const release = acquireLock(`${target}.lock`, options);
  try {
    // This process wrote the file last (same inode, size and time): reuse what it wrote instead of re-reading it.
    const stat = statOf(target);
    const known = snapshots.get(target);
    const fresh = known !== undefined && stat !== undefined && sameStat(stat, known.stat);
    const current = fresh ? known.report : readReport(target);
    const fragments = fresh ? known.fragments : new Map<string, { entry: FileReport; text: string }>();
    const next = withFileEntries(current, entries);
    const files = Object.keys(next.files).length;
    if (sameEntries(current, next, entries.keys()) && stat !== undefined) return files;
    writeAtomically(target, serializeWithFragments(next, fragments));
    const written = statOf(target);
    if (written !== undefined) snapshots.set(target, { stat: written, report: next, fragments });
    return files;
  } finally {
    release();
  }
}

/** Overwrites a whole report file atomically (no lock: for the CLI writing a file it owns). */
export function writeReportFile(reportFile: string, report: Report): void {
  writeAtomically(path.resolve(reportFile), serializeReport(report));
}

function sameEntries(a: Report, b: Report, keys: Iterable<string>): boolean {
  for (const key of keys) {
    const before = a.files[key];
    const after = b.files[key];
    if ((before === undefined) !== (after === undefined)) return false;
    if (before !== undefined && stableStringify(canonicalFileReport(before)) !== stableStringify(after)) return false;
  }
  return true;
}

/** Writes a sibling temporary file, then renames it over `file`. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${uniqueToken()}.tmp`;
  try {
    fs.writeFileSync(temp, text);
    renameWithRetry(temp, file);
  } catch (err) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // already gone
    }
    throw new ReportError(`${file}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
}

/** Windows refuses to rename over a file another process has open; that passes quickly. */
function renameWithRetry(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 20 || (code !== "EPERM" && code !== "EACCES" && code !== "EBUSY")) throw err;
      sleep(5 + attempt * 5);
    }
  }
}

let counter = 0;
function uniqueToken(): string {
  counter += 1;
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${counter}`;
}

/** Takes the lock; returns the function that releases it. */
function acquireLock(lockPath: string, options: WriteOptions): () => void {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const staleMs = options.staleMs ?? 30_000;
  const content = `${process.pid}\n${os.hostname()}\n${uniqueToken()}\n`;
  const started = Date.now();
  let wait = 1;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      try {
        fs.writeSync(fd, content);
      } finally {
        fs.closeSync(fd);
      }
      return () => releaseLock(lockPath, content);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        fs.mkdirSync(path.dirname(lockPath), { recursive: true });
        continue;
      }
      if (code !== "EEXIST") throw new ReportError(`${lockPath}: cannot create the report lock (${code ?? (err as Error).message}).`);
    }
    const observed = readLock(lockPath);
    if (observed !== undefined && isStale(lockPath, observed, staleMs)) {
      breakLock(lockPath, observed);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new ReportError(`${lockPath}: timed out after ${timeoutMs} ms waiting for another build to release the report lock. If no build is running, delete the lock file.`);
    }
    sleep(wait + Math.floor(Math.random() * wait));
    wait = Math.min(wait * 2, 25);
  }
}

function readLock(lockPath: string): string | undefined {
  try {
    return fs.readFileSync(lockPath, "utf8");
  } catch {
    return undefined;
  }
}

/** A lock is stale when its owner is a dead process on this host, or when it is older than `staleMs`. */
function isStale(lockPath: string, content: string, staleMs: number): boolean {
  const [pid, host] = content.split("\n");
  if (host === os.hostname() && /^\d+$/.test(pid ?? "") && !processAlive(Number(pid))) return true;
  // An empty lock is one being written right now (open, then write): judge it only by its age.
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs > staleMs;
  } catch {
    return false;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Moves the stale lock aside, and puts it back if what was moved turns out to be a fresh lock. */
function breakLock(lockPath: string, observed: string): void {
  const aside = `${lockPath}.${process.pid}.${uniqueToken()}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // somebody else broke or released it
  }
  if (readLock(aside) !== observed) {
    try {
      fs.linkSync(aside, lockPath); // fails if the place was taken meanwhile
    } catch {
      // the new owner keeps it
    }
  }
  try {
    fs.unlinkSync(aside);
  } catch {
    // gone
  }
}

function releaseLock(lockPath: string, content: string): void {
  // Only remove the lock if it is still ours (it may have been broken as stale after a long pause).
  if (readLock(lockPath) !== content) return;
  try {
    fs.unlinkSync(lockPath);
  } catch {
    // gone
  }
}
