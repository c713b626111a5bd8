import path from "node:path";
import type * as TS from "typescript";
import { ROOT, type Fixture } from "./fixtures";

/** ts-patch's patched TypeScript, as ts-jest and ts-node take it (`compiler: "ts-patch/compiler"`). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts: typeof TS = require("ts-patch/compiler");

const transform = path.join(ROOT, "dist", "ts", "index.js");

/** A memoscope build error as the TypeScript path reports it. */
export interface TsBuildError {
  code: string;
  message: string;
  line: number;
  column: number;
}

export interface TsCompileResult {
  code: string;
  /** Declaration output, when asked for. */
  declaration?: string;
  stderr: string;
  diagnostics: readonly TS.Diagnostic[];
  /** Error diagnostics, flattened, with Babel-style positions (line 1-based, column 0-based). */
  errors: TsBuildError[];
}

/** Lib files parsed once per process: every fixture program shares them. */
const libCache = new Map<string, TS.SourceFile | undefined>();

function compilerOptions(module: "commonjs" | "esm", extra: TS.CompilerOptions): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: module === "commonjs" ? ts.ModuleKind.CommonJS : ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    strict: true,
    skipLibCheck: true,
    allowJs: true,
    jsx: ts.JsxEmit.Preserve,
    types: [],
    outDir: "/memoscope-virtual-out",
    noEmitOnError: false,
    ...extra,
  };
}

/**
 * Compiles one file through `ts-patch/compiler` with memoscope's transformer from the `plugins` entry
 * (`pluginOptions: false` leaves the plugin out), emitting to memory. Captures what it prints to stderr.
 */
export function compileFileWithTs(
  fileName: string,
  pluginOptions: Record<string, unknown> | false,
  { module = "commonjs", declaration = false, source, compilerOptions: extra = {} }: { module?: "commonjs" | "esm"; declaration?: boolean; source?: string; compilerOptions?: TS.CompilerOptions } = {},
): TsCompileResult {
  const options = compilerOptions(module, {
    ...extra,
    declaration,
    plugins: pluginOptions === false ? [] : ([{ transform, ...pluginOptions }] as unknown as TS.PluginImport[]),
  });
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (source !== undefined && path.resolve(name) === path.resolve(fileName)) return ts.createSourceFile(name, source, languageVersion, true);
    if (!name.includes(`${path.sep}typescript${path.sep}lib${path.sep}`)) return getSourceFile(name, languageVersion, onError, shouldCreate);
    if (!libCache.has(name)) libCache.set(name, getSourceFile(name, languageVersion, onError, shouldCreate));
    return libCache.get(name);
  };
  if (source !== undefined) {
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => path.resolve(name) === path.resolve(fileName) || fileExists(name);
  }
  const program = ts.createProgram([fileName], options, host);
  const outputs = new Map<string, string>();
  const writes: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
  let result: TS.EmitResult;
  try {
    result = program.emit(undefined, (name, text) => outputs.set(name, text));
  } finally {
    process.stderr.write = write;
  }
  const base = path.basename(fileName).replace(/\.[cm]?[jt]sx?$/, "");
  const pick = (test: (name: string) => boolean) => [...outputs].find(([name]) => path.basename(name).startsWith(`${base}.`) && test(name))?.[1];
  const errors = result.diagnostics
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
      return { code: /^(MS\d+)/.exec(message)?.[1] ?? `TS${d.code}`, message, line: position.line + 1, column: position.character };
    });
  return {
    code: pick((name) => /\.jsx?$/.test(name)) ?? "",
    declaration: pick((name) => name.endsWith(".d.ts")),
    stderr: writes.join(""),
    diagnostics: result.diagnostics,
    errors,
  };
}

/** Compiles a fixture through the TypeScript front end (`module: commonjs`, target ES2022). */
export function compileWithTs(fixture: Fixture, module: "commonjs" | "esm" = "commonjs"): TsCompileResult {
  return compileFileWithTs(fixture.inputFile, fixture.options, { module });
}

export { ts };
