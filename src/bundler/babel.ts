import { createRequire } from "node:module";
import path = require("node:path");
// Deep imports, not the core's index: a build process loads only what the plugin needs before a tag is seen.
import type { Diagnostic } from "../core/diagnostics";
import { BUNDLER_CALLER, type PluginOptions } from "../core/options";
import type { FileReport } from "../core/report/model";

/**
 * Runs memoscope's Babel plugin over one tagged file for a bundler: only the syntax plugins needed to
 * parse TypeScript and JSX, no preset, no config file, so TypeScript stays TypeScript for the next
 * plugin. @babel/core (a peer dependency) is loaded on the first tagged file only, so a build without
 * a tag never loads it.
 */

/** What became of a file. */
export interface Outcome {
  /** The rewritten code and its source map; undefined when nothing was memoized (keep the input). */
  code?: string;
  map?: unknown;
  /** Warnings the Babel plugin gathered (tag warnings and findings), in source order. */
  warnings: Diagnostic[];
}

/** A build error from Babel (syntax) or memoscope (MS0xx), with its position and code frame split out. */
export class BundlerBuildError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly loc: { line: number; column: number } | undefined,
    readonly frame: string | undefined,
  ) {
    super(message);
    this.name = "MemoscopeBuildError";
  }
}

interface BabelCore {
  transformAsync(code: string, options: object): Promise<{ code?: string | null; map?: unknown; metadata?: object } | null>;
}

let babel: BabelCore | undefined;
/** The memoscope Babel plugin of this very package (dist/babel), loaded by path so the front ends stay independent. */
const BABEL_PLUGIN = path.join(__dirname, "..", "babel", "index.js");

function loadBabel(): BabelCore {
  if (babel) return babel;
  try {
    babel = require("@babel/core") as BabelCore;
  } catch {
    throw new Error("[memoscope] the bundler plugins run memoscope's Babel plugin on tagged files and need @babel/core: npm install -D @babel/core");
  }
  return babel;
}

/** Babel's code frame for a position (used for warnings; errors come framed by Babel). */
export function codeFrame(code: string, at: { line: number; column: number }): string | undefined {
  try {
    const requireFromBabel = createRequire(require.resolve("@babel/core"));
    const { codeFrameColumns } = requireFromBabel("@babel/code-frame") as { codeFrameColumns(code: string, loc: object, options?: object): string };
    return codeFrameColumns(code, { start: { line: at.line, column: at.column + 1 } });
  } catch {
    return undefined;
  }
}

/** The parser plugins for a file: TypeScript for .ts-like files, JSX where it may appear, decorators everywhere. */
export function parserPlugins(file: string): unknown[] {
  const ext = path.extname(file);
  const ts = /^\.[cm]?ts$/.test(ext);
  const tsx = ext === ".tsx";
  return [...(ts || tsx ? [["typescript", { dts: false }]] : []), ...(ts ? [] : ["jsx"]), "decorators-legacy"];
}

/** Splits Babel's "file: message (l:c)\n\n frame" into its parts. */
function fromBabelError(err: Error & { loc?: { line: number; column: number }; memoscope?: Diagnostic; code?: string }, file: string): BundlerBuildError {
  let text = err.message;
  if (text.startsWith(`${file}: `)) text = text.slice(file.length + 2);
  const newline = text.indexOf("\n");
  const code = err.memoscope?.code ?? err.code;
  // memoscope's own messages start with their code, which the bundler message carries separately.
  const message = (newline < 0 ? text : text.slice(0, newline)).replace(/\s*\(\d+:\d+\)$/, "").replace(code && /^MS\d+$/.test(code) ? `${code}: ` : "\0", "");
  const frame = newline < 0 ? undefined : text.slice(newline + 1).replace(/^\n+/, "") || undefined;
  return new BundlerBuildError(message, code, err.loc, frame);
}

/** Transforms one file; throws a BundlerBuildError for a build error (syntax, MS0xx, strict findings). */
export async function runBabel(code: string, file: string, options: PluginOptions, root: string, sourceType: "module" | "script" | "unambiguous"): Promise<Outcome> {
  const core = loadBabel();
  let result: Awaited<ReturnType<BabelCore["transformAsync"]>>;
  try {
    result = await core.transformAsync(code, {
      filename: file,
      cwd: root,
      root,
      configFile: false,
      babelrc: false,
      browserslistConfigFile: false,
      sourceType,
      sourceMaps: true,
      compact: false,
      caller: { name: BUNDLER_CALLER, supportsStaticESM: true, supportsDynamicImport: true, supportsTopLevelAwait: true },
      parserOpts: { plugins: parserPlugins(file) },
      plugins: [[BABEL_PLUGIN, options]],
    });
  } catch (err) {
    if (err instanceof Error) throw fromBabelError(err, file);
    throw err;
  }
  const metadata = (result?.metadata ?? {}) as { memoscope?: FileReport; memoscopeWarnings?: Diagnostic[] };
  const warnings = metadata.memoscopeWarnings ?? [];
  const rewritten = metadata.memoscope?.closures.some((closure) => closure.memoized !== null) ?? false;
  if (!rewritten || !result?.code) return { warnings };
  return { code: result.code, map: result.map, warnings };
}
