import { serializeReport, stableStringify, type Report } from "../core";
import { renderHtml } from "./html/render";
import { problemsJson, type Problem } from "./problems";
import { toSarif } from "./sarif";
import { formatTable } from "./table";

/** The output formats of `report` and `scan`. */
export const FORMATS = ["table", "json", "sarif", "html"] as const;

/** One of FORMATS. */
export type Format = (typeof FORMATS)[number];

/** Where the output is made: the root report keys are relative to (html reads source lines there) and the tool version. */
export interface OutputContext {
  root: string;
  version: string;
}

/**
 * The report (and scan's problems) in one format. JSON is the report schema; when scan had problems
 * it gains a top-level `problems` array (so a clean scan's JSON is byte-identical to the report file).
 */
export function formatOutput(format: Format, report: Report, problems: readonly Problem[], context: OutputContext): string {
  switch (format) {
    case "json":
      return problems.length === 0 ? serializeReport(report) : stableStringify({ ...JSON.parse(serializeReport(report)), problems: problemsJson(problems) });
    case "sarif":
      return stableStringify(toSarif(report, context.version, problems));
    case "html":
      return renderHtml(report, { root: context.root, version: context.version, problems });
    case "table":
      return formatTable(report, problems);
  }
}
