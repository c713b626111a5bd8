"use strict";
// Before/after on a loaded machine: `MEMOSCOPE_BENCH_BASELINE=<old dist/babel> node bench/build/compare.js [--quick]`.
// One process, the build corpus, and for every file the three builds (Babel without the plugin, this
// build's plugin with the full report, the baseline's with the full report) back to back in a shuffled
// order, so load that comes and goes hits all three alike. Prints the summed times and their ratios to
// the no-plugin build. The regular build benchmark (bench/build/run.js) runs each configuration in its
// own process, which is fairer on a quiet machine and noisier on a busy one.

const fs = require("fs");
const os = require("os");
const path = require("path");
const babel = require("@babel/core");
const { corpusFiles } = require("./corpus");
const { rng, shuffled } = require("../lib/stats");

const quick = process.argv.includes("--quick");
const passes = quick ? 1 : 3;
const baseline = process.env.MEMOSCOPE_BENCH_BASELINE;
const files = corpusFiles(quick);
const sources = files.map((f) => fs.readFileSync(f, "utf8"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-compare-"));
const presets = [[require.resolve("@babel/preset-env"), { targets: { node: "20" } }], require.resolve("@babel/preset-typescript")];
const configs = [
  { name: "Babel, no plugin", plugins: [] },
  { name: "+ memoscope (this build), full report", plugins: [[path.join(__dirname, "..", "..", "dist", "babel"), { report: path.join(tmp, "new.json") }]] },
];
if (baseline) configs.push({ name: `+ memoscope (${baseline}), full report`, plugins: [[path.resolve(baseline), { report: path.join(tmp, "old.json") }]] });
for (const c of configs) {
  c.options = { babelrc: false, configFile: false, sourceType: "unambiguous", presets, plugins: c.plugins };
  c.ms = 0;
}
const random = rng(7);
for (let pass = 0; pass <= passes; pass++) {
  for (let i = 0; i < files.length; i++) {
    for (const c of shuffled(configs, random)) {
      const t0 = process.hrtime.bigint();
      babel.transformSync(sources[i], { ...c.options, filename: files[i] });
      // Pass 0 warms up every configuration.
      if (pass > 0) c.ms += Number(process.hrtime.bigint() - t0) / 1e6;
    }
  }
}
for (const c of configs) if (c.plugins.length) require(c.plugins[0][0]).flushReports();
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${files.length} files, ${passes} passes, each file built under every configuration back to back (load ${os.loadavg()[0].toFixed(1)})`);
for (const c of configs) console.log(`${c.name.padEnd(60)} ${c.ms.toFixed(0).padStart(8)} ms  ${(c.ms / configs[0].ms).toFixed(3)}×`);
