"use strict";
// The report store at scale (issue 8): what one fragment write costs, by the size of the file's part
// and by how many fragments the store already holds (it must not matter: a write never reads the
// store), and how long `memoscope report` (a real CLI process) takes to merge 10,000 fragments.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { median } = require("../lib/stats");

const ROOT = path.join(__dirname, "..", "..");
const CORE = path.join(ROOT, "dist", "core");
const BIN = path.join(ROOT, "dist", "cli", "main.js");

/** A realistic closure record: two captures, one finding. */
function closure(i) {
  return {
    name: `fn${i}`, kind: "function", loc: { line: 10 + i * 7, column: 2 }, memoized: i % 2 ? { key: "identity", max: 100 } : null,
    captures: [
      { name: "rate", binding: "let", scope: "module", declared: { line: 3, column: 4 }, reassigned: true, writtenHere: false, via: "direct" },
      { name: "table", binding: "const", scope: "module", declared: { line: 4, column: 6 }, reassigned: false, writtenHere: false, via: "nested" },
    ],
    globals: ["Math"], lexical: [], dynamic: false,
    diagnostics: i % 2 ? [{ code: "MS101", severity: "warning", message: `fn${i} is memoized but captures \`rate\` (let, module scope), which is reassigned.`, at: { line: 11 + i * 7, column: 9 } }] : [],
  };
}
const entry = (closures) => ({ closures: Array.from({ length: closures }, (_, i) => closure(i)) });

/** Makes `count` source files and their fragments in a fresh project; returns its root and store. */
function project(count, closures) {
  const { resolveStore, writeFragment } = require(CORE);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-store-bench-"));
  const store = resolveStore(root, ".memoscope");
  const part = entry(closures);
  for (let i = 0; i < count; i++) {
    const key = `src/m${Math.floor(i / 100)}/f${i}.ts`;
    const file = path.join(root, key);
    if (i % 100 === 0) fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = `export const v${i} = ${i};\n`;
    fs.writeFileSync(file, text);
    writeFragment(store, root, key, file, text, part);
  }
  return { root, store };
}

/** Median µs per fragment write of a part with `closures` closures into a store holding `existing` fragments. */
function writeCost(existing, closures, writes, rounds) {
  const { writeFragment } = require(CORE);
  const { root, store } = project(existing, 1);
  const part = entry(closures);
  const text = "export const x = 1;\n";
  const file = path.join(root, "src", "x.ts");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const samples = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const t0 = process.hrtime.bigint();
      // Distinct keys: new fragments, as a first build writes them (a rebuild replaces its own the same way).
      for (let i = 0; i < writes; i++) writeFragment(store, root, `src/new/r${r}-${i}.ts`, file, text, part);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / writes);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return median(samples);
}

/** Median wall time (ms) of `memoscope report <args>` over a store of `count` fragments. */
function readCost(count, closures, args, rounds) {
  const { root } = project(count, closures);
  const times = [];
  let bytes = 0;
  let ok = true;
  try {
    for (let r = 0; r < rounds; r++) {
      const t0 = process.hrtime.bigint();
      const result = spawnSync(process.execPath, [BIN, "report", ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      ok = ok && result.status === 0;
      bytes = result.stdout.length;
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { ms: median(times), ok, bytes };
}

async function runStore(opts, log) {
  const fragments = opts.quick ? 2000 : 10000;
  const writes = opts.quick ? 100 : 300;
  const rounds = opts.quick ? 3 : 7;
  const writeRows = [["part size", "empty store", `store of ${fragments} fragments`, "ratio"]];
  for (const closures of [1, 10, 100]) {
    const empty = writeCost(0, closures, writes, rounds);
    const full = writeCost(fragments, closures, writes, rounds);
    writeRows.push([`${closures} closure${closures === 1 ? "" : "s"}`, `${empty.toFixed(0)} µs`, `${full.toFixed(0)} µs`, `${(full / empty).toFixed(2)}×`]);
    log(`  store write, ${closures} closures: ${empty.toFixed(0)} µs (empty), ${full.toFixed(0)} µs (${fragments} fragments)`);
  }
  const readRows = [["command", "fragments", "closures each", "median wall time", "output"]];
  const readRounds = opts.quick ? 1 : 3;
  for (const [args, label] of [[["--format", "json"], "memoscope report --format json"], [["--check"], "memoscope report --check"], [["--write", "--format", "json"], "memoscope report --write --format json"]]) {
    const r = readCost(fragments, 5, args, readRounds);
    readRows.push([`\`${label}\``, String(fragments), "5", r.ok || args[0] === "--check" ? `${(r.ms / 1000).toFixed(2)} s` : "failed", `${(r.bytes / 2 ** 20).toFixed(1)} MiB`]);
    log(`  ${label} over ${fragments} fragments: ${(r.ms / 1000).toFixed(2)} s`);
  }
  return { fragments, writes, rounds, readRounds, writeRows, readRows };
}

module.exports = { runStore };
