import { Codes, MemoscopeError, error } from "../core/diagnostics";
import { DEFAULT_OPTIONS, validateOptions, type PluginOptions } from "../core/options";
import { didYouMean } from "../core/suggest";

/**
 * Options of the bundler plugins: the Babel plugin's (validated by the core, the same way), plus which
 * files to transform. An unknown or misspelled name fails with a suggestion drawn from both lists.
 */

/** A file pattern as bundlers take them: a RegExp tested against the module id, or a picomatch glob (relative to the cwd). */
export type FilterPattern = string | RegExp | ReadonlyArray<string | RegExp>;

/** What `memoscope()` accepts in a bundler config. */
export interface BundlerOptions extends Partial<PluginOptions> {
  /** Module ids to transform. Default: `DEFAULT_INCLUDE` (.ts .tsx .mts .cts .js .jsx .mjs .cjs, with or without a `?query`). */
  include?: FilterPattern;
  /** Module ids never to transform, applied after `include`. Default: `DEFAULT_EXCLUDE` (anything under node_modules). */
  exclude?: FilterPattern;
  /** Analyse every included file for the report, not only those whose text mentions the tag (parses every file: slower). */
  reportAll?: boolean;
}

/** The options after validation, with defaults filled in. */
export interface ResolvedOptions {
  /** The Babel plugin's options, as the core validated them. */
  plugin: PluginOptions;
  include: Array<string | RegExp>;
  exclude: Array<string | RegExp>;
  reportAll: boolean;
  /** `exclude` was left at its default: node_modules can be skipped before a file is read. */
  defaultExclude: boolean;
}

/** Scripts and modules in TypeScript or JavaScript, JSX included; a `?query` (Vite) may follow. */
export const DEFAULT_INCLUDE: readonly RegExp[] = [/\.[cm]?[jt]sx?(?:$|\?)/];

/** Installed packages: compiled by their authors, and memoscope's own files among them. */
export const DEFAULT_EXCLUDE: readonly RegExp[] = [/[\\/]node_modules[\\/]/];

const OWN_OPTIONS = ["include", "exclude", "reportAll"] as const;

function fail(message: string): never {
  throw new MemoscopeError(error(Codes.badPluginOption, message));
}

function patterns(name: string, value: unknown): Array<string | RegExp> {
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (!(item instanceof RegExp) && (typeof item !== "string" || item === "")) {
      fail(`memoscope option \`${name}\` must be a RegExp, a glob string or an array of them, got ${item instanceof Object ? Object.prototype.toString.call(item) : JSON.stringify(item)}.`);
    }
  }
  return list as Array<string | RegExp>;
}

/** Validates bundler plugin options; throws a MemoscopeError naming the option and the fix (with "did you mean"). */
export function resolveOptions(raw: unknown): ResolvedOptions {
  if (raw !== undefined && raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    fail(`memoscope options must be an object, got ${Array.isArray(raw) ? "an array" : typeof raw}.`);
  }
  const given = (raw ?? {}) as Record<string, unknown>;
  const valid = [...Object.keys(DEFAULT_OPTIONS), ...OWN_OPTIONS];
  const forCore: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    if ((OWN_OPTIONS as readonly string[]).includes(name)) continue;
    if (!(name in DEFAULT_OPTIONS)) fail(`Unknown memoscope option \`${name}\`.${didYouMean(name, valid)} Valid options: ${valid.join(", ")}.`);
    if (value !== undefined) forCore[name] = value;
  }
  if (given.reportAll !== undefined && typeof given.reportAll !== "boolean") fail(`memoscope option \`reportAll\` must be true or false, got ${JSON.stringify(given.reportAll)}.`);
  return {
    plugin: validateOptions(forCore, "babel"),
    include: given.include === undefined ? [...DEFAULT_INCLUDE] : patterns("include", given.include),
    exclude: given.exclude === undefined ? [...DEFAULT_EXCLUDE] : patterns("exclude", given.exclude),
    reportAll: given.reportAll === true,
    defaultExclude: given.exclude === undefined,
  };
}

/** Whether the user gave `include` or `exclude` (so a tagged file may be skipped, and the scanned paths, built for the defaults, do not apply). */
export function filtersGiven(raw: BundlerOptions | undefined): boolean {
  return raw?.include !== undefined || raw?.exclude !== undefined;
}

/** `resolveOptions` as a bundler config shows its failure: a plain Error whose message starts with `[memoscope]`. */
export function resolveBundlerOptions(raw: unknown): ResolvedOptions {
  try {
    return resolveOptions(raw);
  } catch (err) {
    if (err instanceof MemoscopeError) throw new Error(`[memoscope] ${err.message}`);
    throw err;
  }
}
