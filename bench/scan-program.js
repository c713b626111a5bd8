"use strict";
// The whole-program scan benchmark (issue 12: `scan` of a 1,000-file TypeScript project stays within
// 1.5× of the scan before the cross-file pass). The project is generated (scan-program-generate.js);
// the baseline is the scan of commit BASELINE_COMMIT (the tree before issue 12), built once from
// `git archive` into bench/.out/ and timed in the same process and the same rounds as this build's.
// MEMOSCOPE_BENCH_BASELINE=<another build's dist/babel> replaces it with that build.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const { startChild } = require("./lib/child");
const { median } = require("./lib/stats");
const { generateProject } = require("./scan-program-generate");

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
/** The last commit before issue 12's pass: its `scan` is the baseline. */
const BASELINE_COMMIT = "f7b4602";
const OUT = path.join(__dirname, ".out");

/** The baseline build's dist: MEMOSCOPE_BENCH_BASELINE's, or BASELINE_COMMIT built once (git archive + tsc) and kept in bench/.out/. */
function baselineDist(log) {
  if (process.env.MEMOSCOPE_BENCH_BASELINE) return { dist: path.resolve(process.env.MEMOSCOPE_BENCH_BASELINE, ".."), label: process.env.MEMOSCOPE_BENCH_BASELINE };
  const tree = path.join(OUT, `baseline-${BASELINE_COMMIT}`);
  const dist = path.join(tree, "dist");
  if (!fs.existsSync(path.join(dist, "cli", "scan.js"))) {
    log(`  building the baseline (commit ${BASELINE_COMMIT}) into ${path.relative(ROOT, tree)} …`);
    fs.rmSync(tree, { recursive: true, force: true });
    fs.mkdirSync(tree, { recursive: true });
    const archive = execFileSync("git", ["archive", "--format=tar", BASELINE_COMMIT, "src", "tsconfig.json", "tsconfig.build.json", "package.json"], { cwd: ROOT, maxBuffer: 1 << 28 });
    execFileSync("tar", ["-x", "-C", tree], { input: archive });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tree, "node_modules"), "junction");
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(tree, "tsconfig.build.json")], { cwd: tree, stdio: "inherit" });
  }
  return { dist, label: `commit ${BASELINE_COMMIT}` };
}

/** Times this build's scan (with the cross-file pass) against the baseline's over a generated project. */
async function runScanProgram(opts, log) {
  let baseline;
  try {
    baseline = baselineDist(log);
  } catch (err) {
    return { error: `the baseline could not be built: ${err.message.split("\n")[0]}` };
  }
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-scan-program-"));
  const generated = generateProject(project, opts.quick ? 200 : 1000);
  const child = startChild(path.join(__dirname, "scan-program-child.js"), [JSON.stringify({ project, dists: [DIST, baseline.dist] })], { label: "scan-program child" });
  const times = [[], []];
  const cpu = [[], []];
  let last;
  try {
    await child.ready;
    await child.ask({ type: "round" }); // warm-up
    const rounds = opts.quick ? 3 : Math.max(opts.buildRounds, 7);
    for (let round = 0; round < rounds; round++) {
      const { results } = await child.ask({ type: "round" });
      results.forEach((r, i) => (times[i].push(r.ms), cpu[i].push(r.cpu)));
      last = results;
      log(`  scan-program round ${round + 1}/${rounds}: this build ${results[0].ms.toFixed(0)} ms (CPU ${results[0].cpu.toFixed(0)} ms), baseline ${results[1].ms.toFixed(0)} ms (CPU ${results[1].cpu.toFixed(0)} ms)`);
    }
  } finally {
    await child.stop();
    fs.rmSync(project, { recursive: true, force: true });
  }
  // The target is judged on CPU time, paired per round: wall time on a shared machine measures the neighbours too.
  const paired = median(cpu[0].map((t, r) => t / cpu[1][r]));
  return { generated, baseline: baseline.label, rounds: times[0].length, rows: [
    { title: `memoscope scan (baseline: ${baseline.label})`, median: median(times[1]), cpu: median(cpu[1]), paired: 1, wallPaired: 1, ...last[1] },
    { title: "memoscope scan with the whole-program pass (this build)", median: median(times[0]), cpu: median(cpu[0]), paired, wallPaired: median(times[0].map((t, r) => t / times[1][r])), ...last[0] },
  ], paired };
}

/** The table: one row per scan; the target (≤ 1.5×) is the CPU median of per-round ratios. */
function scanProgramRows(result) {
  const rows = [["scan of the generated project", "wall, median", "wall, median of per-round ratios", "CPU, median", "CPU, median of per-round ratios", "closures", "findings (MS105)", "runs"]];
  for (const row of result.rows) rows.push([row.title, `${row.median.toFixed(0)} ms`, row.wallPaired.toFixed(2), `${row.cpu.toFixed(0)} ms`, row.paired.toFixed(2), String(row.closures), `${row.findings} (${row.ms105})`, String(result.rounds)]);
  return rows;
}

module.exports = { runScanProgram, scanProgramRows };
