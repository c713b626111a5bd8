import type { Plugin } from "esbuild";
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, unplugin, type BundlerOptions } from "./index";

/**
 * `memoscope/esbuild`: memoscope's plugin for esbuild. `esbuild.build({ plugins: [memoscope()] })`.
 * The module itself is the factory (`import memoscope from "memoscope/esbuild"` and
 * `require("memoscope/esbuild")` both give it); `.default` is the same function, for transpiled interop.
 */
const factory = unplugin.esbuild as (options?: BundlerOptions) => Plugin;

/** The esbuild plugin factory, with the default filters attached for configs that extend them. */
const memoscope: typeof factory & { default: typeof factory; DEFAULT_INCLUDE: typeof DEFAULT_INCLUDE; DEFAULT_EXCLUDE: typeof DEFAULT_EXCLUDE } = Object.assign(factory, { default: factory, DEFAULT_INCLUDE, DEFAULT_EXCLUDE });

export = memoscope;
