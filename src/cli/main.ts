#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ReportError, reportKey, type Report } from "../core";
import { readBaseline, writeBaseline } from "./baseline";
import { CliError } from "./errors";
import { failing, findings, fingerprint } from "./findings";
import { formatOutput, FORMATS } from "./output";
import { notAnalysed, problemLine, sortProblems, type Problem } from "./problems";
import { collectFiles, scan } from "./scan";
import { loadReport, pruneLoaded, writeMerged, writeScanToStore } from "./store";

/**
 * The `memoscope` command: `report` prints (and checks) a report a build wrote, `scan` makes one
 * from source files without building. Exit status: 0 fine, 1 `--check` found warnings, 2 bad usage
 * or unreadable input (one line on stderr, never a stack trace).
 */

const USAGE = `Usage:
  memoscope report [STORE] [options]       print the capture report merged from a build's store (default .memoscope)
  memoscope scan <file|dir>... [options]   analyse JS/TS sources without building

Options:
  --format table|json|sarif|html
                              output format (default table); html is one self-contained page on stdout
  --check                     exit 1 when a memoized function has a warning, or the report is older than the code
  --write                     (report) also write the merged report file (STORE/report.json); implies --prune
  --prune                     (report) remove the store's fragments of deleted source files
  --baseline FILE             with --check, fail only on warnings not in FILE
  --write-baseline FILE       write the current warnings to FILE as the new baseline
  --root DIR                  (scan) directory report paths are relative to (default .);
                              the html format reads source lines from there (report: from .)
  --out STORE                 (scan) also write the results into the report store STORE, as a build would
  -h, --help                  show this help
  -v, --version               show the version
`;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export function run(argv: string[], io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }): number {
  try {
    return runOrThrow(argv, io);
  } catch (err) {
    if (err instanceof CliError || err instanceof ReportError) io.stderr(`memoscope: ${err.message}\n`);
    else if (process.env.MEMOSCOPE_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    else io.stderr(`memoscope: internal error: ${(err as Error).message ?? String(err)} (set MEMOSCOPE_DEBUG=1 for details)\n`);
    return 2;
  }
}

function runOrThrow(argv: string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string" },
        check: { type: "boolean" },
        baseline: { type: "string" },
        "write-baseline": { type: "string" },
        root: { type: "string" },
        out: { type: "string" },
        write: { type: "boolean" },
        prune: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message.split("\n")[0]}. Run memoscope --help.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  const format = values.format ?? "table";
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown --format ${JSON.stringify(format)}; use ${FORMATS.join(", ")}.`);
  if (values.baseline !== undefined && !values.check) throw new CliError("--baseline only makes sense with --check.");

  if (values.write && command !== "report") throw new CliError("--write is an option of report.");
  if (values.prune && command !== "report") throw new CliError("--prune is an option of report.");

  let report: Report;
  let root = process.cwd();
  let problems: Problem[] = [];
  // Why `--check` must fail whatever the findings: the report does not describe the code (stale entries, unreadable fragments).
  let incomplete: string[] = [];
  if (command === "report") {
    if (rest.length > 1) throw new CliError("report takes at most one store (or report file).");
    if (values.root !== undefined || values.out !== undefined) throw new CliError("--root and --out are options of scan.");
    const loaded = loadReport(rest[0]);
    report = loaded.report;
    incomplete = loaded.incomplete;
    for (const note of loaded.notes) io.stderr(`memoscope: warning: ${note}\n`);
    if (values.write) io.stderr(`memoscope: wrote ${writeMerged(loaded)}\n`);
    const pruned = values.prune || values.write ? pruneLoaded(loaded) : undefined;
    if (pruned !== undefined) io.stderr(`memoscope: ${pruned}\n`);
  } else if (command === "scan") {
    if (rest.length === 0) throw new CliError("scan needs at least one file or directory.");
    root = path.resolve(values.root ?? ".");
    const result = scan(rest, root);
    report = result.report;
    for (const warning of result.warnings) io.stderr(`memoscope: warning: ${warning}\n`);
    problems = sortProblems([...result.notes, ...result.failures]);
    if (values.out !== undefined) {
      // A file scan could not analyse keeps what the store has for it (a passing syntax error must not erase it).
      const failed = new Set(result.failures.map((f) => f.file));
      writeScanToStore(values.out, root, scannedFiles(rest, root).filter((f) => !failed.has(f.key)), report, result.summaries);
    }
  } else if (command === undefined) {
    io.stderr(USAGE);
    return 2;
  } else {
    throw new CliError(`unknown command ${JSON.stringify(command)}; use report or scan (memoscope --help).`);
  }

  io.stdout(formatOutput(format as (typeof FORMATS)[number], report, problems, { root, version: packageVersion() }));

  // Every format lists scan's problems in its output; machine formats also say them on stderr, for the log.
  if (format !== "table") for (const p of problems) io.stderr(`${problemLine(p)}\n`);
  // A file scan could not analyse fails it (exit 2, unreadable input); a tag that would fail the build fails it too (exit 1).
  const unanalysed = new Set(problems.filter(notAnalysed).map((p) => p.file)).size;
  const tagErrors = problems.filter((p) => !notAnalysed(p) && p.diagnostic.severity === "error").length;
  if (unanalysed > 0) io.stderr(`memoscope: ${unanalysed} file${unanalysed === 1 ? "" : "s"} could not be analysed; the others were.\n`);
  if (tagErrors > 0) io.stderr(`memoscope: ${tagErrors} tag error${tagErrors === 1 ? "" : "s"} that would fail the build.\n`);
  if (unanalysed > 0) return 2;
  if (tagErrors > 0) return 1;
  const all = findings(report);
  if (values["write-baseline"] !== undefined) {
    writeBaseline(values["write-baseline"], failing(all));
    io.stderr(`memoscope: wrote ${failing(all).length} warning(s) to ${values["write-baseline"]}\n`);
  }
  if (!values.check) return 0;
  const accepted = values.baseline !== undefined ? readBaseline(values.baseline) : new Set<string>();
  const fresh = failing(all).filter((f) => !accepted.has(fingerprint(f)));
  for (const reason of incomplete) io.stderr(`memoscope: --check fails: ${reason}.\n`);
  if (fresh.length === 0) return incomplete.length > 0 ? 1 : 0;
  const since = values.baseline !== undefined ? " not in the baseline" : "";
  io.stderr(`memoscope: ${fresh.length} warning${fresh.length === 1 ? "" : "s"} on memoized functions${since}:\n`);
  for (const f of fresh) io.stderr(`  ${f.file}:${f.diagnostic.at.line}:${f.diagnostic.at.column + 1}: ${f.diagnostic.code} ${f.diagnostic.message}\n`);
  return 1;
}

/** The files a scan looked at, with their report keys (so `--out` also drops entries of files that now capture nothing). */
function scannedFiles(inputs: string[], root: string): Array<{ key: string; path: string }> {
  return collectFiles(inputs).map((file) => ({ key: reportKey(root, file), path: file }));
}

function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version as string;
  } catch {
    return "0.0.0";
  }
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
