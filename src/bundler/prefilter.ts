import * as fs from "node:fs";

/**
 * webpack and Rspack cannot test a module's text before running a loader on it, and a JS loader per
 * module is what costs there (Rspack hands every module's source across to JavaScript). So for them
 * the plugin decides when the loader is attached (unplugin's `transformInclude`, called before its id
 * filter): ids the RegExp patterns already rule out are rejected unread, and the rest are read and
 * checked for the tag hint — a file read instead of a loader run for every untagged module. Only in
 * one-off production builds (`gate()`): in watch mode webpack keeps a module's loaders across rebuilds,
 * so a tag added while watching would go unseen.
 */

/** The id without a `?query`. */
function fileOf(id: string): string {
  return id.replace(/[?#].*$/, "");
}

/** A `transformInclude` that attaches the loader only to files whose text matches `hint`; globs are left to the hook filter. */
export function taggedFilesOnly(include: ReadonlyArray<string | RegExp>, exclude: ReadonlyArray<string | RegExp>, hint: RegExp | undefined, gate: () => boolean): (id: string) => boolean {
  const includes = include.every((p) => p instanceof RegExp) ? (include as RegExp[]) : undefined;
  const excludes = exclude.filter((p): p is RegExp => p instanceof RegExp);
  const test = (pattern: RegExp, id: string) => {
    pattern.lastIndex = 0;
    return pattern.test(id.replace(/\\/g, "/"));
  };
  return (id) => {
    if (excludes.some((p) => test(p, id))) return false;
    if (includes && !includes.some((p) => test(p, id))) return false;
    if (!hint || !gate()) return true;
    let text: string;
    try {
      text = fs.readFileSync(fileOf(id), "utf8");
    } catch {
      return true; // not a plain file: the loader's own filter decides
    }
    hint.lastIndex = 0;
    return hint.test(text);
  };
}
