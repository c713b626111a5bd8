// Times one bundler in its own process: a warm-up build each way, then `rounds` rounds of one build
// without and one with the plugin (order alternating), and sends the times (ms) to the parent.
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { build } from "./builds.mjs";

const require = createRequire(import.meta.url);
const [tool, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const app = require("./app.js").makeApp();
const times = { without: [], with: [] };
await build(tool, app, false);
await build(tool, app, true);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [false, true] : [true, false];
  for (const withPlugin of order) {
    const start = performance.now();
    await build(tool, app, withPlugin);
    times[withPlugin ? "with" : "without"].push(performance.now() - start);
  }
}
process.send(times);
