import type { Plugin } from "rollup";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, unplugin, type BundlerOptions } from "./index";

/**
 * `memoscope/rollup`: memoscope's plugin for Rollup. `rollup.config.mjs`: `plugins: [memoscope()]`.
 * The module itself is the factory (`import memoscope from "memoscope/rollup"` and
 * `require("memoscope/rollup")` both give it); `.default` is the same function, for transpiled interop.
 */
const factory = unplugin.rollup as (options?: BundlerOptions) => Plugin | Plugin[];

/** The Rollup plugin factory, with the default filters attached for configs that extend them. */
const memoscope: typeof factory & { default: typeof factory; DEFAULT_INCLUDE: typeof DEFAULT_INCLUDE; DEFAULT_EXCLUDE: typeof DEFAULT_EXCLUDE } = Object.assign(factory, { default: factory, DEFAULT_INCLUDE, DEFAULT_EXCLUDE });

export = memoscope;
