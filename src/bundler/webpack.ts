import type { WebpackPluginInstance } from "webpack";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, unplugin, type BundlerOptions } from "./index";

/**
 * `memoscope/webpack`: memoscope's plugin for webpack. `webpack.config.js`: `plugins: [memoscope()]`.
 * The module itself is the factory (`import memoscope from "memoscope/webpack"` and
 * `require("memoscope/webpack")` both give it); `.default` is the same function, for transpiled interop.
 */
const factory = unplugin.webpack as (options?: BundlerOptions) => WebpackPluginInstance;

/** The webpack plugin factory, with the default filters attached for configs that extend them. */
const memoscope: typeof factory & { default: typeof factory; DEFAULT_INCLUDE: typeof DEFAULT_INCLUDE; DEFAULT_EXCLUDE: typeof DEFAULT_EXCLUDE } = Object.assign(factory, { default: factory, DEFAULT_INCLUDE, DEFAULT_EXCLUDE });

export = memoscope;
