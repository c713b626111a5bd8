"use strict";
// One scan measurement process: given a file list, each `round` message times, in turn, a bare
// @babel/parser parse of every file (read + parse, the options `memoscope scan` uses) and a full
// `scan` of the same files (read + parse + capture analysis + report), for each dist given.

const fs = require("fs");
const path = require("path");

const { listFile, dists } = JSON.parse(process.argv[2]);
const files = JSON.parse(fs.readFileSync(listFile, "utf8"));
const scans = dists.map((dist) => require(path.join(dist, "cli", "scan")));
const root = path.dirname(files[0]);

function parseAll() {
  const { parseSource } = scans[0];
  for (const file of files) parseSource(fs.readFileSync(file, "utf8"), file);
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

process.on("message", (msg) => {
  if (msg.type === "exit") process.exit(0);
  if (msg.type !== "round") return;
  const parse = time(parseAll).ms;
  const scan = scans.map((s) => {
    const { ms, result } = time(() => s.scan(files, root));
    return { ms, closures: Object.values(result.report.files).reduce((n, f) => n + f.closures.length, 0) };
  });
  process.send({ parse, scan });
});
process.send({ type: "ready" });
