import fs = require("node:fs");
import { fileOf, OWN_FILES } from "./files";
import { DEFAULT_EXCLUDE } from "./options";

/**
 * webpack and Rspack cannot test a module's text before running a loader on it, and a JS loader per
 * module is what costs there (Rspack hands every module's source across to JavaScript). So for them
 * the plugin decides when the loader is attached (unplugin's `transformInclude`, called before its id
 * filter): ids the RegExp patterns already rule out are rejected unread, and the rest are read and
 * checked for the tag hint — a file read instead of a loader run for every untagged module. Only in
 * one-off production builds (`gate()`): in watch mode webpack keeps a module's loaders across rebuilds,
 * so a tag added while watching would go unseen. Both bundlers ask once per import of a module, not
 * once per module (a module imported from 70 places is asked about 70 times), so each file is read
 * once per build (`build()` numbers the builds) and the answer kept.
 */

/** A `transformInclude` that attaches the loader only to files whose text matches `hint`; globs are left to the hook filter. */
export function taggedFilesOnly(include: ReadonlyArray<string | RegExp>, exclude: ReadonlyArray<string | RegExp>, hint: RegExp | undefined, gate: () => boolean, build: () => number): (id: string) => boolean {
  const includes = include.every((p) => p instanceof RegExp) ? (include as RegExp[]) : undefined;
  const excludes = exclude.filter((p): p is RegExp => p instanceof RegExp);
  const test = (pattern: RegExp, id: string) => {
    pattern.lastIndex = 0;
    return pattern.test(id.replace(/\\/g, "/"));
  };
  const answers = new Map<string, boolean>();
  let answered = -1;
  const tagged = (file: string): boolean => {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return true; // not a plain file: the loader's own filter decides
    }
    hint!.lastIndex = 0;
    return hint!.test(text);
  };
  const decide = (id: string): boolean => {
    if (excludes.some((p) => test(p, id))) return false;
    if (includes && !includes.some((p) => test(p, id))) return false;
    return tagged(fileOf(id));
  };
  return (id) => {
    if (!hint || !gate()) return !excludes.some((p) => test(p, id)) && (!includes || includes.some((p) => test(p, id)));
    if (answered !== build()) {
      answers.clear();
      answered = build();
    }
    let answer = answers.get(id);
    if (answer === undefined) answers.set(id, (answer = decide(id)));
    return answer;
  };
}

interface RuleHost {
  options: { module: { rules: unknown[] } };
}

/** A rule as memoscope adjusts it. */
export interface TransformRule {
  enforce?: string;
  use?: unknown;
  exclude?: unknown[];
}

/**
 * The rule unplugin has just added for a plugin's transform: webpack and Rspack call the plugin's
 * own hook right after adding it, first in the list.
 */
export function transformRule(compiler: RuleHost): TransformRule | undefined {
  const rule = compiler.options.module.rules[0] as TransformRule | undefined;
  return rule && rule.enforce === "pre" && typeof rule.use === "function" && rule.exclude === undefined ? rule : undefined;
}

/**
 * Gives that rule `exclude` conditions the bundler tests itself: without them every module of every
 * package is handed to the rule's `use` function — in Rspack a call from Rust into JavaScript each —
 * only to be turned down there. Only patterns that mean the same on a resource path as on the module
 * id (no `$` anchor a `?query` could defeat).
 */
export function excludeNatively(rule: TransformRule | undefined, patterns: readonly RegExp[]): void {
  if (rule) rule.exclude = [...(rule.exclude ?? []), ...patterns];
}

/** The exclude patterns webpack and Rspack may test themselves: memoscope's own files, and the default exclude where it applies. */
export function nativeExcludes(exclude: ReadonlyArray<string | RegExp>): RegExp[] {
  return [OWN_FILES, ...DEFAULT_EXCLUDE.filter((p) => exclude.includes(p))];
}
