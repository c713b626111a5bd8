import fs = require("node:fs");
import type { UnpluginBuildContext, UnpluginContext, UnpluginOptions } from "unplugin";
// Deep imports, not the core's index: before a tag is seen, a build loads only options, messages and the tag hint.
import { Codes, warning } from "../core/diagnostics";
import { TAG_HINT } from "../core/tag-hint";
import { endBuild } from "./build-end";
import { SCRIPTS_OUTSIDE_NODE_MODULES } from "./esbuild-filter";
import { fileOf, OWN_FILES, resourceFiles, THE_TAG, VIRTUAL } from "./files";
import { toMessage, warn, type Framework } from "./notify";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, filtersGiven, resolveBundlerOptions, type BundlerOptions } from "./options";
import { compilersBefore, compilersBeforeMessage } from "./order";
import { excludeNatively, nativeExcludes, taggedFilesOnly, transformRule } from "./prefilter";
import { leaveUntaggedToRspack } from "./rspack-untagged";
import type * as Transform from "./transform";
import { newState, startBuild, type State } from "./state";

/**
 * The plugin memoscope's bundler entries share, as unplugin options (index.ts makes it an unplugin
 * instance; this module loads nothing of unplugin itself). `memoscope/vite`, `/rollup`, `/webpack`,
 * `/rspack` and `/esbuild` are its factories. It runs first (`enforce: "pre"`, Rollup
 * `order: "pre"`) so it sees the original TypeScript; a file reaches it only when its id passes
 * include/exclude and its text mentions the tag (a plain text check, native in Rollup and Vite): any
 * other file is never parsed. Tagged files go through memoscope's Babel plugin with syntax plugins only.
 */

/** The files of this build's modules (Rollup and Vite: module ids; webpack and Rspack: module resources; esbuild: the files its onLoad saw). */
function moduleFiles(context: UnpluginBuildContext, state: State): Set<string> {
  if (state.framework === "esbuild") return state.loaded;
  const files = new Set<string>();
  const rollup = context as unknown as { getModuleIds?: () => Iterable<string> };
  if (typeof rollup.getModuleIds === "function") for (const id of rollup.getModuleIds()) if (!VIRTUAL.test(id)) files.add(fileOf(id));
  const native = context.getNativeBuildContext?.() as { compilation?: { modules?: Iterable<{ resource?: string }> } } | undefined;
  for (const file of resourceFiles(native?.compilation?.modules ?? [])) files.add(file);
  return files;
}

type TextHandler = (this: UnpluginContext, code: string, id: string) => ReturnType<typeof Transform.transformFile> | undefined | { code: string; map: null };

/** One file through memoscope's Babel plugin (transform.ts, loaded once a file with the tag is seen). */
function transformFile(this: UnpluginContext, state: State, code: string, id: string): ReturnType<typeof Transform.transformFile> {
  return (require("./transform") as typeof Transform).transformFile.call(this, state, code, id);
}

/**
 * The hook that sees a file's text: a `transform` with a filter (native in Rollup and Vite), except in
 * esbuild, where unplugin's transform reads every file asynchronously in JavaScript after esbuild's own
 * read; there a `load` hook reads the file once, synchronously, and hands untagged files back to
 * esbuild untouched (measured: +40% of esbuild's CPU time with the transform, ~+10% this way).
 */
function textHook(state: State, id: { include: Array<string | RegExp>; exclude: Array<string | RegExp> }, code: RegExp | undefined, handler: TextHandler): Pick<UnpluginOptions, "transform" | "load"> {
  if (state.framework !== "esbuild") {
    return { transform: { order: "pre", filter: { id, ...(code ? { code } : {}) }, handler } as never };
  }
  return {
    load: {
      filter: { id },
      handler(this: UnpluginContext, moduleId: string) {
        state.loaded.add(fileOf(moduleId));
        let text: string;
        try {
          text = fs.readFileSync(fileOf(moduleId), "utf8");
        } catch {
          return undefined; // not a file on disk: esbuild (or another plugin) loads it
        }
        if (code) code.lastIndex = 0;
        if (code && !code.test(text)) return undefined;
        return handler.call(this, text, moduleId);
      },
    } as never,
  };
}

/** webpack and Rspack: attach the loader to tagged files only (see prefilter.ts); elsewhere the hook filter is native or cheap. */
function loaderGate(state: State, include: ReadonlyArray<string | RegExp>, exclude: ReadonlyArray<string | RegExp>, hint: RegExp | undefined): Pick<UnpluginOptions, "transformInclude"> {
  return state.framework === "webpack" || state.framework === "rspack" ? { transformInclude: taggedFilesOnly(include, exclude, hint, () => state.oneOffBuild, () => state.builds) } : {};
}

/** Whether `patterns` are exactly the defaults (so the esbuild path filter may stand in for them). */
function isDefault(patterns: ReadonlyArray<string | RegExp>, defaults: readonly RegExp[]): boolean {
  return patterns.length === defaults.length && patterns.every((p, i) => p === defaults[i]);
}

/** The plugin proper. */
export function mainPlugin(state: State): UnpluginOptions {
  const { options } = state;
  return {
    name: "memoscope",
    enforce: "pre",
    ...loaderGate(state, options.include, [VIRTUAL, OWN_FILES, ...options.exclude], options.reportAll ? undefined : TAG_HINT),
    ...textHook(state, { include: options.include, exclude: [VIRTUAL, OWN_FILES, ...options.exclude] }, options.reportAll ? undefined : TAG_HINT, function (code, id) {
      return transformFile.call(this, state, code, id);
    }),
    buildStart(this: UnpluginBuildContext, ...args: unknown[]) {
      startBuild(state);
      // Rollup hands its options (with the plugin list) to buildStart; Vite's list came with configResolved.
      if (state.framework === "rollup") state.before = compilersBefore((args[0] as { plugins?: [] } | undefined)?.plugins, false);
      if (state.before.length > 0) warn(this as unknown as UnpluginContext, { message: `${Codes.typesStripped}: ${compilersBeforeMessage(state.before)}`, code: Codes.typesStripped });
    },
    buildEnd(this: UnpluginBuildContext) {
      endBuild(state, () => moduleFiles(this, state), this as unknown as UnpluginContext);
    },
    vite: {
      configResolved(config: { root: string; plugins: readonly { name?: string }[] }) {
        state.root = config.root;
        state.before = compilersBefore(config.plugins, true);
      },
    },
    webpack(compiler) {
      state.root = compiler.context;
      state.oneOffBuild = compiler.options.mode === "production" && !compiler.options.watch;
      compiler.hooks.watchRun.tap("memoscope", () => void (state.oneOffBuild = false)); // `compiler.watch()` without the option
      excludeNatively(transformRule(compiler), nativeExcludes(options.exclude));
    },
    rspack(compiler) {
      state.root = compiler.context;
      state.oneOffBuild = compiler.options.mode === "production" && !compiler.options.watch;
      compiler.hooks.watchRun.tap("memoscope", () => void (state.oneOffBuild = false)); // `compiler.watch()` without the option
      const rule = transformRule(compiler);
      excludeNatively(rule, nativeExcludes(options.exclude));
      if (rule && state.oneOffBuild && !options.reportAll && isDefault(options.include, DEFAULT_INCLUDE) && isDefault(options.exclude, DEFAULT_EXCLUDE)) leaveUntaggedToRspack(compiler, rule, () => state.root, () => state.oneOffBuild);
    },
    esbuild: {
      config(initialOptions) {
        state.root = initialOptions.absWorkingDir ?? process.cwd();
      },
      // esbuild calls into JavaScript only for paths this (Go) regex matches: with the default include/exclude,
      // scripts outside node_modules; with the default include, scripts.
      ...(isDefault(options.include, DEFAULT_INCLUDE) ? { onLoadFilter: isDefault(options.exclude, DEFAULT_EXCLUDE) ? SCRIPTS_OUTSIDE_NODE_MODULES : /\.[cm]?[jt]sx?$/ } : {}),
    },
  };
}

/**
 * Runs after the main plugin on tagged TypeScript/JavaScript files outside node_modules: one the main
 * plugin did not see was skipped by `include`/`exclude`, and its tags would silently do nothing.
 * Only added when the user changed `include` or `exclude`: with the defaults nothing can be skipped.
 */
function skippedCheck(state: State): UnpluginOptions {
  return {
    name: "memoscope:skipped",
    enforce: "pre",
    ...loaderGate(state, DEFAULT_INCLUDE, [VIRTUAL, OWN_FILES, ...DEFAULT_EXCLUDE], THE_TAG),
    ...textHook(state, { include: [...DEFAULT_INCLUDE], exclude: [VIRTUAL, OWN_FILES, ...DEFAULT_EXCLUDE] }, THE_TAG, function (code, id) {
      if (state.handled.has(fileOf(id))) return undefined;
      const line = code.slice(0, THE_TAG.exec(code)!.index).split("\n").length;
      const at = { line, column: 0 };
      const message = "this file has a @memoize tag, but memoscope's `include`/`exclude` options skip it, so nothing in it is memoized. Add it to `include` (or take it out of `exclude`).";
      warn(this, toMessage(state.framework, state.root, fileOf(id), warning(Codes.excludedTaggedFile, message, at)));
      return state.framework === "esbuild" ? { code, map: null } : undefined;
    }),
    webpack: (compiler) => excludeNatively(transformRule(compiler), nativeExcludes(DEFAULT_EXCLUDE)),
    rspack: (compiler) => excludeNatively(transformRule(compiler), nativeExcludes(DEFAULT_EXCLUDE)),
  };
}

/** The plugin for `framework`, with the skipped-file check when the user changed `include` or `exclude`. */
export function memoscopePlugins(rawOptions: BundlerOptions | undefined, framework: Framework): UnpluginOptions | UnpluginOptions[] {
  const options = resolveBundlerOptions(rawOptions);
  const state = newState(framework, options, process.cwd());
  return filtersGiven(rawOptions) ? [mainPlugin(state), skippedCheck(state)] : mainPlugin(state);
}
