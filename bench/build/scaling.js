"use strict";
// Build scaling (SPEC §6: build time grows linearly with the number of tags in a file): one file
// with 250 … 4,000 tagged functions through each front end, without and with memoscope. What the
// plugin adds is the difference; per tag it should stay flat, and its ratio to a linear extrapolation
// from the smallest size should stay near 1 (issue 10 measured 17–21× for 8× the tags before the fix).

const path = require("path");
const { startChild } = require("../lib/child");

const CHILD = path.join(__dirname, "scaling-child.js");
const ROOT = path.join(__dirname, "..", "..");

/** Runs both front ends; returns `[{ frontEnd, results: [{ tags, lines, none, memoscope, rewritten }] }]` or `{ frontEnd, error }`. */
async function runScaling(opts, log) {
  const sizes = opts.quick ? [250, 500, 1000] : [250, 500, 1000, 2000, 4000];
  const reps = opts.quick ? 2 : 5;
  require("fs").mkdirSync(path.join(ROOT, "bench", ".out", "scaling"), { recursive: true });
  const out = [];
  for (const frontEnd of ["babel", "ts"]) {
    const child = startChild(CHILD, [JSON.stringify({ frontEnd, sizes, reps, root: ROOT })], { label: `scaling ${frontEnd}` });
    try {
      const reply = await child.ready;
      out.push(reply);
      log(`  ${frontEnd}: ${reply.results.map((r) => `${r.tags} tags ${(r.memoscope - r.none).toFixed(0)} ms added`).join(", ")}`);
    } catch (e) {
      out.push({ frontEnd, error: e.message });
    } finally {
      await child.stop();
    }
  }
  return out;
}

/** The worst ratio to linear of the plugin's added time, over all sizes and front ends (NaN when nothing ran). */
function worstRatio(scaling) {
  let worst = NaN;
  for (const s of scaling) {
    if (!s.results) continue;
    for (const r of rows(s.results).slice(1)) if (!(worst >= r.ratio)) worst = r.ratio; // the smallest size is 1.00 by definition
  }
  return worst;
}

/** Per size: the added time, per tag, and its ratio to the smallest size's added time scaled linearly. */
function rows(results) {
  const base = results[0];
  const baseAdded = base.memoscope - base.none;
  return results.map((r) => {
    const added = r.memoscope - r.none;
    return { ...r, added, perTagUs: (added * 1000) / r.tags, ratio: added / (baseAdded * (r.tags / base.tags)) };
  });
}

/** Table rows for the report. */
function scalingRows(scaling) {
  const table = [["front end", "tags", "lines", "no plugin", "with memoscope", "added by memoscope", "added per tag", "ratio to linear"]];
  for (const s of scaling) {
    const name = s.frontEnd === "babel" ? "Babel 7 (preset-env + preset-typescript)" : "TypeScript (ts-patch)";
    if (!s.results) {
      table.push([name, "n/a", "", "", "", "", "", s.error]);
      continue;
    }
    for (const r of rows(s.results)) {
      table.push([name, String(r.tags), String(r.lines), `${r.none.toFixed(0)} ms`, `${r.memoscope.toFixed(0)} ms`, `${r.added.toFixed(0)} ms`, `${r.perTagUs.toFixed(0)} µs`, r.ratio.toFixed(2)]);
    }
  }
  return table;
}

module.exports = { runScaling, scalingRows, worstRatio };
