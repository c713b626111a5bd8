import path = require("node:path");
import type { Framework } from "./notify";

/**
 * What the bundler plugins tell apart by a module's id or path, on every bundler (the unplugin
 * wiring and esbuild's own alike).
 */

/** memoscope's own files (this package's dist/): never transformed, never reported, even when linked outside node_modules. */
export const OWN_FILES = new RegExp(`^${path.resolve(__dirname, "..").replace(/[\\^$*+?.()|[\]{}]/g, "\\$&")}[\\\\/]`);

/** Rollup/Vite virtual modules (`\0` prefix): not files. */
export const VIRTUAL = /^\0/;

/** The tag itself (not a misspelling): what makes a skipped file worth a warning. */
export const THE_TAG = /@memoize\b/;

/** A module id without Vite's `?query` / `#hash`. */
export function fileOf(id: string): string {
  return id.replace(/[?#].*$/, "");
}

/** The files of webpack or Rspack modules: their resources, without a query (modules with none, such as externals, skipped). */
export function resourceFiles(modules: Iterable<{ resource?: string }>): string[] {
  const files: string[] = [];
  for (const module of modules) if (module.resource) files.push(fileOf(module.resource));
  return files;
}

/** The file a `?lang.ts`-style query says it is (Vue/Svelte blocks), else the id's own path. */
export function languageFile(id: string): string {
  const file = fileOf(id);
  const lang = /[?&]lang\.([cm]?[jt]sx?)(?:&|$)/.exec(id);
  return lang ? `${file}.${lang[1]}` : file;
}

/** Rollup and Vite bundle ES modules; webpack, Rspack and esbuild also bundle CommonJS, so an import-less `.js` there is a script. */
export function sourceTypeOf(framework: Framework, file: string): "module" | "script" | "unambiguous" {
  if (/\.c[jt]s$/.test(file)) return "script";
  if (/\.m[jt]s$/.test(file)) return "module";
  return framework === "webpack" || framework === "rspack" || framework === "esbuild" ? "unambiguous" : "module";
}
