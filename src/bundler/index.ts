import { createUnplugin } from "unplugin";
import type { BundlerOptions } from "./options";
import { memoscopePlugins } from "./plugin";

/**
 * memoscope for bundlers, one implementation on unplugin: the plugin (plugin.ts) as an unplugin
 * instance, whose `.vite`, `.rollup`, `.webpack`, `.rspack` and `.esbuild` the entries hand out
 * (esbuild and Rspack first try a path that needs no unplugin: esbuild-scanned.ts, rspack-scanned.ts).
 */

/** The unplugin instance: `.vite`, `.rollup`, `.webpack`, `.rspack`, `.esbuild` are the per-bundler factories. */
export const unplugin = createUnplugin<BundlerOptions | undefined>((rawOptions, meta) => memoscopePlugins(rawOptions, meta.framework));

export { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, type BundlerOptions, type FilterPattern } from "./options";
