// Times one bundler in its own process: a warm-up build each way, then `rounds` rounds of one build
// without and one with the plugin (order alternating), and sends the times (ms) to the parent: wall
// time, and CPU time (this process's threads plus its child processes, e.g. esbuild's service), which
// a loaded machine disturbs far less.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { build } from "./builds.mjs";

const require = createRequire(import.meta.url);
const [tool, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const app = require("./app.js").makeApp();
const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU ms of live child processes (Linux /proc; 0 elsewhere). */
function childrenCpu() {
  let total = 0;
  try {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === process.pid) total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    }
  } catch {
    return 0;
  }
  return total;
}

function cpuNow() {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + childrenCpu();
}

const times = { without: [], with: [], cpuWithout: [], cpuWith: [] };
await build(tool, app, false);
await build(tool, app, true);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [false, true] : [true, false];
  for (const withPlugin of order) {
    const cpu = cpuNow();
    const start = performance.now();
    await build(tool, app, withPlugin);
    times[withPlugin ? "with" : "without"].push(performance.now() - start);
    times[withPlugin ? "cpuWith" : "cpuWithout"].push(cpuNow() - cpu);
  }
}
process.send(times);
