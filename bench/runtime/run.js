"use strict";
// Drives the runtime benchmark: for each workload and arity, one child process per contender, all
// checked and warmed up, then timed in interleaved rounds (one contender at a time, in a shuffled order
// each round) so that load from elsewhere on the machine falls on every contender alike.

const path = require("path");
const { startChild } = require("../lib/child");
const { contender, CONTENDERS } = require("./contenders");
const { WORKLOADS } = require("./workloads");
const { rng, shuffled, median, spreadPct } = require("../lib/stats");

const CHILD = path.join(__dirname, "child.js");

/** Contenders timed on a workload (references are there for scale, not ranked), narrowed by `--contenders`. */
function contendersFor(workload, opts) {
  let names = CONTENDERS;
  if (workload === "hit100" || workload === "hit1") names = [...CONTENDERS, "un-memoized call"];
  if (WORKLOADS[workload].kind === "create") names = [...CONTENDERS, "new Map()"];
  const wanted = opts.contenders;
  return wanted ? names.filter((n, i) => i === 0 || n === "new Map()" || wanted.some((w) => n.includes(w))) : names;
}

/** One contender on one workload in its own `node --expose-gc` process. */
function startContender(name, arity, workload, opts) {
  const child = startChild(CHILD, [name, String(arity), workload, JSON.stringify(opts)], { execArgv: ["--expose-gc"] });
  return {
    ready: child.ready,
    sample: async (count) => (await child.ask({ type: "sample", count })).values,
    stop: child.stop,
  };
}

/** Times one workload at one arity. Returns a row per contender (median ns per call, spread, check). */
async function runGroup(workload, arity, opts, seed) {
  const lru = WORKLOADS[workload].lru;
  const rows = [];
  for (const name of contendersFor(workload, opts)) {
    const info = contender(name, arity, lru);
    rows.push({ name, na: info.na, config: info.config, reference: !!info.reference, values: [] });
  }
  const live = rows.filter((r) => !r.na);
  for (const row of live) row.child = startContender(row.name, arity, workload, opts);
  for (const row of live) {
    try {
      const ready = await row.child.ready;
      row.problems = ready.problems;
    } catch (e) {
      row.error = e.message;
    }
  }
  const timed = live.filter((r) => !r.error);
  const random = rng(seed);
  for (let round = 0; round < opts.rounds; round++) {
    for (const row of shuffled(timed, random)) {
      try {
        row.values.push(...(await row.child.sample(opts.samplesPerRound)));
      } catch (e) {
        row.error = e.message;
      }
    }
  }
  for (const row of live) {
    row.child.stop();
    delete row.child;
  }
  for (const row of rows) {
    row.median = median(row.values);
    row.spread = spreadPct(row.values);
    row.samples = row.values.length;
    delete row.values;
  }
  return { workload, arity, title: WORKLOADS[workload].title, rows };
}

/** All workloads at arities 1–3. `log` receives a line per finished group. */
async function runRuntime(opts, log) {
  const groups = [];
  let seed = 1;
  // `--workloads=lruHit,lruCreate` (opts.workloads) runs a subset, e.g. while working on one cache.
  for (const workload of Object.keys(WORKLOADS).filter((w) => !opts.workloads || opts.workloads.includes(w))) {
    for (const arity of [1, 2, 3]) {
      const t0 = Date.now();
      const group = await runGroup(workload, arity, opts, seed++);
      groups.push(group);
      const base = group.rows[0].median;
      log(`  ${workload} arity ${arity}: ${group.rows.filter((r) => r.median > 0).map((r) => `${r.name} ${(r.median / base).toFixed(2)}`).join(", ")}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  return groups;
}

module.exports = { runRuntime, runGroup };
