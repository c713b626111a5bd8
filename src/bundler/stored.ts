import fs = require("node:fs");
import { resolveStore } from "../core/report/location";

/**
 * What the report store holds when a build ends, from one directory listing. The build-end step
 * removes the fragments of the build's files it did not analyse and writes the merged report; both
 * need something stored. With no tag anywhere nothing ever is, and the step is skipped whole (no
 * module list walked, no report code loaded). Otherwise only a file with a fragment can need it
 * removed, so the others are neither hashed nor unlinked one by one.
 */

/** The store as the build-end step found it. */
export interface StoreListing {
  /** Nothing stored: no fragment and no merged report file (the merged report would not be written either). */
  empty: boolean;
  /** Whether `file` may have a fragment (true whenever the listing could not be read: the report code then warns). */
  mayHold(file: string): boolean;
}

interface FragmentNaming {
  fragmentName(key: string): string;
}
interface Keys {
  reportKey(root: string, filename: string): string;
}

/** Lists the store the `report` option names (relative to `root`). */
export function listStore(root: string, reportOption: string): StoreListing {
  const location = resolveStore(root, reportOption);
  let names: string[];
  try {
    // No store yet (a project with no tag): a stat that does not throw, where a failed listing would.
    names = fs.statSync(location.fragments, { throwIfNoEntry: false }) ? fs.readdirSync(location.fragments).filter((name) => name.endsWith(".json")) : [];
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") return { empty: false, mayHold: () => true };
    names = [];
  }
  if (names.length === 0) return { empty: !fs.existsSync(location.merged), mayHold: () => false };
  const stored = new Set(names);
  // Loaded only when fragments exist: crypto and the report modules are not needed before.
  const { fragmentName } = require("../core/report/fragment") as FragmentNaming;
  const { reportKey } = require("../core/report/merge") as Keys;
  return { empty: false, mayHold: (file) => stored.has(fragmentName(reportKey(root, file))) };
}
