import { classifyUnits } from "../captures/classify";
import type { FileReport } from "../report/model";
import type { ScopeBuilder } from "../scope/builder";
import { resolveFacts } from "../scope/resolve";
import { applyReachToFile } from "./apply";
import { summarizeModule } from "./extract";
import { reach } from "./reach";
import type { ModuleSummary } from "./summary";

/**
 * What both front ends do with a lowered file (SPEC §5, §5b): resolve, classify, summarise, and run
 * the whole-program pass on the file alone (calls within the file; imports are not followed here),
 * so the same code gets the same report, MS105 findings and summary on every path.
 */

/** A file's part of the report (with the within-file pass applied) and its summary for the cross-file pass. */
export interface ModuleAnalysis {
  report: FileReport;
  summary: ModuleSummary;
}

/** Analyses a lowered file; `file` is its report key (chains and messages name it). */
export function analyzeLowered(b: ScopeBuilder, file: string): ModuleAnalysis {
  const facts = resolveFacts(b);
  const classified = classifyUnits(facts);
  const summary = summarizeModule(b, facts, classified);
  if (!summary.functions.some((f) => f.memoized)) return { report: classified.report, summary };
  const results = reach({ files: new Map([[file, summary]]) }).get(file);
  return { report: applyReachToFile(classified.report, results), summary };
}
