import type { RspackPluginInstance } from "@rspack/core";
import type * as Index from "./index";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, filtersGiven, resolveBundlerOptions, type BundlerOptions } from "./options";
import { applyScanned, type Compiler } from "./rspack-scanned";

/**
 * `memoscope/rspack`: memoscope's plugin for Rspack. `rspack.config.js`: `plugins: [memoscope()]`.
 * The module itself is the factory (`import memoscope from "memoscope/rspack"` and
 * `require("memoscope/rspack")` both give it); `.default` is the same function, for transpiled interop.
 * With the default include/exclude, a one-off production build of a project with no tag runs without
 * unplugin (rspack-scanned.ts); every other build goes through unplugin's Rspack adapter (loaded only then).
 */
function factory(options?: BundlerOptions): RspackPluginInstance {
  const resolved = resolveBundlerOptions(options); // a bad option fails here, in the config, on either path
  const viaUnplugin = () => (require("./index") as typeof Index).unplugin.rspack(options) as RspackPluginInstance;
  if (filtersGiven(options) || resolved.reportAll) return viaUnplugin();
  return { name: "memoscope", apply: (compiler) => applyScanned(compiler as unknown as Compiler, resolved, viaUnplugin as () => { apply(compiler: unknown): void }) } as RspackPluginInstance;
}

/** The Rspack plugin factory, with the default filters attached for configs that extend them. */
const memoscope: typeof factory & { default: typeof factory; DEFAULT_INCLUDE: typeof DEFAULT_INCLUDE; DEFAULT_EXCLUDE: typeof DEFAULT_EXCLUDE } = Object.assign(factory, { default: factory, DEFAULT_INCLUDE, DEFAULT_EXCLUDE });

export = memoscope;
