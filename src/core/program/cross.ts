import * as path from "path";
import type { Report, ReportDiagnostic } from "../report/model";
import type { StoreView } from "../report/read-store";
import { applyReach } from "./apply";
import type { ModuleResolver } from "./modules";
import { reach } from "./reach";
import type { ModuleSummary } from "./summary";

/**
 * The cross-file runs of the whole-program pass (SPEC §5b): where the whole program is known (`memoscope
 * scan`, `memoscope report` over a store, a bundler at build end), the summaries of the files are put
 * together, imports resolved as TypeScript would (modules.ts), and the pass's verdicts replace the
 * within-file ones in the report. A file without a summary (not analysed, stale, unreadable) is not
 * followed: a call into it is listed as unresolved, never guessed, so a missing or stale file can hide
 * a finding but never make one up.
 */

/** One project's summaries: `root` is the folder report keys are relative to. */
export interface ProgramFiles {
  root: string;
  /** Summaries by report key; only files whose summary describes the code as it is. */
  summaries: ReadonlyMap<string, ModuleSummary>;
}

/** What a cross-file run did. */
export interface CrossFileResult {
  report: Report;
  /** Lines about what could not be used (a tsconfig that cannot be read), for stderr or the bundler's warnings. */
  problems: string[];
  /** Files of the project that imports name but that have no summary, sorted: calls into them were listed as unresolved. */
  unsummarised: string[];
}

/**
 * Runs the pass over `program` and applies it to `report`. `resolver` defaults to one made for
 * `program.root` (tsconfig `paths`/`baseUrl` read from there); pass one to share its caches.
 */
export function applyWholeProgram(report: Report, program: ProgramFiles, resolver: ModuleResolver = moduleResolver(program.root)): CrossFileResult {
  const { summaries } = program;
  const unsummarised = new Set<string>();
  const resolve = (fromFile: string, specifier: string): string | undefined => {
    const key = resolver.resolve(fromFile, specifier);
    if (key === undefined || summaries.has(key)) return key;
    unsummarised.add(key);
    return undefined;
  };
  const results = reach({ files: summaries, resolve });
  return { report: applyReach(report, results), problems: resolver.problems(), unsummarised: [...unsummarised].sort() };
}

/** A resolver for `root`. modules.ts (and get-tsconfig with it) is loaded on the first cross-file run, not when the core is: a bundler's start-up never pays for it. */
function moduleResolver(root: string): ModuleResolver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const modules = require("./modules") as typeof import("./modules");
  return modules.createModuleResolver(root);
}

/** What a cross-file run over a store did. */
export interface StoreProgramRun extends Omit<CrossFileResult, "report"> {
  /** Findings the run added to the store's report (each file's entry as built): what only the whole program shows. */
  added: Array<LocatedFinding & { path: string }>;
}

/**
 * Runs the pass over a store's summaries (one run per build root) and puts its verdicts into
 * `view.report`, in place. Entries of stale fragments keep what their build said (their summaries are
 * not used); calls into files the store has no current summary of are listed as unresolved.
 */
export function applyWholeProgramToStore(view: StoreView): StoreProgramRun {
  const before = view.report;
  const run: StoreProgramRun = { problems: [], unsummarised: [], added: [] };
  for (const program of view.programs) {
    const result = applyWholeProgram(view.report, program);
    view.report = result.report;
    run.problems.push(...result.problems);
    run.unsummarised.push(...result.unsummarised);
    for (const found of newFindings(before, result.report)) if (program.summaries.has(found.file)) run.added.push({ ...found, path: path.resolve(program.root, found.file) });
  }
  return run;
}

/** A diagnostic of a closure, located: for listing what a cross-file run added. */
export interface LocatedFinding {
  /** Report key. */
  file: string;
  /** The memoized function's display name. */
  name: string;
  diagnostic: ReportDiagnostic;
}

/** Findings in `after` that `before` (the same report before the cross-file run) did not have, in report order: what only the whole program shows. */
export function newFindings(before: Report, after: Report): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (const [file, entry] of Object.entries(after.files)) {
    const old = before.files[file];
    entry.closures.forEach((closure, i) => {
      const was = old?.closures[i];
      const seen = new Set((was?.diagnostics ?? []).map(identity));
      for (const diagnostic of closure.diagnostics) if (!seen.has(identity(diagnostic))) out.push({ file, name: closure.name, diagnostic });
    });
  }
  return out;
}

function identity(d: ReportDiagnostic): string {
  return `${d.code}\0${d.at.line}:${d.at.column}\0${d.message}`;
}
