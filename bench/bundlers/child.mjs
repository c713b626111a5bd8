// Times one bundler in its own process: a warm-up build each way, then `rounds` rounds of one build
// without a plugin, one with memoscope's and one with a plugin that does nothing (the noise control;
// order rotating), and sends the times (ms) to the parent: wall
// time, and CPU time (this process's threads plus its child processes, e.g. esbuild's service), which
// a loaded machine disturbs far less.
// `child.mjs --cold tool with|without|noop`: one build in this fresh process, as a CLI build runs; sends the
// wall time since the process started (Node's start-up, loading the bundler and the plugin, the build)
// and the CPU time.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { build, VARIANTS } from "./builds.mjs";

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
  await build(tool, app, roundsArg);
  process.send({ wall: performance.now(), cpu: cpuNow() });
  process.exit(0);
}

const times = { wall: {}, cpu: {} };
for (const variant of VARIANTS) {
  times.wall[variant] = [];
  times.cpu[variant] = [];
  await build(tool, app, variant); // a warm-up build each way
}
for (let round = 0; round < rounds; round++) {
  // Each variant takes each place in the order equally often.
  const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
  for (const variant of order) {
    const cpu = cpuNow();
    const start = performance.now();
    await build(tool, app, variant);
    times.wall[variant].push(performance.now() - start);
    times.cpu[variant].push(cpuNow() - cpu);
  }
}
process.send(times);
