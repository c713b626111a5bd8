import * as fs from "fs";
import * as path from "path";
import { fragmentName, parseFragment } from "./fragment";
import { judge, type StoreView } from "./read-store";

/**
 * Pruning a store: readers leave out the fragments of deleted source files, but nothing else removes
 * them (no build visits a file that is gone), so `memoscope report --prune` (and `--write`) does.
 */

/**
 * Removes the fragments of the view's deleted sources (`view.dropped`) and returns their keys. Each is
 * read and judged again first: a build may have recreated its source (and rewritten the fragment)
 * since the view was taken, and such a fragment stays. Throws the raw fs error of a failed unlink.
 */
export function pruneDropped(view: StoreView): string[] {
  const removed: string[] = [];
  for (const key of view.dropped) {
    const file = path.join(view.location.fragments, fragmentName(key));
    let gone: boolean;
    try {
      const fragment = parseFragment(fs.readFileSync(file, "utf8"), file);
      gone = fragment.file === key && judge(view.location, fragment) === "gone";
    } catch {
      continue; // removed or rewritten meanwhile: not ours to delete
    }
    if (!gone) continue;
    try {
      fs.unlinkSync(file);
      removed.push(key);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  return removed;
}
