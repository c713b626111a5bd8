import fs from "node:fs";
import path from "node:path";
import type * as TS from "typescript";
import { MemoscopeError, validateOptions, verifyRate } from "../core";
import memoscopeTs = require("./index");

/**
 * memoscope's TypeScript transformer as a ts-jest AST transformer, for projects that run ts-jest on plain
 * `typescript` (no ts-patch): `astTransformers: { before: ["memoscope/ts-jest"] }` or
 * `{ before: [{ path: "memoscope/ts-jest", options: { report: ".memoscope/report.json" } }] }`.
 * ts-jest wants a module exporting `name`, `version` (part of its cache key) and `factory(tsCompiler,
 * options)`; the options are the plugin's, validated the same way. Build errors fail the test file's
 * transform with file, line, column and code frame (ts-jest has no channel for a transformer's diagnostics).
 */

/** The part of ts-jest's `TsCompiler` this adapter reads. */
interface TsJestCompiler {
  configSet: { compilerModule: typeof TS; cwd?: string };
  program?: TS.Program;
  /** Private in ts-jest; its program is the current one (ts-jest's `program` is set once, when the service starts). */
  _languageService?: TS.LanguageService;
}

/** Transformer name, for ts-jest's cache key and messages. */
export const name = "memoscope";

/** memoscope's version: ts-jest keys its transform cache on it, so upgrading memoscope recompiles. */
export const version: string = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version;

/** Makes the `before` transformer for one ts-jest compilation. */
export function factory(compiler: TsJestCompiler, options?: Record<string, unknown>): TS.TransformerFactory<TS.SourceFile> {
  const ts = compiler?.configSet?.compilerModule;
  if (!ts) throw new Error("[memoscope] memoscope/ts-jest is a ts-jest AST transformer: list it in the ts-jest options as astTransformers: { before: [\"memoscope/ts-jest\"] }.");
  const program = compiler._languageService?.getProgram() ?? compiler.program;
  if (!program) throw new Error("[memoscope] memoscope/ts-jest needs the program ts-jest compiles with; ts-jest handed none.");
  try {
    // here too: memoscopeTs reports bad options once per program, and ts-jest reuses programs (MEMOSCOPE_VERIFY included)
    verifyRate(validateOptions(options, "ts").verify);
  } catch (err) {
    if (err instanceof MemoscopeError) throw new Error(`[memoscope] memoscope/ts-jest options: ${err.message}`);
    throw err;
  }
  const errors: TS.Diagnostic[] = [];
  const inner = memoscopeTs(program, options ?? {}, { ts, addDiagnostic: (diagnostic) => errors.push(diagnostic) });
  return (context) => {
    const transform = inner(context);
    return (sourceFile) => {
      errors.length = 0;
      const result = transform(sourceFile);
      if (errors.length > 0) {
        const host: TS.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => compiler.configSet.cwd ?? process.cwd(), getNewLine: () => "\n" };
        // With context (the code frame) always; colours only on a terminal, so CI logs stay plain.
        const text = ts.formatDiagnosticsWithColorAndContext(errors, host);
        throw new Error(`[memoscope]\n${process.stderr.isTTY ? text : text.replace(/\x1b\[[0-9;]*m/g, "")}`);
      }
      return result;
    };
  };
}
