// Through unplugin: vite's own types need `moduleResolution: "bundler"`, which this package does not build with.
import type { VitePlugin as Plugin } from "unplugin";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, unplugin, type BundlerOptions } from "./index";

/**
 * `memoscope/vite`: memoscope's plugin for Vite (and Vitest). `vite.config.ts`: `plugins: [memoscope()]`.
 * The module itself is the factory (`import memoscope from "memoscope/vite"` and
 * `require("memoscope/vite")` both give it); `.default` is the same function, for transpiled interop.
 */
const factory = unplugin.vite as (options?: BundlerOptions) => Plugin | Plugin[];

/** The Vite (and Vitest) plugin factory, with the default filters attached for configs that extend them. */
const memoscope: typeof factory & { default: typeof factory; DEFAULT_INCLUDE: typeof DEFAULT_INCLUDE; DEFAULT_EXCLUDE: typeof DEFAULT_EXCLUDE } = Object.assign(factory, { default: factory, DEFAULT_INCLUDE, DEFAULT_EXCLUDE });

export = memoscope;
