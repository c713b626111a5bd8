import type { Plugin } from "esbuild";
import { scannedPlugin } from "./esbuild-scanned";
import type * as Index from "./index";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, filtersGiven, resolveBundlerOptions, type BundlerOptions } from "./options";

/**
 * `memoscope/esbuild`: memoscope's plugin for esbuild. `esbuild.build({ plugins: [memoscope()] })`.
 * The module itself is the factory (`import memoscope from "memoscope/esbuild"` and
 * `require("memoscope/esbuild")` both give it); `.default` is the same function, for transpiled interop.
 * With the default include/exclude it runs on esbuild's own API with a filter built from a scan of the
 * project (esbuild-scanned.ts); with other options, through unplugin's esbuild adapter (loaded only then).
 */
function factory(options?: BundlerOptions): Plugin {
  const resolved = resolveBundlerOptions(options); // a bad option fails here, in the config, on either path
  const viaUnplugin = () => (require("./index") as typeof Index).unplugin.esbuild(options) as Plugin;
  return filtersGiven(options) || resolved.reportAll ? viaUnplugin() : scannedPlugin(resolved, viaUnplugin);
}

/** The esbuild plugin factory, with the default filters attached for configs that extend them. */
const memoscope: typeof factory & { default: typeof factory; DEFAULT_INCLUDE: typeof DEFAULT_INCLUDE; DEFAULT_EXCLUDE: typeof DEFAULT_EXCLUDE } = Object.assign(factory, { default: factory, DEFAULT_INCLUDE, DEFAULT_EXCLUDE });

export = memoscope;
