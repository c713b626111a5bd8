import type * as TS from "typescript";
import path = require("node:path");
import { MemoscopeError, checkKeyBinding, findMemoizedRecord, planTarget, sortByPosition, toAbsolute, validateOptions, verifyData, verifyRate, type Diagnostic, type FileReport, type PluginOptions, type PrintableFinding, type TagOptions } from "../core";
import { emitExpression, emitHome, emitInline, type EmitContext, type EmitPlan, type ListEntry } from "./emit";
import { findTagged, positionOf } from "./find-targets";
import { classifyKeyBinding, findKeyBinding } from "./key-scope";
import { printFindings, toTsDiagnostic } from "./report-error";
import { analyzeFile, buildRoot, writeFileReport } from "./report";
import { withholdOutputs } from "./withhold";
import { babelStart, notAFunction, resolveTarget, unwrapExpression, type FunctionLike, type ResolvedTarget } from "./resolve-target";

/**
 * memoscope's TypeScript transformer, for ts-patch 3: `compilerOptions.plugins: [{ "transform":
 * "memoscope/ts" }]`, built with `tspc` or `ts-patch/compiler`. It uses the `ts` instance ts-patch hands
 * in. The steps are the Babel plugin's: find tagged targets, plan each with the core, check everything
 * before touching the tree (an error leaves nothing half-rewritten), then emit the same shapes.
 */

/** What ts-patch passes a program transformer (`TransformerExtras` in ts-patch's types). */
interface TransformerExtras {
  ts: typeof TS;
  addDiagnostic(diagnostic: TS.Diagnostic): number;
}

/** One target, checked and planned, ready to emit. */
interface Planned {
  fn: FunctionLike;
  options: TagOptions;
  form: "inline" | "expression";
  emit: EmitPlan;
}

/** Programs already told about bad plugin options (ts-patch calls the factory once per emit). */
const reportedOptions = new WeakSet<TS.Program>();

function memoscopeTs(program: TS.Program, config: unknown, extras: TransformerExtras): TS.TransformerFactory<TS.SourceFile> {
  if (!extras?.ts) throw new Error("[memoscope] memoscope/ts is a ts-patch program transformer: load it from compilerOptions.plugins ({ \"transform\": \"memoscope/ts\" }) and build with tspc or ts-patch/compiler.");
  const { ts } = extras;
  let options: PluginOptions;
  try {
    options = validateOptions(config, "ts");
    // MEMOSCOPE_VERIFY is read when the build starts; it wins over the option.
    options = { ...options, verify: verifyRate(options.verify) };
  } catch (err) {
    if (!(err instanceof MemoscopeError)) throw err;
    if (!reportedOptions.has(program)) {
      reportedOptions.add(program);
      extras.addDiagnostic(toTsDiagnostic(ts, undefined, err.diagnostic));
    }
    return () => (sourceFile) => sourceFile;
  }
  return (context) => (sourceFile) => transformFile(ts, program, context, sourceFile, options, extras);
}

/** Plans every tagged target of a file; reports build errors, sorted by position (and returns undefined), or returns the plan and the tag warnings. */
function planFile(ts: typeof TS, checker: TS.TypeChecker, sf: TS.SourceFile, extras: TransformerExtras): { planned: Planned[]; warnings: Diagnostic[] } | undefined {
  const diagnostics: Diagnostic[] = [];
  const lengths = new Map<Diagnostic, number>();
  const planned: Planned[] = [];
  const seen = new Set<TS.Node>();
  for (const tagged of findTagged(ts, sf, diagnostics)) {
    const { fn, facts, at } = tagged.opaque ? opaqueTarget() : resolveTarget(ts, checker, tagged.holder);
    const plan = planTarget(facts, tagged.options);
    if (!plan.ok) {
      const node = fn ?? at;
      const start = node ? babelStart(ts, sf, node) : tagged.holderStart;
      const diagnostic = { ...plan.diagnostic, at: positionOf(sf, start) };
      lengths.set(diagnostic, (node ?? tagged.holder).end - start);
      diagnostics.push(diagnostic);
      continue;
    }
    const key = tagged.options.key;
    if (key.kind === "function") {
      const { kind, what } = classifyKeyBinding(ts, checker, fn!, key.name);
      const keyError = checkKeyBinding(key.name, kind, what, toAbsolute(key.at, tagged.commentStart));
      if (keyError !== undefined) {
        lengths.set(keyError, key.name.length);
        diagnostics.push(keyError);
        continue;
      }
    }
    const binding = key.kind === "function" ? findKeyBinding(ts, checker, fn!, key.name) : undefined;
    if (seen.has(fn!)) continue;
    seen.add(fn!);
    planned.push({ fn: fn!, options: tagged.options, form: plan.form, emit: { spec: plan.spec, variadic: plan.variadic, key: binding } });
  }
  const errors = sortByPosition(diagnostics.filter((d) => d.severity === "error"));
  if (errors.length) {
    for (const d of errors) extras.addDiagnostic(toTsDiagnostic(ts, sf, d, lengths.get(d)));
    return undefined;
  }
  return { planned, warnings: diagnostics };
}

/** A tag on something Babel has a node for and TypeScript has not (a class body, a type annotation). */
function opaqueTarget(): ResolvedTarget {
  return notAFunction("value", "this code");
}

/** The whole per-file job. A file without a tag is returned as it came. */
function transformFile(ts: typeof TS, program: TS.Program, context: TS.TransformationContext, sf: TS.SourceFile, options: PluginOptions, extras: TransformerExtras): TS.SourceFile {
  if (sf.isDeclarationFile) return sf;
  const plan = planFile(ts, program.getTypeChecker(), sf, extras);
  if (plan === undefined) {
    withholdOutputs(context, sf); // a file with a build error emits nothing (see withhold.ts)
    return sf;
  }
  const { planned, warnings } = plan;
  const print = (findings: readonly PrintableFinding[]) => printFindings(program, sf, buildRoot(program, options), findings);
  // The report is taken from the original tree, before the rewrite; strict findings stop the file like build errors.
  const { report, summary, failed, findings } = analyzeFile(ts, sf, options, new Map(planned.map((p) => [p.fn, p.options])), (d) => extras.addDiagnostic(d), program);
  if (failed) {
    print(warnings);
    withholdOutputs(context, sf);
    return sf;
  }
  if (options.verify !== false) addVerify(ts, program, sf, options, options.verify, planned, report);
  const rewritten = planned.length === 0 ? sf : rewriteFile(ts, context, program.getTypeChecker(), sf, options, planned);
  writeFileReport(ts, program, sf, options, report, (d) => extras.addDiagnostic(d), summary);
  print([...warnings, ...findings]);
  return rewritten;
}

/** With `verify` on, each spec carries the function's place and capture report for the runtime check. */
function addVerify(ts: typeof TS, program: TS.Program, sf: TS.SourceFile, options: PluginOptions, rate: number, planned: Planned[], report: FileReport | undefined): void {
  const relative = path.relative(buildRoot(program, options), path.resolve(program.getCurrentDirectory(), sf.fileName));
  for (const p of planned) {
    const { line, column } = positionOf(sf, babelStart(ts, sf, p.fn));
    const record = findMemoizedRecord(report?.closures, line, column);
    p.emit = { ...p.emit, spec: { ...p.emit.spec, verify: verifyData(rate, "a memoized function", relative, line, column, record, options.strict) } };
  }
}

/** Emits every planned rewrite, then the preamble. */
function rewriteFile(ts: typeof TS, context: TS.TransformationContext, checker: TS.TypeChecker, sf: TS.SourceFile, options: PluginOptions, planned: Planned[]): TS.SourceFile {
  const used = new Set(sf.text.match(/[A-Za-z_$][\w$]*/g));
  // Where each base's last search ended: restarting at `_hit2` for every function made a file with N tags cost N² (issue 10).
  const next = new Map<string, number>();
  const uid = (base: string) => {
    let i = next.get(base) ?? 1;
    let name = i === 1 ? `_${base}` : `_${base}${i}`;
    while (used.has(name)) name = `_${base}${++i}`;
    next.set(base, i + 1);
    used.add(name);
    return name;
  };
  const c: EmitContext = {
    ts,
    factory: context.factory,
    context,
    checker,
    sf,
    runtime: uid("memoscope"),
    uid,
    moduleStores: [],
    listStores: new Map(),
    homes: new Map(),
    keyImports: new Map(),
  };
  const byNode = new Map<TS.Node, Planned>(planned.map((p) => [p.fn, p]));
  const visit = (node: TS.Node): TS.Node => {
    let result = ts.visitEachChild(node, visit, context);
    const target = byNode.get(node);
    if (target?.form === "expression") result = emitExpression(c, result as TS.ArrowFunction | TS.FunctionExpression, node, target.emit);
    else if (target) result = emitInline(c, result as FunctionLike, node as FunctionLike, target.emit);
    if (c.homes.has(node)) result = emitHome(c, result, node);
    if (c.listStores.has(node)) result = withStores(c, result as TS.Block, node);
    if (ts.isVariableDeclaration(node) && node.initializer && node.initializer !== unwrapExpression(ts, node.initializer) && byNode.get(unwrapExpression(ts, node.initializer))?.form === "inline") {
      result = bareInitializer(c, result as TS.VariableDeclaration, node.initializer);
    }
    return result;
  };
  const visited = ts.visitEachChild(sf, visit, context);
  return context.factory.updateSourceFile(visited, preamble(c, visited.statements, options.runtime));
}

/**
 * `const f = (<fn>) as T` with `<fn>` rewritten inline: the function without the parentheses and type
 * wrappers (no-ops at run time), as Babel has it, so TypeScript's CommonJS transform keeps the local
 * `const f` that names the function (it assigns a wrapped initializer straight to `exports.f`).
 */
function bareInitializer(c: EmitContext, declaration: TS.VariableDeclaration, original: TS.Expression): TS.VariableDeclaration {
  const fn = unwrapExpression(c.ts, declaration.initializer!) as TS.Expression;
  c.ts.setCommentRange(fn, { pos: original.pos, end: fn.end });
  return c.factory.updateVariableDeclaration(declaration, declaration.name, declaration.exclamationToken, declaration.type, fn);
}

/** A statement list with the declaration stores recorded for it inserted before their statements. */
function withStores<T extends TS.Block | TS.ModuleBlock | TS.CaseClause | TS.DefaultClause>(c: EmitContext, list: T, original: TS.Node): T {
  const statements = insertAt(list.statements, c.listStores.get(original)!);
  const f = c.factory;
  if (c.ts.isBlock(list)) return c.ts.setOriginalNode(c.ts.setTextRange(f.createBlock(statements, true), list), list) as T;
  if (c.ts.isModuleBlock(list)) return f.updateModuleBlock(list, statements) as T;
  if (c.ts.isCaseClause(list)) return f.updateCaseClause(list, list.expression, statements) as T;
  return f.updateDefaultClause(list as TS.DefaultClause, statements) as T;
}

/** Statements with entries added around them: stores at the top of the list first (in order), then a variable's store, the statement, its registration. */
function insertAt(statements: readonly TS.Statement[], entries: ListEntry[]): TS.Statement[] {
  const out: TS.Statement[] = [];
  const add = (index: number, place: ListEntry["place"]) => {
    for (const entry of entries) if (entry.index === index && entry.place === place) out.push(entry.statement);
  };
  statements.forEach((statement, index) => {
    add(index, "top");
    add(index, "before");
    out.push(statement);
    add(index, "after");
  });
  for (const entry of entries) if (entry.index >= statements.length) out.push(entry.statement);
  return out;
}

/** The module's statements with the runtime import (or `require` in a script), key imports and stores added. */
function preamble(c: EmitContext, statements: readonly TS.Statement[], runtime: string): TS.Statement[] {
  const { ts, factory: f, sf } = c;
  const module = ts.isExternalModule(sf);
  const load = (local: string, specifier: string): TS.Statement =>
    module
      ? f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamespaceImport(f.createIdentifier(local))), f.createStringLiteral(specifier))
      : f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(local, undefined, undefined, f.createCallExpression(f.createIdentifier("require"), undefined, [f.createStringLiteral(specifier)]))], ts.NodeFlags.Const));
  const afterImports = sf.statements.findIndex((s) => !ts.isImportDeclaration(s));
  const firstBody = afterImports < 0 ? sf.statements.length : afterImports;
  const entries: ListEntry[] = [...c.moduleStores.map((statement) => ({ index: firstBody, statement, place: "top" as const })), ...(c.listStores.get(sf) ?? [])];
  const miss = c.miss && f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(c.miss, undefined, undefined, f.createPropertyAccessExpression(f.createIdentifier(c.runtime), "MISS"))], ts.NodeFlags.Const));
  return [
    load(c.runtime, runtime),
    ...[...c.keyImports].map(([specifier, local]) => load(local, specifier)),
    ...(miss ? [miss] : []),
    ...insertAt(statements, entries),
  ];
}

export = memoscopeTs;
