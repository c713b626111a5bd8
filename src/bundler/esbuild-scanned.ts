import fs = require("node:fs");
import path = require("node:path");
import type { BuildOptions, Loader, OnLoadResult, PartialMessage, Plugin, PluginBuild } from "esbuild";
import type { UnpluginMessage } from "unplugin";
import { Codes, warning } from "../core/diagnostics";
import { TAG_HINT } from "../core/tag-hint";
import { endBuild } from "./build-end";
import type * as Filter from "./esbuild-filter";
import { cacheFile, readCache, writeCache } from "./cache-dir";
import { OWN_FILES } from "./files";
import { toMessage } from "./notify";
import type { ResolvedOptions } from "./options";
import { newState, startBuild } from "./state";
import { hasHint, scanProjectCached, scriptsAddedTo, taggedSince, type ProjectScan } from "./project-scan";
import type * as Transform from "./transform";

/**
 * memoscope on esbuild's own plugin API, for the default include/exclude on POSIX paths (other
 * options go through unplugin's esbuild adapter). esbuild calls JavaScript, one round trip each, for
 * every path a plugin's onLoad filter matches: about 15% of a production build for a 250-file app,
 * even when the callback returns at once. So the project's scripts are read once at setup (see
 * project-scan.ts) and the filter, a Go regular expression fixed at setup, leaves out exactly the
 * files found without the tag: esbuild loads those itself. unplugin's adapter reads the filter
 * before the plugin learns the build's options (its working directory, its output folder), and
 * loading unplugin costs a cold build more than all the rest; neither is needed here.
 *
 * The price: a context (`esbuild.context()`, then `watch()` or `rebuild()`) keeps the filter of its
 * creation, so a file that had no tag then and has one now cannot reach memoscope, nor can a file
 * written since into a folder none of whose scripts had a tag (the filter names such folders, not
 * their files). Every build checks for both (a stat per untagged file, a listing per such folder;
 * only changed and new files are read) and such a file is a warning (MS095) naming the fix, never a
 * silent miss. Other new files are matched, and memoized.
 */

/** The last filter built in this process, and the files and folders it leaves out as one string (a build of an unchanged project reuses it). */
let lastFilter: { key: string; filter: RegExp } | undefined;

/** The filter as kept on disk (cache-dir.ts) for the next process: built for these files and folders. */
interface FilterCache {
  untagged: string;
  source: string;
}

/** Version of the filter cache (and of the filter's construction: bump it when scriptsExcept changes). */
const FILTER_CACHE_VERSION = 1;

/** The onLoad filter leaving out `untagged` and the scripts directly in `whole`: the last one built if it fits, in this process or on disk. */
function filterFor(root: string, untagged: readonly string[], whole: readonly string[]): RegExp {
  const key = `${untagged.join("\n")}\0${whole.join("\n")}`;
  if (lastFilter?.key === key) return lastFilter.filter;
  const file = cacheFile(root, "esbuild-filter");
  const saved = readCache<FilterCache>(file, root, FILTER_CACHE_VERSION);
  let filter: RegExp;
  if (saved?.untagged === key) filter = new RegExp(saved.source);
  else {
    filter = (require("./esbuild-filter") as typeof Filter).scriptsExcept(untagged, whole); // loaded only when no saved filter fits
    writeCache(file, root, FILTER_CACHE_VERSION, { untagged: key, source: filter.source } satisfies FilterCache);
  }
  lastFilter = { key, filter };
  return filter;
}

/**
 * The folders all of whose scripts the scan found untagged. The filter leaves out any script directly
 * in them, by the folder's name instead of each file's: Go compiles the filter on every build, at about
 * 40 µs per file listed — nearly what the round trip it saves costs — but a folder costs one entry.
 */
function wholeFolders(scan: ProjectScan): string[] {
  const untagged = new Set(scan.untagged);
  return [...scan.folders].filter(([, scripts]) => scripts.length > 0 && scripts.every((file) => untagged.has(file))).map(([folder]) => folder);
}

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

/** The folders an esbuild build writes to (the scan skips them: output is not source). */
function outputFolders(options: BuildOptions, root: string): string[] {
  const folders: string[] = [];
  if (options.outdir) folders.push(path.resolve(root, options.outdir));
  if (options.outfile) folders.push(path.dirname(path.resolve(root, options.outfile)));
  return folders;
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
      const { scan, memo } = scanProjectCached(real, outputFolders(build.initialOptions, root), TAG_HINT);
      if (!scan) return fallback().setup(build);
      const untagged = scan.untagged;
      const whole = wholeFolders(scan);
      // Per whole folder, the scripts known in it (those written since are checked at each build).
      const known = new Set(whole.flatMap((folder) => scan.folders.get(folder)!));
      const scannedAt = Date.now();
      const state = newState("esbuild", options, root);
      let late = new Set<string>();

      build.onStart(() => {
        startBuild(state);
        if (state.builds === 1 && Date.now() - scannedAt < UNCHANGED_MS) return undefined;
        late = new Set(taggedSince(untagged, TAG_HINT, memo));
        for (const folder of whole) {
          for (const file of scriptsAddedTo(folder, known) ?? []) {
            let text: string;
            try {
              text = fs.readFileSync(file, "latin1");
            } catch {
              continue; // not readable now: not a module esbuild can load either
            }
            if (hasHint(text, TAG_HINT)) late.add(file);
            else known.add(file); // untagged: esbuild loads it, as the filter says; not read again
          }
        }
        if (late.size === 0) return undefined;
        const text = "this file mentions @memoize (or a likely misspelling of it), but esbuild keeps the file filter memoscope gave it when this context was created, and that filter leaves this file out (it, or every script in its folder, had no tag then): nothing in it is memoized or checked. Dispose of the context and create a new one (restart the watch).";
        return { warnings: [...late].map((file) => toPartial(toMessage("esbuild", root, file, warning(Codes.excludedTaggedFile, text)))) };
      });

      build.onLoad({ filter: filterFor(real, untagged, whole), namespace: "file" }, async (args): Promise<OnLoadResult | undefined> => {
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
