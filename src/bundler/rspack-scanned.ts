import { TAG_HINT } from "../core/tag-hint";
import { endBuild } from "./build-end";
import { OWN_FILES, resourceFiles, VIRTUAL } from "./files";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, type ResolvedOptions } from "./options";
import type * as Plugin from "./plugin";
import { nativeExcludes, taggedFilesOnly, type TransformRule } from "./prefilter";
import { leaveUntaggedToRspack, savedRspackProjectTagged, scanRspackProject, type EarlierScan, type RspackCompiler } from "./rspack-untagged";
import { newState, startBuild } from "./state";

/**
 * memoscope in a one-off Rspack production build of a project with no tag (none in the scripts the
 * scan read, or in the stamps the last scan saved; those it did not read are left to the per-file
 * check), with the default include/exclude: unplugin is not loaded (about 30 ms of a cold build, 7% of
 * a 250-file app's).
 * Any other build, or a project the scan finds a tag in (or cannot scan), goes through unplugin's
 * Rspack adapter (index.ts), and so does the transform here: this path only stands in for the
 * adapter's wiring, the rule and the build start and end, while no file needs memoscope.
 *
 * - The rule: the project's untagged files are excluded natively, as on the adapter's path
 *   (plugin.ts, `leaveUntaggedToRspack`); a module the scan did not see (outside the project, in a
 *   skipped folder, written since) reaches the rule's `use` function, which reads it, and a tagged
 *   one gets unplugin's own transform loader with memoscope's transform hook — the loader and the
 *   hook the adapter would have attached.
 * - Build start and end: the same steps as the adapter's `buildStart` and `buildEnd` (at the same
 *   hooks: `make`, and `processAssets` at the additional stage), so the report is written as there.
 */

/** unplugin's Rspack transform loader, as its adapter attaches it (a public entry of the package). */
function transformLoader(): string {
  return require.resolve("unplugin/rspack/loaders/transform");
}

/** The parts of an Rspack compilation used here. */
interface Compilation {
  modules: Iterable<{ resource?: string }>;
  hooks: { processAssets: { tapPromise(options: { name: string; stage: number }, fn: () => Promise<void>): void } };
}

/** The parts of an Rspack compiler used here, beyond what the adapter's path uses. */
export interface Compiler {
  context: string;
  options: RspackCompiler["options"] & { mode?: string; watch?: boolean; module: { rules: unknown[] } };
  hooks: Omit<RspackCompiler["hooks"], "thisCompilation"> & {
    make: { tapPromise(name: string, fn: () => Promise<void>): void };
    thisCompilation: { tap(name: string, fn: (compilation: Compilation & { warnings: Error[] }) => void): void };
  };
  rspack: { Compilation: { PROCESS_ASSETS_STAGE_ADDITIONAL: number } };
}

/** What the rule's `use` function is handed. */
interface UseData {
  resource?: string;
  resourceQuery?: string;
}

/**
 * Applies memoscope to `compiler`: on this path when the build qualifies (see above), else through
 * `viaUnplugin` (unplugin's Rspack adapter).
 */
export function applyScanned(compiler: Compiler, options: ResolvedOptions, viaUnplugin: () => { apply(compiler: unknown): void }): void {
  if (compiler.options.mode !== "production" || compiler.options.watch) return viaUnplugin().apply(compiler);
  // The path is chosen now, the untagged files are left out when the first build starts (a file may
  // be written or tagged in between). When the stamps saved by the last scan show no tag, that build's
  // scan is the only one: a file tagged since reaches the rule's per-file check and is memoized here
  // too. Otherwise (no stamps, or a tag when last read) the project is scanned now to choose.
  let earlier: EarlierScan | undefined;
  if (savedRspackProjectTagged(compiler) !== false) {
    const { scan, memo } = scanRspackProject(compiler);
    if (!scan || scan.tagged.some((file) => !scan.unread.has(file))) return viaUnplugin().apply(compiler);
    earlier = { scan, memo };
  }

  const state = newState("rspack", options, compiler.context, true);
  compiler.hooks.watchRun.tap("memoscope", () => void (state.oneOffBuild = false)); // `compiler.watch()` without the option
  const gate = taggedFilesOnly(DEFAULT_INCLUDE, [VIRTUAL, OWN_FILES, ...DEFAULT_EXCLUDE], TAG_HINT, () => state.oneOffBuild, () => state.builds);
  let loaderOptions: { plugin: { name: string; transform: unknown } } | undefined;
  const rule: TransformRule & { use(data: UseData): unknown[] } = {
    enforce: "pre",
    exclude: nativeExcludes(DEFAULT_EXCLUDE),
    use(data) {
      if (data.resource == null || !gate(data.resource + (data.resourceQuery ?? ""))) return [];
      // The hook the adapter would hand its loader (made once, when a first file needs it).
      loaderOptions ??= { plugin: { name: "memoscope", transform: (require("./plugin") as typeof Plugin).mainPlugin(state).transform } };
      return [{ loader: transformLoader(), options: loaderOptions, ident: "memoscope" }];
    },
  };
  compiler.options.module.rules.unshift(rule);
  leaveUntaggedToRspack(compiler, rule, () => state.root, () => state.oneOffBuild, earlier);
  compiler.hooks.make.tapPromise("memoscope", async () => {
    startBuild(state);
  });
  compiler.hooks.thisCompilation.tap("memoscope", (compilation) => {
    compilation.hooks.processAssets.tapPromise({ name: "memoscope", stage: compiler.rspack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, async () => {
      endBuild(state, () => resourceFiles(compilation.modules));
    });
  });
}
