import { Codes, warning } from "../core/diagnostics";
import { TAG_HINT } from "../core/tag-hint";
import { toMessage } from "./notify";
import { excludeNatively, type TransformRule } from "./prefilter";
import { savedStampsTagged, scanProjectCached, taggedSince, untaggedIn, type ProjectScan, type ScanMemo } from "./project-scan";

/**
 * Rspack one-off builds on either path (unplugin's adapter, plugin.ts; or rspack-scanned.ts): the
 * project's untagged files are left out of memoscope's rule in a condition Rspack tests itself.
 */

/** Rspack's hooks and options, as far as memoscope uses them. */
export interface RspackCompiler {
  context: string;
  options: { output: { path?: string } };
  hooks: {
    compile: { tap(name: string, fn: () => void): void };
    watchRun: { tap(name: string, fn: () => void): void };
    thisCompilation: { tap(name: string, fn: (compilation: { warnings: Error[] }) => void): void };
  };
}

/** Whether the stamps saved for the project of an Rspack compiler had a tagged script (undefined: none saved). */
export function savedRspackProjectTagged(compiler: RspackCompiler): boolean | undefined {
  return savedStampsTagged(compiler.context, TAG_HINT);
}

/** The project of an Rspack compiler, scanned (its context folder, its output folder skipped), with the stamps it was made from. */
export function scanRspackProject(compiler: RspackCompiler): { scan: ProjectScan | undefined; memo: ScanMemo } {
  return scanProjectCached(compiler.context, compiler.options.output.path ? [compiler.options.output.path] : [], TAG_HINT);
}

/** A scan the plugin made when it was applied, before the first build. */
export interface EarlierScan {
  scan: ProjectScan;
  memo: ScanMemo;
}

/**
 * The scan a first build starts from: `earlier` when none of its untagged files has the tag now (a
 * stat each; a file written since is not in it, so it reaches the rule's per-file check anyway, and
 * one deleted since cannot be built), else a new one.
 */
function firstScan(compiler: RspackCompiler, earlier: EarlierScan | undefined): ProjectScan | undefined {
  if (earlier && taggedSince(earlier.scan.untagged, TAG_HINT, earlier.memo).length === 0) return earlier.scan;
  return scanRspackProject(compiler).scan;
}

/**
 * One-off Rspack builds: the untagged files of the project are excluded from the rule natively
 * (see project-scan.ts). Done when Rspack compiles, so files written before the build starts are
 * seen. Rspack reads a compiler's rules once, at its first build: a compiler run again keeps them,
 * so a file tagged since then would go unmemoized — the project is scanned again and such a file is
 * a warning (MS095) naming the fix.
 */
export function leaveUntaggedToRspack(compiler: RspackCompiler, rule: TransformRule, root: () => string, oneOff: () => boolean, earlier?: EarlierScan): void {
  let first: Set<string> | undefined;
  let late: string[] = [];
  compiler.hooks.compile.tap("memoscope", () => {
    if (first === undefined && !oneOff()) return; // watching after all (`compiler.watch()`): the rule keeps its per-file check
    const scan = first === undefined ? firstScan(compiler, earlier) : scanRspackProject(compiler).scan;
    if (first !== undefined) {
      late = scan ? scan.tagged.filter((file) => !first!.has(file)) : [];
      return;
    }
    first = new Set(scan?.tagged);
    const untagged = scan && untaggedIn(scan);
    if (untagged) excludeNatively(rule, [untagged]);
  });
  compiler.hooks.thisCompilation.tap("memoscope", (compilation) => {
    for (const file of late) {
      const message = "this file has had a @memoize tag only since this Rspack compiler's first build, and Rspack keeps the module rules of that build, so nothing in it is memoized: create a new compiler (or build in watch mode).";
      const err = new Error(toMessage("rspack", root(), file, warning(Codes.excludedTaggedFile, message)).message) as Error & { hideStack?: boolean };
      err.hideStack = true;
      compilation.warnings.push(err);
    }
  });
}
