import fs = require("node:fs");
import path = require("node:path");

/**
 * Where the bundler plugins keep what they may reuse between processes: `node_modules/.cache/memoscope/`
 * of the nearest folder from the project root up that has a node_modules folder, as build tools keep
 * their caches (babel-loader, terser, eslint-loader). File names carry a hash of the project root, so
 * projects sharing one node_modules do not share files. A cache is only ever a shortcut: anything
 * unreadable, or written by another version, is ignored, and a failure to write only costs the next
 * process the work again.
 */

/** How many folders up from the root a node_modules folder is looked for. */
const MAX_UP = 8;

/** 32-bit FNV-1a of `text`, in hex: names a project's files (no crypto module to load for it). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The cache folder of each project root looked up in this process (undefined: none near). */
const folders = new Map<string, string | undefined>();

/** The folder for `root`'s cache files, found on first use: a process asks for several (the scan, the esbuild filter). */
function folderFor(root: string): string | undefined {
  if (folders.has(root)) return folders.get(root);
  let found: string | undefined;
  let dir = root;
  for (let up = 0; up <= MAX_UP; up++) {
    const modules = path.join(dir, "node_modules");
    try {
      // Not throwing for a missing folder: an exception per level up costs more than the stat.
      if (fs.statSync(modules, { throwIfNoEntry: false })?.isDirectory()) {
        found = path.join(modules, ".cache", "memoscope");
        break;
      }
    } catch {
      // unreadable here: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  folders.set(root, found);
  return found;
}

/** The cache file `name` for the project at `root`; undefined when no node_modules folder is near. */
export function cacheFile(root: string, name: string): string | undefined {
  const folder = folderFor(root);
  return folder && path.join(folder, `${name}-${hash(root)}.json`);
}

/** The JSON in `file`, when it is there, parses, and was written for `root` by this `version`. */
export function readCache<T>(file: string | undefined, root: string, version: number): T | undefined {
  if (!file) return undefined;
  try {
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as { version: number; root: string; data: T };
    return saved.version === version && saved.root === root ? saved.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` whole (a temporary file, then a rename): a reader never sees half of it. */
export function writeCache(file: string | undefined, root: string, version: number, data: unknown): void {
  if (!file) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ version, root, data }));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only node_modules, say.
  }
}
