import fs = require("node:fs");
import path = require("node:path");
import { cacheFile, readCache, writeCache } from "./cache-dir";

/**
 * Rspack and esbuild ask JavaScript about every module with a call from native code — measured on a
 * 250-module app: a hook that returns nothing at once adds about 10% (Rspack's rule `use` function)
 * to 15% (esbuild's onLoad) to a production build, whatever the hook does. So with the default
 * include/exclude memoscope reads the project's scripts once before the bundler starts, and keeps
 * exactly the files it read and found without a tag out of the hook, in a condition the bundler tests
 * itself: JavaScript then hears only about tagged files and files the scan did not read (elsewhere
 * than the project, in a folder it skips, too large, or written after it), which still get the
 * per-file check.
 */

/** What the scan found: the scripts it read and found without the tag, and those JavaScript must still see (tagged, or too large to read). */
export interface ProjectScan {
  untagged: string[];
  tagged: string[];
  /** Those of `tagged` the scan did not read (too large, or a dangling link): not known to have the tag. */
  unread: Set<string>;
  /** Each folder the scan read: the scripts directly in it (tagged or not). */
  folders: Map<string, string[]>;
  /** Symbolic links among the folders' entries that are not named like scripts (linked folders, say): not followed. */
  links: string[];
}

/**
 * A script as the scan last saw it: unchanged size, modification and change times mean unchanged text
 * (make and tsc trust the modification time alone; the change time cannot be set back by a program).
 * A tuple, as the cache on disk keeps it: a fresh process loads a project's stamps without converting them.
 */
export type Stamp = readonly [size: number, mtimeMs: number, ctimeMs: number, tagged: 0 | 1];

/** What a scan may reuse from an earlier one in this process (absolute path → stamp); it is updated as the scan goes. */
export type ScanMemo = Map<string, Stamp>;

/** Scripts larger than this are not read by the scan (bundles and other generated files): they get the per-file check if a build has them. */
const MAX_SIZE = 256 * 1024;

/**
 * Beyond this many scripts the scan gives up by default (Rspack's condition names every untagged file:
 * past this, the per-module check is as cheap). esbuild's filter does not grow with the project, and asks for more.
 */
export const MAX_FILES = 3000;

/** A script's name (the default `include`'s extensions). */
export const SCRIPT = /\.[cm]?[jt]sx?$/;

/** What listing a project finds: its folders with the scripts directly in each, every script, and the links not followed. */
interface Listing {
  folders: Map<string, string[]>;
  found: Array<{ file: string; entry: fs.Dirent }>;
  links: string[];
}

/**
 * Lists the scripts under `root`, skipping node_modules, dot-folders (.git, caches, the report store)
 * and `skip` (the output folder or file); undefined when a folder cannot be read or there are more than `max` scripts.
 */
function listScripts(root: string, skip: readonly string[], max: number): Listing | undefined {
  const listing: Listing = { folders: new Map(), found: [], links: [] };
  const skipped = new Set(skip.map((dir) => path.resolve(dir)));
  const pending = [path.resolve(root)];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    const scripts: string[] = [];
    listing.folders.set(dir, scripts);
    for (const entry of entries) {
      const file = dir + path.sep + entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".") && !skipped.has(file)) pending.push(file);
        continue;
      }
      // Symbolic links and other non-files are read too: a linked script is as much the project's.
      if (!SCRIPT.test(entry.name) || skipped.has(file)) {
        if (entry.isSymbolicLink()) listing.links.push(file);
        continue;
      }
      if (listing.found.length === max) return undefined;
      scripts.push(file);
      listing.found.push({ file, entry });
    }
  }
  return listing;
}

/**
 * Reads every script under `root`, skipping node_modules, dot-folders (.git, caches, the report
 * store) and `skip` (the output folder or file): what they hold is left to the per-file check.
 * Undefined when the project has more than `maxFiles` scripts or a folder cannot be read.
 */
export function scanProject(root: string, skip: readonly string[], hint: RegExp, memo?: ScanMemo, maxFiles = MAX_FILES): ProjectScan | undefined {
  // First the listing (a project too large is given up before any file is read), then the files.
  const listing = listScripts(root, skip, maxFiles);
  if (!listing) return undefined;
  const { folders, found, links } = listing;
  const scan: ProjectScan = { untagged: [], tagged: [], unread: new Set(), folders, links };
  for (const { file, entry } of found) {
    let tagged: boolean;
    try {
      const stat = fs.statSync(file);
      if (stat.size > MAX_SIZE) {
        scan.tagged.push(file);
        scan.unread.add(file);
        continue;
      }
      const known = memo?.get(file);
      if (known && unchanged(known, stat)) tagged = known[3] === 1;
      else {
        tagged = hasHint(fs.readFileSync(file, "latin1"), hint); // the hint is ASCII: no need to decode UTF-8
        memo?.set(file, stampOf(stat, tagged));
        if (memo) changed.add(memo);
      }
    } catch {
      if (entry.isFile()) return undefined;
      scan.tagged.push(file); // a dangling link: not a module anyone can build now, but it may be one later
      scan.unread.add(file);
      continue;
    }
    (tagged ? scan.tagged : scan.untagged).push(file);
  }
  return scan;
}

function unchanged(known: Stamp, stat: fs.Stats): boolean {
  return known[0] === stat.size && known[1] === stat.mtimeMs && known[2] === stat.ctimeMs;
}

function stampOf(stat: fs.Stats, tagged: boolean): Stamp {
  return [stat.size, stat.mtimeMs, stat.ctimeMs, tagged ? 1 : 0];
}

/** Memos with stamps not yet saved to disk. */
const changed = new WeakSet<ScanMemo>();

/** Whether `text` has `hint` (a global or sticky hint is tested from the start). */
export function hasHint(text: string, hint: RegExp): boolean {
  hint.lastIndex = 0;
  return hint.test(text);
}

/** The scripts now under `root`, listed as the scan lists them, that `known` does not have (written since); undefined when a folder cannot be read. */
export function scriptsAddedUnder(root: string, skip: readonly string[], known: ReadonlySet<string>): string[] | undefined {
  return listScripts(root, skip, Infinity)?.found.map(({ file }) => file).filter((file) => !known.has(file));
}

/**
 * The files of `untagged` (untagged when scanned) that have the hint now: a file whose stamp changed
 * is read again and its stamp updated, the others answer from their stamps; deleted files are forgotten.
 */
export function taggedSince(untagged: Iterable<string>, hint: RegExp, memo: ScanMemo): string[] {
  const late: string[] = [];
  for (const file of untagged) {
    const known = memo.get(file);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      memo.delete(file);
      continue;
    }
    if (known && unchanged(known, stat)) {
      if (known[3] === 1) late.push(file);
      continue;
    }
    let tagged = true; // unreadable now: say so rather than assume it untagged
    try {
      if (stat.size <= MAX_SIZE) tagged = hasHint(fs.readFileSync(file, "latin1"), hint);
    } catch {
      // keep `tagged`
    }
    memo.set(file, stampOf(stat, tagged));
    if (tagged) late.push(file);
  }
  return late;
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** A node of the path tree untaggedIn spells: its segments' children, and whether a file ends here. */
interface PathNode {
  kids: Map<string, PathNode>;
  file: boolean;
}

/**
 * An Rspack rule condition matching exactly the untagged files the scan read; undefined when there
 * are none. Spelled as their tree of path segments (`^/app/src/(?:a\.ts|lib/(?:b\.ts|c\.ts))$`):
 * Rspack's backtracking regex engine tests it for every module, and a flat list of full paths, each
 * starting with the same long prefix, costs it about 2% of a 1,000-module build, the tree next to nothing.
 */
export function untaggedIn(scan: ProjectScan): RegExp | undefined {
  if (scan.untagged.length === 0) return undefined;
  const key = scan.untagged.join("\0");
  if (lastCondition?.key !== key) lastCondition = { key, condition: pathTree(scan.untagged) };
  return lastCondition.condition;
}

/** The last condition untaggedIn built, for the files it was built for (a build of an unchanged project reuses it). */
let lastCondition: { key: string; condition: RegExp } | undefined;

/** The regular expression matching exactly `files`, as a tree of path segments. */
function pathTree(files: readonly string[]): RegExp {
  const root: PathNode = { kids: new Map(), file: false };
  for (const file of files) {
    let node = root;
    for (const segment of file.split(path.sep)) {
      let kid = node.kids.get(segment);
      if (!kid) node.kids.set(segment, (kid = { kids: new Map(), file: false }));
      node = kid;
    }
    node.file = true;
  }
  const sep = escape(path.sep);
  const below = (node: PathNode): string => {
    const alternatives = [...node.kids].map(([segment, kid]) => {
      if (kid.kids.size === 0) return escape(segment);
      const rest = `${sep}${below(kid)}`;
      return escape(segment) + (kid.file ? `(?:${rest})?` : rest);
    });
    return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join("|")})`;
  };
  return new RegExp(`^${below(root)}$`);
}

/** Version of the scan cache's format (a file of another version is ignored). */
const CACHE_VERSION = 1;

/** The scan memo of `root` in this process, made on first use from the cache on disk when there is one. */
const memos = new Map<string, ScanMemo>();

/** The scan cache of `root` on disk: the stamps, for the hint they were read for. */
interface ScanCache {
  hint: string;
  files: Record<string, Stamp>;
}

/** The memo for `root` (scanned for `hint`): this process's, else the one saved on disk (cache-dir.ts), else an empty one. */
function memoFor(root: string, hint: RegExp): ScanMemo {
  let memo = memos.get(root);
  if (memo) return memo;
  const saved = readCache<ScanCache>(cacheFile(root, "project-scan"), root, CACHE_VERSION);
  // Stamps of another shape (a damaged file) are re-read like changed ones: `unchanged` fails on them.
  memo = new Map();
  if (saved?.hint === String(hint) && typeof saved.files === "object" && saved.files !== null) {
    // A for-in, not Object.entries: on a parsed object of a few hundred keys, entries took about 0.8 ms of a cold start, this 0.07 ms.
    for (const file in saved.files) memo.set(file, saved.files[file]);
  }
  memos.set(root, memo);
  return memo;
}

/**
 * What the stamps saved for `root` say, before any file is looked at: whether a script had the tag
 * when last read (undefined when none are saved). Only a guess at the project as it is now: a caller
 * choosing a path by it must still scan before the build reads the rules.
 */
export function savedStampsTagged(root: string, hint: RegExp): boolean | undefined {
  const memo = memoFor(root, hint);
  if (memo.size === 0) return undefined;
  for (const stamp of memo.values()) if (stamp?.[3] === 1) return true;
  return false;
}

/** Saves `root`'s memo to disk when a scan read or dropped a file since it was loaded or saved. */
function saveMemo(root: string, hint: RegExp, memo: ScanMemo): void {
  if (!changed.has(memo)) return;
  changed.delete(memo);
  const files = Object.fromEntries(memo);
  writeCache(cacheFile(root, "project-scan"), root, CACHE_VERSION, { hint: String(hint), files } satisfies ScanCache);
}

/** `scanProject` with the stamps of earlier scans of `root` (this process's, or saved on disk), saved again when it read anything. */
export function scanProjectCached(root: string, skip: readonly string[], hint: RegExp, maxFiles = MAX_FILES): { scan: ProjectScan | undefined; memo: ScanMemo } {
  const memo = memoFor(root, hint);
  const scan = scanProject(root, skip, hint, memo, maxFiles);
  // Files gone since: their stamps are dropped. Every file the scan read has a stamp, so more stamps than that means some are stale.
  if (scan && memo.size > scan.untagged.length + scan.tagged.length - scan.unread.size) {
    const seen = new Set([...scan.untagged, ...scan.tagged]);
    for (const name of memo.keys()) {
      if (!seen.has(name)) {
        memo.delete(name);
        changed.add(memo);
      }
    }
  }
  if (scan) saveMemo(root, hint, memo);
  return { scan, memo };
}
