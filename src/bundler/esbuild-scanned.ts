import fs = require("node:fs");
import path = require("node:path");
import type { BuildOptions, Loader, OnLoadResult, PartialMessage, Plugin, PluginBuild } from "esbuild";
import type { UnpluginMessage } from "unplugin";
import { Codes, warning } from "../core/diagnostics";
import { TAG_HINT } from "../core/tag-hint";
import { endBuild } from "./build-end";
import { cacheFile, readCache, writeCache } from "./cache-dir";
import type * as FilterModule from "./esbuild-filter";
import { OWN_FILES } from "./files";
import { toMessage } from "./notify";
import type { ResolvedOptions } from "./options";
import { newState, startBuild } from "./state";
import { hasHint, scanProjectCached, SCRIPT, scriptsAddedUnder, taggedSince, type ProjectScan } from "./project-scan";
import type * as Transform from "./transform";

/**
 * memoscope on esbuild's own plugin API, for the default include/exclude on POSIX paths (other
 * options go through unplugin's esbuild adapter). esbuild calls JavaScript, one round trip each, for
 * every path a plugin's onLoad filter matches: about 15% of a production build for a 250-file app,
 * even when the callback returns at once. So the project's scripts are read once at setup (see
 * project-scan.ts) and the filter, a Go regular expression fixed at setup, lets through only what the
 * scan did not find untagged: scripts outside the project, in folders it skips (dot-folders, the output
 * folder, linked folders), and in folders with a tagged script (their untagged files named). esbuild
 * loads the rest itself. The filter grows with the folders that have a tag, not with the project: Go
 * compiles it on every build. unplugin's adapter reads the filter before the plugin learns the
 * build's options (its working directory, its output folder), and loading unplugin costs a cold build
 * more than all the rest; neither is needed here.
 *
 * The price: a context (`esbuild.context()`, then `watch()` or `rebuild()`) keeps the filter of its
 * creation, so a file that had no tag then and has one now cannot reach memoscope, nor can a file
 * written since into a folder with no tagged script then (or a new folder). Every rebuild checks for
 * both (a stat per untagged file, a listing of the project; only changed and new files are read) and
 * such a file is a warning (MS095) naming the fix, never a silent miss. New files in a folder with a
 * tag are matched, and memoized.
 */

/** The folders with a script the scan found tagged (or could not read), each with its untagged scripts. */
function partlyTagged(scan: ProjectScan): Map<string, string[]> {
  const untagged = new Set(scan.untagged);
  const partly = new Map<string, string[]>();
  for (const file of scan.tagged) {
    const folder = path.dirname(file);
    if (!partly.has(folder)) partly.set(folder, (scan.folders.get(folder) ?? []).filter((other) => untagged.has(other)));
  }
  return partly;
}

/** The last filter built in this process, and what it was built for (a build of an unchanged project reuses it). */
let lastFilter: { key: string; filter: RegExp } | undefined;

/** The filter as kept on disk (cache-dir.ts) for the next process, with what it was built for. */
interface FilterCache {
  key: string;
  source: string;
}

/** Version of the filter cache (and of the filter's construction: bump it when scriptsOutside changes). */
const FILTER_CACHE_VERSION = 2;

/**
 * The onLoad filter for a scan of `root`: scripts elsewhere, in folders the scan skipped (`open`, and
 * dot-folders), the output file it skipped (`openFiles`), and in folders with a tagged script (`partly`) except their untagged ones; the last one
 * built if it fits, in this process or on disk. Undefined (every script) when a path cannot be spelled
 * for Go, or when the filter would miss a tagged file (never expected: checked because a miss would be silent).
 */
function filterFor(root: string, open: readonly string[], openFiles: readonly string[], partly: ReadonlyMap<string, readonly string[]>, tagged: readonly string[]): RegExp | undefined {
  const key = JSON.stringify([root, open, openFiles, [...partly]]);
  let filter = lastFilter?.key === key ? lastFilter.filter : undefined;
  if (!filter) {
    const file = cacheFile(root, "esbuild-filter");
    const saved = readCache<FilterCache>(file, root, FILTER_CACHE_VERSION);
    if (saved?.key === key) filter = new RegExp(saved.source);
    else {
      try {
        filter = (require("./esbuild-filter") as typeof FilterModule).scriptsOutside(root, open, partly, openFiles); // loaded only when no saved filter fits
      } catch {
        return undefined;
      }
      writeCache(file, root, FILTER_CACHE_VERSION, { key, source: filter.source } satisfies FilterCache);
    }
    lastFilter = { key, filter };
  }
  return tagged.every((file) => filter.test(file)) ? filter : undefined;
}

/** The filter of every script outside node_modules: what unplugin's adapter would register. */
function everyScript(): RegExp {
  return (require("./esbuild-filter") as typeof FilterModule).SCRIPTS_OUTSIDE_NODE_MODULES;
}

/**
 * The most scripts a project may have for this path (else unplugin's adapter: a round trip per script).
 * The filter does not grow with them; the scan's listing and stats do (about 5 µs a script), and past
 * this the saved stamps get large (about 80 bytes a script, read at each start).
 */
const MAX_SCRIPTS = 20000;

/** A first build starting this soon after the scan (a one-off `build()`) skips the check for files tagged since: the scan has just seen them. */
const UNCHANGED_MS = 100;

/** The folders of the files esbuild's `entryPoints` name (strings, `{ in, out }` objects, or an object of them; a glob's fixed folder), absolute. */
function entryFolders(options: BuildOptions, root: string): string[] {
  const given = options.entryPoints;
  const list: unknown[] = Array.isArray(given) ? given : given && typeof given === "object" ? Object.values(given) : [];
  return list.flatMap((entry) => {
    const file = typeof entry === "string" ? entry : entry && typeof entry === "object" && typeof (entry as { in?: unknown }).in === "string" ? (entry as { in: string }).in : undefined;
    if (file === undefined) return [];
    const glob = file.search(/[*?[{]/);
    return [path.dirname(path.resolve(root, glob < 0 ? file : file.slice(0, glob + 1)))];
  });
}

/**
 * The folder to scan: the package the entry points are in (the nearest folder up from their common
 * folder with a package.json, but not above the working directory), else the working directory. A
 * monorepo built from its root scans the package being built, not every package.
 */
function scanRoot(options: BuildOptions, root: string): string {
  const folders = entryFolders(options, root);
  if (folders.length === 0) return root;
  let common = folders[0];
  for (const folder of folders) while (!`${folder}/`.startsWith(`${common}/`) && common !== path.dirname(common)) common = path.dirname(common);
  const inside = `${common}/`.startsWith(`${root}/`);
  for (let dir = common; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (dir === root || dir === path.dirname(dir) || !inside) break;
  }
  return inside ? root : common;
}

/**
 * What an esbuild build writes (the scan skips it: output is not source): its `outdir`, or its
 * `outfile` alone (not that file's folder, which may hold sources).
 */
function outputs(options: BuildOptions, root: string): { folders: string[]; files: string[] } {
  return { folders: options.outdir ? [path.resolve(root, options.outdir)] : [], files: options.outfile ? [path.resolve(root, options.outfile)] : [] };
}

const LOADERS: Record<string, Loader> = { js: "js", jsx: "jsx", ts: "ts", tsx: "tsx" };

/** How esbuild should read memoscope's output for `file`: the build's own `loader` for the extension, else by extension. */
function loaderFor(file: string, configured: BuildOptions["loader"]): Loader {
  const extension = path.extname(file);
  return configured?.[extension] ?? LOADERS[/\.[cm]?([jt]sx?)$/.exec(file)?.[1] ?? "js"] ?? "js";
}

/** unplugin-style messages (what the shared transform sends) as esbuild messages. */
function toPartial(message: string | UnpluginMessage): PartialMessage {
  if (typeof message === "string") return { text: message };
  const loc = message.loc;
  return { text: message.message, location: loc ? { file: loc.file ?? message.id, line: loc.line, column: loc.column } : null, detail: message.meta };
}

/** The transformed text with its source map inline, where esbuild reads it to map back to the original. */
function withMap(code: string, map: unknown, original: string): string {
  if (!map) return code;
  const full = map as { sourcesContent?: unknown[] };
  const json = JSON.stringify(full.sourcesContent?.length ? full : { ...full, sourcesContent: [original] });
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(json).toString("base64")}`;
}

/** The plugin; `fallback` (unplugin's adapter) takes over when the project cannot be scanned. */
export function scannedPlugin(options: ResolvedOptions, fallback: () => Plugin): Plugin {
  return {
    name: "memoscope",
    setup(build: PluginBuild) {
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      if (path.sep !== "/") return fallback().setup(build); // the filter is built for POSIX paths
      let real: string;
      try {
        real = fs.realpathSync(scanRoot(build.initialOptions, root)); // esbuild's paths are real paths
      } catch {
        return fallback().setup(build);
      }
      const output = outputs(build.initialOptions, root);
      const skip = [...output.folders, ...output.files];
      const { scan, memo } = scanProjectCached(real, skip, TAG_HINT, MAX_SCRIPTS);
      if (!scan) return fallback().setup(build);
      // The files the filter leaves out: checked at each build for a tag since (scripts written since in other folders join them).
      const untagged = [...scan.untagged];
      const partly = partlyTagged(scan);
      const known = new Set([...scan.untagged, ...scan.tagged]);
      const under = (file: string) => file.startsWith(`${real}/`);
      const open = [...output.folders.filter(under), ...scan.links];
      const openFiles = output.files.filter((file) => under(file) && SCRIPT.test(file));
      const filter = filterFor(real, open, openFiles, partly, scan.tagged);
      const scannedAt = Date.now();
      const state = newState("esbuild", options, root);
      let late = new Set<string>();

      build.onStart(() => {
        startBuild(state);
        // Nothing to check when the filter lets every script through, or when the scan has just run.
        if (!filter || (state.builds === 1 && Date.now() - scannedAt < UNCHANGED_MS)) return undefined;
        for (const file of scriptsAddedUnder(real, skip, known) ?? []) {
          known.add(file);
          if (!partly.has(path.dirname(file))) untagged.push(file); // the filter leaves it out too
        }
        late = new Set(taggedSince(untagged, TAG_HINT, memo));
        if (late.size === 0) return undefined;
        const text = "this file mentions @memoize (or a likely misspelling of it), but esbuild keeps the file filter memoscope gave it when this context was created, and that filter leaves this file out (it had no tag then, or was written since into a folder with no tagged script): nothing in it is memoized or checked. Dispose of the context and create a new one (restart the watch).";
        return { warnings: [...late].map((file) => toPartial(toMessage("esbuild", root, file, warning(Codes.excludedTaggedFile, text)))) };
      });

      build.onLoad({ filter: filter ?? everyScript(), namespace: "file" }, async (args): Promise<OnLoadResult | undefined> => {
        const file = args.path;
        if (OWN_FILES.test(file)) return undefined;
        state.loaded.add(file);
        let text: string;
        try {
          text = fs.readFileSync(file, "utf8");
        } catch {
          return undefined; // not readable as a file: esbuild reports it as it would without memoscope
        }
        if (!hasHint(text, TAG_HINT)) return undefined;
        const errors: PartialMessage[] = [];
        const warnings: PartialMessage[] = [];
        const context = { warn: (m: string | UnpluginMessage) => void warnings.push(toPartial(m)), error: (m: string | UnpluginMessage) => void errors.push(toPartial(m)) };
        const { transformFile } = require("./transform") as typeof Transform;
        const out = await transformFile.call(context as never, state, text, file);
        if (!out) return undefined;
        return { contents: withMap(out.code, out.map, text), loader: loaderFor(file, build.initialOptions.loader), resolveDir: path.dirname(file), errors, warnings };
      });

      build.onEnd(() => {
        // esbuild tells a plugin nothing of the build's modules: the files onLoad saw, and the scanned untagged ones (a stale fragment of theirs goes).
        endBuild(state, () => [...state.loaded, ...untagged.filter((file) => !late.has(file))]);
      });
    },
  };
}
