import type { RspackPluginInstance } from "@rspack/core";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, unplugin, type BundlerOptions } from "./index";

/**
 * `memoscope/rspack`: memoscope's plugin for Rspack. `rspack.config.js`: `plugins: [memoscope()]`.
 * The module itself is the factory (`import memoscope from "memoscope/rspack"` and
 * `require("memoscope/rspack")` both give it); `.default` is the same function, for transpiled interop.
 */
const factory = unplugin.rspack as (options?: BundlerOptions) => RspackPluginInstance;

/** The Rspack plugin factory, with the default filters attached for configs that extend them. */
const memoscope: typeof factory & { default: typeof factory; DEFAULT_INCLUDE: typeof DEFAULT_INCLUDE; DEFAULT_EXCLUDE: typeof DEFAULT_EXCLUDE } = Object.assign(factory, { default: factory, DEFAULT_INCLUDE, DEFAULT_EXCLUDE });

export = memoscope;
