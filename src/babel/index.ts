import type { NodePath, PluginObj, types as t } from "@babel/core";
import path = require("node:path");
import { BUNDLER_CALLER, FindingPrinter, MemoscopeError, findMemoizedRecord, flushReports, sortByPosition, validateOptions, verifyData, verifyRate, type Diagnostic, type FileReport, type PluginOptions, type PrintableFinding } from "../core";
import { emitExpression, emitHomes, emitInline, placeProgramStatements, type EmitContext } from "./emit";
import { planTags, type Planned } from "./plan-tags";
import { buildError, printFindings, withoutBom, type BabelFile } from "./report-error";
import { analyzeFile, buildRoot, writeFileReport } from "./report";
import { uidGenerator } from "./uid";

/**
 * memoscope's Babel plugin: `plugins: [["memoscope/babel", { report: false }]]`. Uses only the `api`
 * Babel hands it, so it loads under Babel 7 and 8 alike. The steps: find tagged targets, plan each with
 * the core, check everything before touching the AST (so an error leaves nothing half-rewritten),
 * then emit.
 */

interface BabelApi {
  types: typeof t;
  assertVersion(range: number | string): void;
  caller?(read: (caller: { name?: string } | undefined) => unknown): unknown;
}

/** One target, checked and planned, ready to emit. */
function memoscopeBabel(api: BabelApi, rawOptions: unknown): PluginObj {
  api.assertVersion("^7.0.0 || ^8.0.0");
  let options: PluginOptions;
  try {
    options = validateOptions(rawOptions, "babel");
  } catch (err) {
    if (err instanceof MemoscopeError) throw new Error(`[memoscope] ${err.message}`);
    throw err;
  }
  // Under a bundler plugin the bundler reports findings (its warning API), so they are collected, not printed.
  const collect = api.caller?.((caller) => caller?.name) === BUNDLER_CALLER;
  // One printer per plugin instance: build tools reuse the instance for a whole build (and watch rebuilds).
  const printer = new FindingPrinter();
  return {
    name: "memoscope",
    visitor: {
      Program(program, state) {
        if (collect) (state.file.metadata as { memoscopeWarnings?: Diagnostic[] }).memoscopeWarnings = [];
        transformProgram(api.types, program, state.file as BabelFile, options, printer);
      },
    },
  };
}

/** Plans every tagged target of a file; throws the first build error (by position), returns the plan and the tag warnings. */
function planFile(program: NodePath<t.Program>, file: BabelFile): { planned: Planned[]; warnings: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const planned = planTags(program, file.ast, diagnostics);
  withoutBom(file.code, diagnostics);
  // Babel stops at one error: the first in the file, the one the TypeScript path lists first.
  const firstError = sortByPosition(diagnostics).find((d) => d.severity === "error");
  if (firstError) throw buildError(file, firstError);
  return { planned, warnings: diagnostics };
}

/** The whole per-file job: plan, analyse (on the original AST), rewrite, record, print. A file without a tag is left exactly as it was. */
function transformProgram(types: typeof t, program: NodePath<t.Program>, file: BabelFile, options: PluginOptions, printer: FindingPrinter): void {
  const { planned, warnings } = planFile(program, file);
  const print = (findings: readonly PrintableFinding[]) => {
    if (findings.length > 0) printFindings(printer, file, buildRoot(file, options), findings);
  };
  let analysis: ReturnType<typeof analyzeFile>;
  try {
    analysis = analyzeFile(program, file, options, new Map(planned.map((p) => [p.fn.node, p.options])));
  } catch (err) {
    print(warnings); // `strict` made a finding an error; the tag warnings still count.
    throw err;
  }
  if (planned.length > 0) addVerify(file, options, planned, analysis.report);
  if (planned.length > 0) rewrite(types, program, options, planned);
  writeFileReport(file, options, analysis.report, analysis.summary);
  print([...warnings, ...analysis.findings]);
}

/** With `verify` on (option or MEMOSCOPE_VERIFY), each spec carries the function's place and capture report for the runtime check. */
function addVerify(file: BabelFile, options: PluginOptions, planned: Planned[], report: FileReport | undefined): void {
  let rate: number | false;
  try {
    rate = verifyRate(options.verify);
  } catch (err) {
    if (err instanceof MemoscopeError) throw new Error(`[memoscope] ${err.message}`);
    throw err;
  }
  if (rate === false) return;
  const filename = (file.opts as { filename?: string | null }).filename;
  const relative = filename ? path.relative(buildRoot(file, options), filename) : "unknown file";
  for (const p of planned) {
    const { line, column } = p.fn.node.loc?.start ?? { line: 0, column: 0 };
    const record = findMemoizedRecord(report?.closures, line, column);
    p.plan = { ...p.plan, spec: { ...p.plan.spec, verify: verifyData(rate, "a memoized function", relative, line, column, record, options.strict) } };
  }
}

/** Emits every planned rewrite, then the preamble. */
function rewrite(types: typeof t, program: NodePath<t.Program>, options: PluginOptions, planned: Planned[]): void {
  const uid = uidGenerator(types);
  const ctx: EmitContext = {
    t: types,
    program,
    uid,
    runtime: uid(program.scope, "memoscope"),
    miss: undefined,
    moduleStores: [],
    programInserts: { top: [], before: new Map(), after: new Map() },
    homes: new Map(),
  };
  // Innermost first: an outer rewrite then carries already-rewritten inner functions along.
  planned.sort((a, b) => (b.fn.node.start ?? 0) - (a.fn.node.start ?? 0));
  for (const { fn, plan } of planned) {
    if (plan.form === "expression") emitExpression(ctx, fn as NodePath<t.ArrowFunctionExpression | t.FunctionExpression>, plan.spec);
    else emitInline(ctx, fn as Parameters<typeof emitInline>[1], plan.spec, plan.variadic);
  }
  emitHomes(ctx);
  placeProgramStatements(ctx);
  insertPreamble(types, program, ctx, options.runtime);
}

/** Adds the runtime import (or `require` in a script) at the top; the module-level stores are in place already. */
function insertPreamble(types: typeof t, program: NodePath<t.Program>, ctx: EmitContext, runtime: string): void {
  const source = types.stringLiteral(runtime);
  const load =
    program.node.sourceType === "module"
      ? types.importDeclaration([types.importNamespaceSpecifier(ctx.runtime)], source)
      : types.variableDeclaration("const", [types.variableDeclarator(ctx.runtime, types.callExpression(types.identifier("require"), [source]))]);
  const miss = ctx.miss && types.variableDeclaration("const", [types.variableDeclarator(ctx.miss, types.memberExpression(types.cloneNode(ctx.runtime), types.identifier("MISS")))]);
  program.unshiftContainer("body", miss ? [load, miss] : [load]);
}

/** Does nothing: each file's part is written to the store when its transform is done. Kept so existing calls keep working. */
memoscopeBabel.flushReports = flushReports;

export = memoscopeBabel;
