"use strict";
// Drives the build benchmark: for the corpus and for the memoized subset, three child processes
// (no plugin, memoscope with `report: false`, memoscope with the report on), a checked warm-up build
// each, then rounds of one build per configuration in shuffled order. Medians of the rounds.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { startChild } = require("../lib/child");
const { corpusFiles, subsetSources, describe, PARTS, QUICK_PARTS, NM } = require("./corpus");
const { makeSubset } = require("./tagger");
const { rng, shuffled, median, spreadPct } = require("../lib/stats");

const CHILD = path.join(__dirname, "child.js");
const OUT = path.join(__dirname, "..", ".out");
const CONFIGS = [
  ["none", "Babel, no plugin (baseline)"],
  ["off", "+ memoscope, report: false"],
  ["report", "+ memoscope, full capture report"],
];
// MEMOSCOPE_BENCH_BASELINE=<another build's dist/babel>: that build, full report, timed in the same rounds (before/after).
const BASELINE = process.env.MEMOSCOPE_BENCH_BASELINE;
if (BASELINE) CONFIGS.push(["report-baseline", `+ memoscope at ${BASELINE}, full capture report`]);

/** One build configuration in its own process. */
function startBuildChild(config, listFile, reportPath, plugin) {
  const child = startChild(CHILD, [JSON.stringify({ config, listFile, reportPath, plugin })], { label: "build child" });
  return { ready: child.ready, build: (detail) => child.ask({ type: "build", detail }), stop: child.stop };
}

/** Builds one file list under every configuration. Returns rows (median ms, ratio base) and notes. */
async function runCorpus(label, files, opts, plugin, log) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-bench-"));
  const listFile = path.join(tmp, "files.json");
  fs.writeFileSync(listFile, JSON.stringify(files));
  // The report store lives under the build root (the bench's cwd), as `.memoscope` does in a project.
  fs.mkdirSync(OUT, { recursive: true });
  const reportPath = fs.mkdtempSync(path.join(OUT, "store-"));
  const rows = CONFIGS.map(([config, title]) => ({ config, title, times: [], na: config !== "none" && !plugin ? "plugin not built" : undefined }));
  const notes = [];
  const live = rows.filter((r) => !r.na);
  for (const row of live) row.child = row.config === "report-baseline" ? startBuildChild(row.config, listFile, path.join(tmp, "report-baseline.json"), path.resolve(BASELINE)) : startBuildChild(row.config, listFile, reportPath, plugin);
  try {
    for (const row of live) await row.child.ready;
    // Warm-up build, one configuration at a time, with the checks.
    for (const row of live) {
      const reply = await row.child.build(true);
      row.check = reply;
      if (reply.errors.length > 0) notes.push(`${row.title}: ${reply.errors.length} file(s) failed, e.g. ${path.relative(NM, reply.errors[0].file)}: ${reply.errors[0].message}`);
    }
    const base = rows[0].check;
    const off = rows[1].check;
    if (base && off) {
      const differ = base.digests.filter((d, i) => d !== off.digests[i]).length;
      row1note(notes, label, differ, off.rewritten, files.length);
    }
    const report = rows[2].check;
    if (report) {
      notes.push(report.reportBytes !== undefined ? `${label}: the report of one build is ${(report.reportBytes / 1024).toFixed(0)} KiB` : `${label}: no report file existed after the build (the plugin wrote none, or writes it later, outside the timed build)`);
      if (report.warnings > 0) notes.push(`${label}: the plugin wrote ${report.warnings} line(s) to stderr in the warm-up build (report on)`);
    }
    const random = rng(42);
    for (let round = 0; round < opts.buildRounds; round++) {
      for (const row of shuffled(live, random)) {
        const reply = await row.child.build(false);
        row.times.push(reply.ms);
      }
      log(`  ${label} round ${round + 1}/${opts.buildRounds}: ${live.map((r) => `${r.config} ${r.times[r.times.length - 1].toFixed(0)} ms`).join(", ")}`);
    }
  } catch (e) {
    notes.push(`${label}: ${e.message}`);
    for (const row of live) if (row.times.length === 0) row.na = "failed";
  } finally {
    await Promise.all(live.map((row) => row.child.stop()));
    for (const row of live) {
      delete row.child;
      delete row.check;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(reportPath, { recursive: true, force: true });
  }
  for (const row of rows) {
    row.median = median(row.times);
    row.spread = spreadPct(row.times);
  }
  return { label, rows, notes };
}

function row1note(notes, label, differ, rewritten, total) {
  if (differ === 0) notes.push(`${label}: with \`report: false\` every output is byte-identical to the no-plugin build (${total} files)`);
  else notes.push(`${label}: ${differ} of ${total} outputs differ from the no-plugin build with \`report: false\` (${rewritten} use memoscope/runtime)`);
}

/** The corpus and the memoized subset. */
async function runBuild(opts, plugin, log) {
  const files = corpusFiles(opts.quick);
  const corpus = { ...describe(files, opts.quick ? QUICK_PARTS : PARTS) };
  log(`  corpus: ${corpus.files} files, ${corpus.lines} lines`);
  const full = await runCorpus("corpus (no tags)", files, opts, plugin, log);
  const made = makeSubset(subsetSources(opts.quick), NM, path.join(OUT, "subset"));
  const subset = { ...describe(made.map((m) => m.copy)), tags: made.reduce((n, m) => n + m.tags, 0) };
  log(`  memoized subset: ${subset.files} files, ${subset.lines} lines, ${subset.tags} tags`);
  const tagged = await runCorpus("memoized subset", made.map((m) => m.copy), opts, plugin, log);
  return { corpus, subset, results: [full, tagged] };
}

module.exports = { runBuild };
