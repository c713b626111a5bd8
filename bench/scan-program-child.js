"use strict";
// One whole-program scan measurement process (issue 12): each `round` message runs `scan` over the
// generated project once with each dist given (this build first, then the baseline, alternating the
// order every round so neither always runs on a warmer heap) and replies with wall and CPU times in ms.

const path = require("path");

const { project, dists } = JSON.parse(process.argv[2]);
const scans = dists.map((dist) => require(path.join(dist, "cli", "scan")));
let round = 0;

function timed(scanModule) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const result = scanModule.scan([path.join(project, "src")], project);
  const c1 = process.cpuUsage(c0);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // CPU time (user + system, GC threads included): what the scan costs, less disturbed by other load on the machine than wall time.
  const cpu = (c1.user + c1.system) / 1000;
  const closures = Object.values(result.report.files).flatMap((f) => f.closures);
  const findings = closures.flatMap((c) => c.diagnostics);
  return { ms, cpu, closures: closures.length, ms105: findings.filter((d) => d.code === "MS105").length, findings: findings.length, failures: result.failures.length };
}

process.on("message", (msg) => {
  if (msg.type === "exit") process.exit(0);
  if (msg.type !== "round") return;
  const order = scans.map((_, i) => i);
  if (round++ % 2 === 1) order.reverse();
  const results = [];
  for (const i of order) results[i] = timed(scans[i]);
  process.send({ results });
});
process.send({ type: "ready" });
