#!/usr/bin/env node
"use strict";
// `npm run bench` (or `node bench/run.js [--quick]`): memoscope's runtime against a hand-written
// nested-Map closure and five memoize libraries, Babel build overhead of the plugin, and the tutorial
// demo. Prints the tables and writes BENCHMARKS.md. Every figure is a median, and every comparison is
// a ratio to a baseline measured in the same run. See bench/README.md.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { fork } = require("child_process");
const { compileSources, PLUGIN } = require("./compile");
const { runRuntime } = require("./runtime/run");
const { runBuild } = require("./build/run");
const { runScaling, scalingRows, worstRatio } = require("./build/scaling");
const { runStore } = require("./store/run");
const { runScan } = require("./scan/run");
const { runScanProgram, scanProgramRows } = require("./scan-program");
const { WORKLOADS } = require("./runtime/workloads");
const { LIBRARIES } = require("./runtime/contenders");
const { fmtNs, median } = require("./lib/stats");
const table = require("./lib/table");

const quick = process.argv.includes("--quick");
const only = (process.argv.find((a) => a.startsWith("--only=")) || "").slice(7).split(",").filter(Boolean);
const wants = (part) => only.length === 0 || only.includes(part);
const workloads = (process.argv.find((a) => a.startsWith("--workloads=")) || "").slice(12).split(",").filter(Boolean);

const OPTIONS = quick
  ? { quick, warmupCalls: 50000, warmupMs: 100, sampleMs: 1, rounds: 4, samplesPerRound: 2, buildRounds: 2, demoSamples: 40, fibSamples: 2 }
  : { quick, warmupCalls: 300000, warmupMs: 300, sampleMs: 3, rounds: 15, samplesPerRound: 3, buildRounds: 5, demoSamples: 200, fibSamples: 5 };
if (workloads.length > 0) OPTIONS.workloads = workloads;
// `--contenders=memoscope,baseline` keeps the hand-written baseline and the contenders whose names contain one of the words.
const contenders = (process.argv.find((a) => a.startsWith("--contenders=")) || "").slice(13).split(",").filter(Boolean);
if (contenders.length > 0) OPTIONS.contenders = contenders;

const MEMOSCOPE = ["memoscope (function decl)", "memoscope (arrow)"];
const ROOT = path.join(__dirname, "..");
const log = (line) => console.log(line);

function runDemo() {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, "demo.js"), [JSON.stringify(OPTIONS)], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", () => {});
    child.on("message", (m) => resolve({ results: m }));
    child.on("exit", (code) => resolve({ error: `demo exited with ${code}: ${stderr.trim().split("\n").slice(-2).join(" / ")}` }));
  });
}

// --- rendering ----------------------------------------------------------------------------------

const r2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");

/** One runtime table per workload: contenders down, arities across, "ratio (ns/call)" per cell. */
function runtimeTables(groups) {
  const out = [];
  for (const workload of Object.keys(WORKLOADS)) {
    const byArity = [1, 2, 3].map((a) => groups.find((g) => g.workload === workload && g.arity === a)).filter(Boolean);
    if (byArity.length === 0) continue;
    const names = byArity[0].rows.map((r) => r.name);
    const footnotes = [];
    const rows = [["contender", "arity 1", "arity 2", "arity 3", "configuration"]];
    for (const name of names) {
      const cells = byArity.map((g) => {
        const row = g.rows.find((r) => r.name === name);
        const base = g.rows[0].median;
        if (row.na) return "n/a";
        if (row.error) {
          footnotes.push(`${name}, arity ${g.arity}: crashed: ${row.error}`);
          return "crashed";
        }
        let cell = `${r2(row.median / base)} (${fmtNs(row.median)})`;
        if (row.problems && row.problems.length > 0) {
          footnotes.push(`${name}, arity ${g.arity}: **wrong**: ${row.problems.join("; ")}`);
          cell = `✗ wrong ${cell}`;
        }
        return cell;
      });
      const first = byArity[0].rows.find((r) => r.name === name);
      const configs = [...new Set(byArity.map((g) => g.rows.find((r) => r.name === name)).map((r) => r.config || r.na))];
      rows.push([name + (first.reference ? " *(reference)*" : ""), ...cells, configs.join("; ")]);
    }
    out.push({ title: `${WORKLOADS[workload].title}`, rows, footnotes });
  }
  return out;
}

function ratioOf(groups, workload, arity, name, baseName) {
  const g = groups.find((x) => x.workload === workload && x.arity === arity);
  if (!g) return NaN;
  const row = g.rows.find((r) => r.name === name);
  const base = baseName ? g.rows.find((r) => r.name === baseName) : g.rows[0];
  if (!row || row.na || row.error || !base || !(base.median > 0)) return NaN;
  return row.median / base.median;
}

/** The §6 targets, one row per target and memoscope form, with a verdict. */
function targetRows(groups, build, scaling, scan, scanProgram) {
  const rows = [["§6 target", "form", "arity 1", "arity 2", "arity 3", "verdict"]];
  const verdict = (values, ok) => (values.some((v) => !Number.isFinite(v)) ? "n/a" : values.every(ok) ? "met" : "**missed**");
  const limits = [
    ["hit (100 keys, random) ≤ 1.20× hand-written", "hit100", 1.2],
    ["hit (one key) ≤ 1.20× hand-written", "hit1", 1.2],
    ["miss ≤ 1.20× hand-written", "miss", 1.2],
    ["max=128 hit ≤ 1.60× hand-written", "lruHit", 1.6],
  ];
  if (groups.length > 0) {
    for (const [title, workload, limit] of limits) {
      for (const form of MEMOSCOPE) {
        const values = [1, 2, 3].map((a) => ratioOf(groups, workload, a, form));
        rows.push([title, form.replace("memoscope ", ""), ...values.map(r2), verdict(values, (v) => v <= limit)]);
      }
    }
    for (const form of MEMOSCOPE) {
      const values = [1, 2, 3].map((a) => ratioOf(groups, "create", a, form, "new Map()"));
      rows.push(["creation ≈ `new Map()` (ratio to `new Map()`; met at ≤ 1.50×)", form.replace("memoscope ", ""), ...values.map(r2), verdict(values, (v) => v <= 1.5)]);
    }
    for (const form of MEMOSCOPE) {
      const values = [1, 2, 3].map((a) => ratioOf(groups, "lruCreate", a, form, "new Map()"));
      rows.push(["max=128 creation ≤ 3× `new Map()` (issue 10)", form.replace("memoscope ", ""), ...values.map(r2), verdict(values, (v) => v <= 3)]);
    }
    for (const workload of ["hit100", "hit1", "miss", "create", "lruHit", "lruMiss", "lruCreate"]) {
      for (const form of MEMOSCOPE) {
        const cells = [];
        let ok = true;
        let known = true;
        for (const a of [1, 2, 3]) {
          const mine = ratioOf(groups, workload, a, form);
          const libs = LIBRARIES.map((l) => [l, ratioOf(groups, workload, a, l)]).filter(([, v]) => Number.isFinite(v));
          if (!Number.isFinite(mine) || libs.length === 0) {
            cells.push("n/a");
            known = false;
            continue;
          }
          const [bestName, best] = libs.reduce((m, x) => (x[1] < m[1] ? x : m));
          const beaten = libs.filter(([, v]) => v <= mine).map(([l]) => l);
          if (beaten.length > 0) ok = false;
          cells.push(`${r2(mine)} vs ${r2(best)} ${bestName}`);
        }
        rows.push([`faster than every library: ${WORKLOADS[workload].title}`, form.replace("memoscope ", ""), ...cells, !known ? "n/a" : ok ? "met" : "**missed**"]);
      }
    }
  }
  if (build) {
    const [full] = build.results;
    const off = full.rows.find((r) => r.config === "off");
    const rep = full.rows.find((r) => r.config === "report");
    const base = full.rows[0].median;
    const overhead = (row) => (row && row.median > 0 ? row.median / base : NaN);
    const o = overhead(off);
    const p = overhead(rep);
    rows.push(["build, no tag, report off ≤ 1.05×", "plugin", r2(o), "", "", Number.isFinite(o) ? (o <= 1.05 ? "met" : "**missed**") : "n/a"]);
    rows.push(["build, no tag, full report ≤ 1.25×", "plugin", r2(p), "", "", Number.isFinite(p) ? (p <= 1.25 ? "met" : "**missed**") : "n/a"]);
  }
  if (scaling) {
    const worst = worstRatio(scaling);
    rows.push(["build time linear in tags (worst ratio to linear ≤ 1.50)", "both front ends", r2(worst), "", "", Number.isFinite(worst) ? (worst <= 1.5 ? "met" : "**missed**") : "n/a"]);
  }
  if (scan && !scan.error) {
    const ratio = scan.rows[1].paired;
    rows.push(["`memoscope scan` ≤ 3× a bare @babel/parser parse (issue 11)", "scan", r2(ratio), "", "", Number.isFinite(ratio) ? (ratio <= 3 ? "met" : "**missed**") : "n/a"]);
  }
  if (scanProgram && !scanProgram.error) {
    const ratio = scanProgram.paired;
    rows.push(["`memoscope scan` with the whole-program pass ≤ 1.5× the scan before it (issue 12)", "scan", r2(ratio), "", "", Number.isFinite(ratio) ? (ratio <= 1.5 ? "met" : "**missed**") : "n/a"]);
  }
  return rows;
}

function buildRows(build) {
  const rows = [["build", "configuration", "median", "ratio to no plugin", "median of per-round ratios", "spread (MAD)", "runs"]];
  for (const result of build.results) {
    const base = result.rows[0];
    for (const row of result.rows) {
      // Each round builds every configuration once, so a per-round ratio cancels load that hit one round.
      const paired = median(row.times.map((t, i) => t / base.times[i]).filter(Number.isFinite));
      if (row.na) rows.push([result.label, row.title, "n/a", "n/a", "n/a", "", row.na]);
      else rows.push([result.label, row.title, `${row.median.toFixed(0)} ms`, r2(row.median / base.median), r2(paired), `${row.spread.toFixed(1)}%`, String(row.times.length)]);
    }
  }
  return rows;
}

function scanRows(scan) {
  const rows = [["scan", "median", "ratio to parse", "median of per-round ratios", "runs"]];
  const base = scan.rows[0].median;
  for (const row of scan.rows) rows.push([row.title, `${row.median.toFixed(0)} ms`, r2(row.median / base), r2(row.paired), String(scan.rounds)]);
  return rows;
}

function demoRows(demo) {
  const rows = [["function", "un-memoized", "memoized, first call", "memoized, second call", "first ÷ un-memoized", "second ÷ un-memoized", "body runs on first call"]];
  for (const d of demo.results || []) {
    rows.push([
      d.label + (d.problems.length ? ` ✗ ${d.problems.join("; ")}` : ""),
      fmtNs(d.unmemoized),
      fmtNs(d.firstCall),
      fmtNs(d.secondCall),
      r2(d.firstCall / d.unmemoized),
      d.secondCall / d.unmemoized < 0.01 ? (d.secondCall / d.unmemoized).toExponential(1) : r2(d.secondCall / d.unmemoized),
      String(d.misses),
    ]);
  }
  return rows;
}

// --- main ---------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const cpu = os.cpus()[0];
  const machine = `${cpu ? cpu.model.trim() : "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`;
  const command = process.env.npm_lifecycle_event === "bench" ? `npm run bench${quick ? " -- --quick" : ""}` : `node bench/run.js${quick ? " --quick" : ""}`;
  log(`memoscope bench${quick ? " (quick)" : ""}: ${machine}, Node ${process.version}`);

  const compiled = compileSources();
  log(compiled.ok ? "plugin: compiled bench/src with dist/babel" : `plugin: n/a (${compiled.reason})`);
  const plugin = fs.existsSync(PLUGIN) ? PLUGIN : null;

  let groups = [];
  if (wants("runtime")) {
    log("runtime (ratio to hand-written, medians):");
    groups = await runRuntime(OPTIONS, log);
  }
  let build;
  if (wants("build")) {
    log("build:");
    build = await runBuild(OPTIONS, plugin, log);
  }
  let scaling;
  if (wants("build") || wants("scaling")) {
    log("build scaling (one file, 250 … 4,000 tags):");
    scaling = await runScaling(OPTIONS, log);
  }
  let store;
  if (wants("store")) {
    log("report store:");
    store = fs.existsSync(path.join(ROOT, "dist", "core", "index.js")) ? await runStore(OPTIONS, log) : undefined;
  }
  let scanResult;
  if (wants("scan")) {
    log("scan:");
    scanResult = await runScan(OPTIONS, log);
  }
  let scanProgram;
  if (wants("scan-program")) {
    log("scan-program (whole-program pass, generated project):");
    scanProgram = await runScanProgram(OPTIONS, log);
  }
  let demo;
  if (wants("demo")) {
    log("demo:");
    demo = compiled.ok ? await runDemo() : { error: compiled.reason };
  }
  const seconds = (Date.now() - started) / 1000;

  // Terminal output.
  const targets = targetRows(groups, build, scaling, scanResult, scanProgram);
  const runtime = runtimeTables(groups);
  log("");
  for (const t of runtime) {
    log(`${t.title} — ratio to hand-written (ns/call)`);
    log(table.text(t.rows.map((r) => r.slice(0, 4))));
    for (const f of t.footnotes) log(`  ${f.replace(/\*\*/g, "")}`);
    log("");
  }
  if (build) {
    log("Build (Babel 7, preset-env node 20 + preset-typescript)");
    log(table.text(buildRows(build)));
    for (const r of build.results) for (const n of r.notes) log(`  ${n}`);
    log("");
  }
  if (scaling) {
    log("Build scaling (CPU time, least of the repetitions)");
    log(table.text(scalingRows(scaling)));
    log("");
  }
  if (store) {
    log("Report store: one fragment write (µs, median)");
    log(table.text(store.writeRows));
    log(table.text(store.readRows.map((r) => r.map((c) => c.replace(/`/g, "")))));
    log("");
  }
  if (scanResult) {
    log("Scan (memoscope scan vs a bare @babel/parser parse of the same files)");
    log(scanResult.error ? `  n/a: ${scanResult.error}` : table.text(scanRows(scanResult)));
    log("");
  }
  if (scanProgram) {
    log("Scan, whole program (this build's scan vs the scan before issue 12, same rounds)");
    log(scanProgram.error ? `  n/a: ${scanProgram.error}` : table.text(scanProgramRows(scanProgram)));
    log("");
  }
  if (demo) {
    log("Tutorial demo");
    log(demo.error ? `  n/a: ${demo.error}` : table.text(demoRows(demo)));
    log("");
  }
  log("§6 targets");
  log(table.text(targets.map((r) => r.map((c) => c.replace(/\*\*/g, "")))));
  log(`\n(${seconds.toFixed(0)} s)`);

  // BENCHMARKS.md
  const md = [];
  md.push("# Benchmarks");
  md.push("");
  md.push(`Generated by \`${command}\` (bench/run.js) — do not edit by hand.`);
  md.push("");
  md.push(`- Machine: ${machine}`);
  md.push(`- Node: ${process.version}; @babel/core ${require("@babel/core/package.json").version}`);
  md.push(`- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`);
  md.push(`- Command: \`${command}\`${quick ? " (quick smoke run: few samples, small corpus)" : ""}; took ${seconds.toFixed(0)} s`);
  md.push(`- Plugin: ${compiled.ok ? "dist/babel (memoscope's contenders and the demo were compiled from bench/src by it in this run)" : `n/a — ${compiled.reason}`}`);
  md.push("");
  md.push("Every figure is a median. Runtime: each contender runs in its own `node --expose-gc` process per workload and arity, is checked for correct results and miss counts first (a wrong one is marked ✗), warmed up, then timed in " +
    `${OPTIONS.rounds} interleaved rounds × ${OPTIONS.samplesPerRound} samples of ~${OPTIONS.sampleMs} ms; cells are **ratio to the hand-written nested-Map closure** of the same workload and arity in the same run, with the median ns per call in brackets (loop overhead included). ` +
    "Lower is better; < 1 is faster than the baseline.");
  md.push("");
  if (groups.length > 0 || build || scaling) {
    md.push("## §6 targets");
    md.push("");
    md.push(table.markdown(targets));
    md.push("");
  }
  if (groups.length > 0) {
    md.push("## Runtime");
    md.push("");
    md.push("Keys: arity 1 `(number)`, arity 2 `(number, number)` on a 10×10 grid, arity 3 `(number, string, object)` on a 10×5×4… grid with a distinct object per key (objects serialise to `{}`, so keying by content is caught). Key orders are pre-generated from fixed seeds. Miss: every call of the timed loop is a fresh key for a new, empty cache (100 keys per cache; caches made before the timer starts). Creation: a factory call returning a new memoized function. LRU rows compare against the hand-written *unbounded* closure on the same keys.");
    md.push("");
    for (const t of runtime) {
      md.push(`### ${t.title}`);
      md.push("");
      md.push(table.markdown(t.rows));
      if (t.footnotes.length) {
        md.push("");
        for (const f of t.footnotes) md.push(`- ${f}`);
      }
      md.push("");
    }
  }
  if (build) {
    md.push("## Build");
    md.push("");
    md.push(`Babel ${require("@babel/core/package.json").version} with \`@babel/preset-env\` (targets node 20) and \`@babel/preset-typescript\`, \`transformSync\` per file with one shared options object (as babel-loader does), each configuration in its own process, one warm-up build, then ${OPTIONS.buildRounds} builds per configuration in shuffled order; sources are read before the timer.`);
    md.push("");
    md.push(`- Corpus: ${build.corpus.files} files, ${build.corpus.lines} lines from ${build.corpus.parts.join(", ")} (devDependencies; tests, locales and .d.ts left out).`);
    md.push(`- Memoized subset: ${build.subset.files} files, ${build.subset.lines} lines, copies of corpus files with \`/** @memoize */\` inserted before every second eligible top-level function declaration (${build.subset.tags} tags; bench/build/tagger.js).`);
    md.push("");
    md.push(table.markdown(buildRows(build)));
    md.push("");
    for (const r of build.results) for (const n of r.notes) md.push(`- ${n}`);
    md.push("");
  }
  if (scaling) {
    md.push("## Build scaling");
    md.push("");
    md.push(`One generated TypeScript file (bench/build/generate.js: exported functions reading reassigned module state, \`const\` arrows with \`max\`, class methods, \`key=json\` functions with a nested closure, in turn) with 250 to 4,000 tagged functions, through each front end in its own process, without and with memoscope (\`report: false\`), ${OPTIONS.quick ? 2 : 5} builds each in alternation after a warm-up at the smallest size; figures are the least **CPU time** (user + system) of those builds, so load on the machine disturbs them little. *Added by memoscope* is the difference; *ratio to linear* is that added time divided by the smallest size's, scaled by the number of tags (1.00 = linear). Before issue 10's fix, on this machine, 8× the tags (250 → 2,000) cost the plugin 18× the time on the Babel path and 11× on the TypeScript path (code frames re-split the whole file for every warning, each new \`_hit\` name was searched from \`_hit\` again, each store inserted into the program renumbered every sibling, and the TypeScript path looked up each tag's comment from the first statement).`);
    md.push("");
    md.push(table.markdown(scalingRows(scaling)));
    md.push("");
  }
  if (store) {
    md.push("## Report store");
    md.push("");
    md.push(`A build writes each file's part as its own fragment (temp file + rename) when the file's transform returns; it never reads the store, so a write costs the same in an empty store and in one of ${store.fragments} fragments, and grows with the part only. Write: median µs per fragment over ${store.rounds} rounds of ${store.writes} writes per store (rounds alternate between the two stores), in this process, with \`writeFragment\` from dist/core (a realistic closure record: two captures, a finding on every second closure). Read: \`memoscope report\` as a real process over a store of ${store.fragments} fragments whose sources exist (so each is stat-checked for staleness), median of ${store.readRounds} runs, process start included.`);
    md.push("");
    md.push(table.markdown(store.writeRows));
    md.push("");
    md.push(table.markdown(store.readRows));
    md.push("");
  }
  if (scanResult) {
    md.push("## Scan");
    md.push("");
    md.push(scanResult.error ? `n/a: ${scanResult.error}` : `\`memoscope scan\` (dist/cli/scan.js: read, parse, find tags, capture analysis, report) over ${scanResult.files} files (${(scanResult.bytes / 2 ** 20).toFixed(1)} MiB, ${scanResult.closures} closures reported) of node_modules/${scanResult.root}, against reading and parsing the same files with @babel/parser and the same options, in one process, one warm-up round, then ${scanResult.rounds} interleaved rounds.`);
    md.push("");
    if (!scanResult.error) md.push(table.markdown(scanRows(scanResult)));
    md.push("");
  }
  if (scanProgram) {
    md.push("## Scan, whole program");
    md.push("");
    md.push(scanProgram.error ? `n/a: ${scanProgram.error}` : `\`memoscope scan\` (dist/cli/scan.js, in one process) over a generated TypeScript project (bench/scan-program-generate.js: ${scanProgram.generated.files} files, ${scanProgram.generated.lines} lines, ${scanProgram.generated.tags} tags; imports by relative path, tsconfig \`paths\` and \`baseUrl\`, folder indexes with \`export *\`, namespace imports, module state with setters, \`this\` methods), this build (with the whole-program pass: module resolution, the summaries, \`reach\`) against the baseline's scan (${scanProgram.baseline}, built from git by bench/scan-program.js), one warm-up round, then ${scanProgram.rounds} rounds, the order alternating each round. The target is judged on CPU time (user + system of the process, GC threads included), paired per round: wall time on a shared machine measures the neighbours too.`);
    md.push("");
    if (!scanProgram.error) md.push(table.markdown(scanProgramRows(scanProgram)));
    md.push("");
  }
  if (demo) {
    md.push("## Tutorial demo");
    md.push("");
    md.push("`fib` and `factorial` from bench/src/demo.js, tagged `/** @memoize */` and compiled by the plugin; recursive calls go through the cache. First call: on an empty cache (`cacheOf(fn).clear()` before each sample). Second call: a hit. Un-memoized: the same function without the tag.");
    md.push("");
    md.push(demo.error ? `n/a: ${demo.error}` : table.markdown(demoRows(demo)));
    md.push("");
  }
  // Keep the "Bundler plugins" section that bench/bundlers/run.js writes.
  const previous = fs.existsSync(path.join(ROOT, "BENCHMARKS.md")) ? fs.readFileSync(path.join(ROOT, "BENCHMARKS.md"), "utf8") : "";
  const bundlers = /<!-- bundlers:start -->[\s\S]*?<!-- bundlers:end -->/.exec(previous);
  if (bundlers) md.push(bundlers[0], "");
  if (only.length === 0) fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), md.join("\n"));
  else fs.writeFileSync(path.join(__dirname, ".out", "BENCHMARKS.partial.md"), md.join("\n"));
  log(only.length === 0 ? "wrote BENCHMARKS.md" : "wrote bench/.out/BENCHMARKS.partial.md (partial run)");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
