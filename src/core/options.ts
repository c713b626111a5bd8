import { Codes, MemoscopeError, error } from "./diagnostics";
import { didYouMean } from "./suggest";
import { parseVerify } from "./verify";

/**
 * Plugin options, declared once and validated the same way by both front ends
 * (Babel plugin options, tsconfig `plugins` entry).
 */
export interface PluginOptions {
  /** The report store folder relative to the build root (a `.json` path: the merged report file, the store its folder), or `false` for none. */
  report: string | false;
  /** Turn report warnings (MS101–MS104) on memoized functions into build errors. */
  strict: boolean;
  /** Module specifier the generated code imports the runtime from. */
  runtime: string;
  /** Root that report paths are relative to; defaults to the host's root (Babel `root`, tsconfig folder). */
  root: string | undefined;
  /** Development check of cache hits: the fraction of hits rechecked, in (0, 1], or false (see core/verify.ts; `MEMOSCOPE_VERIFY` wins). */
  verify: number | false;
}

/** Defaults, and the list of valid option names. */
export const DEFAULT_OPTIONS: PluginOptions = {
  report: ".memoscope",
  strict: false,
  runtime: "memoscope/runtime",
  root: undefined,
  verify: false,
};

/** Babel `caller.name` of memoscope's bundler plugin: the Babel plugin then collects warnings in `file.metadata.memoscopeWarnings` instead of printing them. */
export const BUNDLER_CALLER = "memoscope-bundler";

/** Keys a host adds to the options object itself (ts-patch's `transform`, etc.), not the user's. */
const HOST_KEYS = new Set(["transform", "import", "type", "after", "afterDeclarations", "transformProgram", "resolvePathAliases", "isEsm", "name"]);

/** Validates user options; throws a MemoscopeError naming the option and the fix. */
export function validateOptions(raw: unknown, host: "babel" | "ts" = "babel"): PluginOptions {
  if (raw === undefined || raw === null) return { ...DEFAULT_OPTIONS };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new MemoscopeError(error(Codes.badPluginOption, `memoscope options must be an object, got ${Array.isArray(raw) ? "an array" : typeof raw}.`));
  }
  const valid = Object.keys(DEFAULT_OPTIONS);
  const options = { ...DEFAULT_OPTIONS };
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (host === "ts" && HOST_KEYS.has(name)) continue;
    const fail = (message: string): never => {
      throw new MemoscopeError(error(Codes.badPluginOption, message));
    };
    switch (name) {
      case "report":
        if (value !== false && (typeof value !== "string" || value === "")) fail(`memoscope option \`report\` must be a path (the store folder, or a .json report file) or false, got ${JSON.stringify(value)}.`);
        options.report = value as string | false;
        break;
      case "strict":
        if (typeof value !== "boolean") fail(`memoscope option \`strict\` must be true or false, got ${JSON.stringify(value)}.`);
        options.strict = value as boolean;
        break;
      case "runtime":
        if (typeof value !== "string" || value === "") fail(`memoscope option \`runtime\` must be a module specifier, got ${JSON.stringify(value)}.`);
        options.runtime = value as string;
        break;
      case "root":
        if (typeof value !== "string" || value === "") fail(`memoscope option \`root\` must be a directory path, got ${JSON.stringify(value)}.`);
        options.root = value as string;
        break;
      case "verify": {
        const rate = parseVerify(typeof value === "string" ? undefined : value);
        if (rate === undefined) fail(`memoscope option \`verify\` must be a fraction of cache hits in (0, 1] (e.g. 0.1), true for every hit, or false, got ${JSON.stringify(value)}.`);
        options.verify = rate as number | false;
        break;
      }
      default:
        fail(`Unknown memoscope option \`${name}\`.${didYouMean(name, valid)} Valid options: ${valid.join(", ")}.`);
    }
  }
  return options;
}
