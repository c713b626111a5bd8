"use strict";
// The scan benchmark (SPEC §6 companion, issue 11): `memoscope scan` over a large real JavaScript code
// base against a bare @babel/parser parse of the same files, in one process, interleaved rounds,
// medians. With MEMOSCOPE_BENCH_BASELINE=<another build's dist/babel>, that build's scan is timed in
// the same rounds too (before/after).

const fs = require("fs");
const os = require("os");
const path = require("path");
const { startChild } = require("../lib/child");
const { median } = require("../lib/stats");

const NM = path.join(__dirname, "..", "..", "node_modules");
const DIST = path.join(__dirname, "..", "..", "dist");

/** The corpus: webpack's own sources (plain CommonJS, ~830 files, ~13 MB), or lodash-es for --quick. */
function scanFiles(quick) {
  const root = path.join(NM, quick ? "lodash-es" : "webpack/lib");
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.js$/.test(entry.name)) out.push(p);
    }
  };
  if (fs.existsSync(root)) walk(root);
  return { root: path.relative(NM, root), files: out };
}

async function runScan(opts, log) {
  const { root, files } = scanFiles(opts.quick);
  if (files.length === 0) return { error: `${root} is not installed` };
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const baseline = process.env.MEMOSCOPE_BENCH_BASELINE ? path.resolve(process.env.MEMOSCOPE_BENCH_BASELINE, "..") : undefined;
  const dists = baseline ? [DIST, baseline] : [DIST];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-scan-"));
  const listFile = path.join(tmp, "files.json");
  fs.writeFileSync(listFile, JSON.stringify(files));
  const child = startChild(path.join(__dirname, "child.js"), [JSON.stringify({ listFile, dists })], { label: "scan child" });
  const parse = [];
  const scans = dists.map(() => []);
  let closures = 0;
  try {
    await child.ready;
    await child.ask({ type: "round" }); // warm-up
    for (let round = 0; round < opts.buildRounds; round++) {
      const reply = await child.ask({ type: "round" });
      parse.push(reply.parse);
      reply.scan.forEach((s, i) => scans[i].push(s.ms));
      closures = reply.scan[0].closures;
      log(`  scan round ${round + 1}/${opts.buildRounds}: parse ${reply.parse.toFixed(0)} ms, ${reply.scan.map((s) => `scan ${s.ms.toFixed(0)} ms`).join(", ")}`);
    }
  } finally {
    await child.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const base = median(parse);
  const rows = [{ title: "@babel/parser parse (read + parse)", median: base, paired: 1 }];
  dists.forEach((dist, i) => {
    rows.push({
      title: i === 0 ? "memoscope scan (this build)" : `memoscope scan (baseline: ${baseline})`,
      median: median(scans[i]),
      paired: median(scans[i].map((t, r) => t / parse[r])),
    });
  });
  return { root, files: files.length, bytes, closures, rows, rounds: parse.length };
}

module.exports = { runScan };
