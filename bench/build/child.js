"use strict";
// One build configuration in its own process: Babel 7 with @babel/preset-env (node 20) and
// @babel/preset-typescript over a list of files, with no plugin, with memoscope (`report: false`),
// or with memoscope writing the full capture report (a fragment per file into the store, then the
// merged report.json at build end, as the bundler plugins do). Each `build` message compiles every
// file once (sources are read up front, so only Babel's work is timed) and answers with the elapsed time.

const fs = require("fs");
const crypto = require("crypto");
const babel = require("@babel/core");

const { config, listFile, reportPath, plugin } = JSON.parse(process.argv[2]);
const path = require("path");
const core = plugin && require(path.join(path.dirname(plugin), "..", "core"));
const merged = path.join(reportPath, "report.json");
const files = JSON.parse(fs.readFileSync(listFile, "utf8"));
const sources = files.map((f) => fs.readFileSync(f, "utf8"));

const presets = [
  [require.resolve("@babel/preset-env"), { targets: { node: "20" } }],
  require.resolve("@babel/preset-typescript"),
];
const reports = config === "report" || config === "report-baseline";
const plugins = config === "none" ? [] : [[plugin, { report: reports ? reportPath : false }]];
// One options object for every file, as babel-loader or @babel/cli reuse theirs: Babel caches the
// loaded presets and plugins by these arrays' identity.
const base = { babelrc: false, configFile: false, sourceType: "unambiguous", presets, plugins };

let warnings = 0;
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  warnings += String(chunk).split("\n").filter(Boolean).length;
  return true;
};

function build() {
  if (config === "report") fs.rmSync(reportPath, { recursive: true, force: true });
  const outputs = new Array(files.length);
  const errors = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < files.length; i++) {
    try {
      outputs[i] = babel.transformSync(sources[i], { ...base, filename: files[i] }).code;
    } catch (e) {
      errors.push({ file: files[i], message: String(e.message).split("\n")[0] });
    }
  }
  // The end of a build, as the bundler plugins end it: the merged report.json is written from the
  // store, inside the timed region (each file's fragment was written when its transform returned).
  if (config === "report") core.writeMergedReport(process.cwd(), reportPath);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, outputs, errors };
}

process.on("message", (msg) => {
  if (msg.type === "build") {
    const { ms, outputs, errors } = build();
    const reply = { type: "built", ms, errors, warnings };
    if (msg.detail) {
      // What the check needs: a digest per file, and how many outputs use the runtime (rewritten files).
      reply.digests = outputs.map((code) => (code === undefined ? null : crypto.createHash("sha1").update(code).digest("hex")));
      reply.rewritten = outputs.filter((code) => code !== undefined && code.includes("memoscope/runtime")).length;
      if (config === "report" && fs.existsSync(merged)) reply.reportBytes = fs.statSync(merged).size;
    }
    process.send(reply);
  } else if (msg.type === "exit") {
    process.stderr.write = write;
    process.exit(0);
  }
});
process.send({ type: "ready", files: files.length });
