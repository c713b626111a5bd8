import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Rspack asks a rule's `use` function about every module request with a call from Rust into
 * JavaScript — measured on a 250-module app: a rule whose function returns nothing at once adds
 * about 10% to a production build's CPU time, whatever the function does. unplugin's transform is
 * such a rule. So in a one-off production build with the default include/exclude, memoscope reads
 * the project's scripts once before Rspack compiles its rules, and excludes from the rule, in a
 * condition Rspack tests itself, exactly the files it read and found without a tag: JavaScript then
 * hears only about tagged files and files the scan did not read (elsewhere than the project, in a
 * folder it skips, too large, or written after it), which still get the per-file check.
 */

/** What the scan found: the scripts it read and found without the tag, and those JavaScript must still see (tagged, or too large to read). */
export interface ProjectScan {
  untagged: string[];
  tagged: string[];
}

/** Scripts larger than this are not read by the scan (bundles and other generated files): they get the per-file check if a build has them. */
const MAX_SIZE = 256 * 1024;

/** Beyond this many scripts the scan gives up (the per-module check is then as cheap as anything). */
const MAX_FILES = 3000;

const SCRIPT = /\.[cm]?[jt]sx?$/;

/**
 * Reads every script under `root`, skipping node_modules, dot-folders (.git, caches, the report
 * store) and `skip` (the output folder): those folders' files are left to the per-file check.
 * Undefined when the project is too large or a folder cannot be read.
 */
export function scanProject(root: string, skip: readonly string[], hint: RegExp): ProjectScan | undefined {
  const scan: ProjectScan = { untagged: [], tagged: [] };
  const skipped = new Set(skip.map((dir) => path.resolve(dir)));
  const pending = [path.resolve(root)];
  let files = 0;
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".") && !skipped.has(file)) pending.push(file);
        continue;
      }
      // Symbolic links and other non-files are read too: a linked script is as much the project's.
      if (!SCRIPT.test(entry.name)) continue;
      if (++files > MAX_FILES) return undefined;
      let text: string;
      try {
        if (fs.statSync(file).size > MAX_SIZE) {
          scan.tagged.push(file);
          continue;
        }
        text = fs.readFileSync(file, "latin1"); // the hint is ASCII: no need to decode UTF-8
      } catch {
        if (entry.isFile()) return undefined;
        continue; // a dangling link: not a module anyone can build
      }
      hint.lastIndex = 0;
      (hint.test(text) ? scan.tagged : scan.untagged).push(file);
    }
  }
  return scan;
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** An Rspack rule condition matching exactly the untagged files the scan read (grouped by folder, to keep it short); undefined when there are none. */
export function untaggedIn(scan: ProjectScan): RegExp | undefined {
  if (scan.untagged.length === 0) return undefined;
  const byDir = new Map<string, string[]>();
  for (const file of scan.untagged) {
    const dir = path.dirname(file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), path.basename(file)]);
  }
  const sep = escape(path.sep);
  const groups = [...byDir].map(([dir, names]) => `${escape(dir)}${sep}(?:${names.map(escape).join("|")})`);
  return new RegExp(`^(?:${groups.join("|")})$`);
}
