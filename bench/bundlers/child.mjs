// Times one bundler in its own process: a warm-up build each way, then `rounds` rounds of one build
// without and one with the plugin (order alternating), and sends the times (ms) to the parent: wall
// time, and CPU time (this process's threads plus its child processes, e.g. esbuild's service), which
// a loaded machine disturbs far less.
// `child.mjs --cold tool with|without`: one build in this fresh process, as a CLI build runs; sends the
// wall time since the process started (Node's start-up, loading the bundler and the plugin, the build)
// and the CPU time.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { build } from "./builds.mjs";

const require = createRequire(import.meta.url);
const cold = process.argv[2] === "--cold";
const [tool, roundsArg] = process.argv.slice(cold ? 3 : 2);
const rounds = Number(roundsArg);
// A cold build reads nothing the CLI build would not: no file counts.
const app = require("./app.js").makeApp({ count: !cold, copies: Number(process.env.MEMOSCOPE_BENCH_COPIES || 1) });
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

if (cold) {
  await build(tool, app, roundsArg === "with");
  process.send({ wall: performance.now(), cpu: cpuNow() });
  process.exit(0);
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
