import type { ClosureRecord, Report } from "../../core";
import type { Problem } from "../problems";
import { clientMain } from "./client";
import { readSource, type SourceFile } from "./sources";
import { STYLE } from "./style";

/**
 * The HTML report: one self-contained page (no network, no other files), made like Lighthouse's
 * report: one template, the data embedded as JSON in a <script type="application/json"> (with `<`,
 * U+2028 and U+2029 escaped, so no text in the report can end the script), and a small client script
 * that renders it lazily (only the cards in view), so a report of 10,000 closures opens at once.
 */

/** What the page is made from besides the report. */
export interface HtmlOptions {
  /** Report keys are relative to this directory; source lines are read from there. */
  root: string;
  version: string;
  /** scan's tag notes and files it could not analyse. */
  problems?: readonly Problem[];
}

/** Lines shown for one closure at most; the rest are summarised. */
const MAX_LINES = 40;
/** Lines shown when the closure's end is unknown (the file no longer parses). */
const FALLBACK_LINES = 12;

/** The page's data: the report reshaped for display, with the source lines the cards need. */
export interface PageData {
  generator: string;
  summary: { files: number; closures: number; memoized: number; findings: number; warnings: number; problems: number };
  files: Array<{ path: string; found: boolean; lines: Record<string, string> }>;
  closures: Array<ClosureRecord & { file: number; end: number; more: number }>;
  problems: Array<{ file: string; code: string; severity: string; message: string; line?: number; column?: number }>;
}

/** Builds the page data: one entry per file (source lines embedded when the file is found), closures flattened. */
export function pageData(report: Report, options: HtmlOptions): PageData {
  const files: PageData["files"] = [];
  const closures: PageData["closures"] = [];
  let memoized = 0;
  let findings = 0;
  let warnings = 0;
  for (const key of Object.keys(report.files).sort()) {
    const source: SourceFile | null = readSource(options.root, key);
    const lines: Record<string, string> = {};
    const keep = (n: number) => {
      if (source && n >= 1 && n <= source.lines.length) lines[n] = source.lines[n - 1];
    };
    const index = files.length;
    for (const c of report.files[key].closures) {
      if (c.memoized) memoized++;
      findings += c.diagnostics.length;
      warnings += c.diagnostics.filter((d) => d.severity !== "info").length;
      let end = c.loc.line;
      let more = 0;
      if (source) {
        const known = source.ends.get(`${c.loc.line}:${c.loc.column}`);
        const last = Math.min(known ?? c.loc.line + FALLBACK_LINES - 1, source.lines.length);
        end = Math.min(last, c.loc.line + MAX_LINES - 1);
        more = last - end;
        for (let n = c.loc.line; n <= end; n++) keep(n);
        for (const capture of c.captures) keep(capture.declared.line);
        for (const d of c.diagnostics) keep(d.at.line);
      }
      closures.push({ ...c, file: index, end, more });
    }
    files.push({ path: key, found: source !== null, lines });
  }
  const problems = (options.problems ?? []).map((p) => ({
    file: p.file,
    code: p.diagnostic.code,
    severity: p.diagnostic.severity,
    message: p.diagnostic.message,
    ...(p.diagnostic.at && { line: p.diagnostic.at.line, column: p.diagnostic.at.column }),
  }));
  return {
    generator: `memoscope ${options.version}`,
    summary: { files: files.length, closures: closures.length, memoized, findings, warnings, problems: problems.length },
    files,
    closures,
    problems,
  };
}

/**
 * JSON that is safe inside a <script> element: `<` as \u003c (no `</script>` or `<!--` can appear),
 * and U+2028 / U+2029 escaped (line terminators in older JavaScript parsers).
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The whole page for a report. */
export function renderHtml(report: Report, options: HtmlOptions): string {
  const data = pageData(report, options);
  const client = `(${clientMain.toString()})();`;
  // The client and the style are our own text; a closing tag in them would end the element early.
  if (/<\/script/i.test(client) || /<\/style/i.test(STYLE)) throw new Error("memoscope: the HTML report's script or style contains a closing tag");
  const s = data.summary;
  const title = `memoscope report: ${s.closures} closures, ${s.memoized} memoized, ${s.findings} findings`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${escapeHtml(data.generator)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
  <h1>memoscope <span class="muted">capture report</span></h1>
  <section class="summary" aria-label="Summary">
    <div class="stat"><span class="num" id="sum-files">${s.files}</span><span class="label">files</span></div>
    <div class="stat"><span class="num" id="sum-closures">${s.closures}</span><span class="label">closures</span></div>
    <div class="stat"><span class="num" id="sum-memoized">${s.memoized}</span><span class="label">memoized</span></div>
    <div class="stat${s.warnings ? " bad" : ""}"><span class="num" id="sum-findings">${s.findings}</span><span class="label">findings</span></div>
    ${s.problems ? `<div class="stat bad"><span class="num" id="sum-problems">${s.problems}</span><span class="label">problems</span></div>` : ""}
  </section>
</header>
<main>
  <section id="problems" hidden></section>
  <details id="files"><summary>Files</summary></details>
  <form class="filters" id="filters" role="search" onsubmit="return false">
    <label><input type="checkbox" id="f-memoized"> memoized only</label>
    <label><input type="checkbox" id="f-findings"> with findings only</label>
    <input type="search" id="f-search" placeholder="Search function or file name" aria-label="Search by function or file name" autocomplete="off">
    <span class="muted" id="count" aria-live="polite"></span>
  </form>
  <section id="list" aria-label="Closures"></section>
  <div id="more"></div>
  <noscript><p>This report needs JavaScript to show its closures (no network access is used).</p></noscript>
</main>
<footer class="muted">Made by ${escapeHtml(data.generator)}. Captures are found statically; marked names in the source are where a captured name appears on the line.</footer>
<script type="application/json" id="memoscope-data">${scriptSafeJson(data)}</script>
<script>${client}</script>
</body>
</html>
`;
}
