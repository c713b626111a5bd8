import type { CaptureRecord, ClosureRecord, Report } from "../core";
import { findings } from "./findings";
import { notAnalysed, problemLine, type Problem } from "./problems";

/**
 * The human-readable report: one row per closure (continuation rows for further captures), then
 * the findings on memoized functions with `file:line:column` (column 1-based, as editors count).
 */

function captureText(c: CaptureRecord): string {
  const scope = c.scope === "module" ? "module" : c.scope.name;
  const flags = [c.binding, scope];
  if (c.reassigned) flags.push("reassigned");
  if (c.writtenHere) flags.push("writes");
  if (c.via === "nested") flags.push("nested");
  return `${c.name} (${flags.join(", ")})`;
}

function functionText(c: ClosureRecord): string {
  if (c.memoized === null) return `${c.name} [${c.kind}]`;
  const m = c.memoized;
  const options = [m.max !== undefined && `max=${m.max}`, m.ttlMs !== undefined && `ttl=${m.ttlMs}ms`, m.key !== "identity" && `key=${m.key}`, m.weak && "weak"].filter(Boolean);
  return `${c.name} [${c.kind}, @memoize${options.length ? " " + options.join(" ") : ""}]`;
}

/** `ok`, the codes of the findings, or `-` for a closure that is not memoized. */
export function verdict(c: ClosureRecord): string {
  const notes: string[] = [];
  if (c.dynamic) notes.push("dynamic (eval/with)");
  if (c.memoized === null) return notes.length ? notes.join("; ") : "-";
  const bySeverity = (severity: string) => [...new Set(c.diagnostics.filter((d) => d.severity === severity).map((d) => d.code))];
  const errors = bySeverity("error");
  const warnings = bySeverity("warning");
  const infos = bySeverity("info");
  if (errors.length) notes.push(`error ${errors.join(",")}`);
  if (warnings.length) notes.push(`warning ${warnings.join(",")}`);
  if (infos.length) notes.push(`info ${infos.join(",")}`);
  return notes.length ? notes.join("; ") : "ok";
}

/** The report as a table followed by the findings, scan's problems (tag notes, files not analysed) and a summary line. */
export function formatTable(report: Report, problems: readonly Problem[] = []): string {
  const rows: string[][] = [["LOCATION", "FUNCTION", "CAPTURES", "VERDICT"]];
  let closures = 0;
  let memoized = 0;
  for (const file of Object.keys(report.files).sort()) {
    for (const c of report.files[file].closures) {
      closures++;
      if (c.memoized !== null) memoized++;
      const items = [...c.captures.map(captureText), ...c.lexical.map((k) => `${k} (lexical)`)];
      rows.push([`${file}:${c.loc.line}${report.files[file].stale ? " (stale)" : ""}`, functionText(c), items[0] ?? "-", verdict(c)]);
      for (const item of items.slice(1)) rows.push(["", "", item, ""]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd());
  const list = findings(report);
  if (list.length) {
    lines.push("");
    for (const f of list) lines.push(`${f.file}:${f.diagnostic.at.line}:${f.diagnostic.at.column + 1}: ${f.diagnostic.severity} ${f.diagnostic.code}: ${f.diagnostic.message}`);
  }
  if (problems.length) {
    lines.push("");
    for (const p of problems) lines.push(problemLine(p));
  }
  const files = Object.keys(report.files).length;
  const warned = new Set(list.filter((f) => f.diagnostic.severity !== "info").map((f) => f.closure)).size;
  const unanalysed = new Set(problems.filter(notAnalysed).map((p) => p.file)).size;
  lines.push("");
  const failed = unanalysed ? ` ${unanalysed} file${unanalysed === 1 ? "" : "s"} could not be analysed.` : "";
  lines.push(`${closures} closure${closures === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}; ${memoized} memoized, ${warned} with warnings.${failed}`);
  return `${lines.join("\n")}\n`;
}
