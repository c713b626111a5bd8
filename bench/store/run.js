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

/**
 * Median µs per fragment write (wall and CPU) of a part with `closures` closures, into an empty store
 * and into a store already holding `existing` fragments, rounds alternating between the two so that
 * load on the machine hits both alike.
 */
function writeCost(existing, closures, writes, rounds) {
  const { writeFragment } = require(CORE);
  const part = entry(closures);
  const text = "export const x = 1;\n";
  const setups = [project(0, 1), project(existing, 1)].map(({ root, store }) => {
    const file = path.join(root, "src", "x.ts");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    // One write first, so both stores have their fragments folder before timing.
    writeFragment(store, root, "src/warm.ts", file, text, part);
    return { root, store, file, wall: [], cpu: [] };
  });
  try {
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 ? [...setups].reverse() : setups) {
        const t0 = process.hrtime.bigint();
        const c0 = process.cpuUsage();
        // Distinct keys: new fragments, as a first build writes them (a rebuild replaces its own the same way).
        for (let i = 0; i < writes; i++) writeFragment(s.store, s.root, `src/new/r${r}-${i}.ts`, s.file, text, part);
        const c = process.cpuUsage(c0);
        s.wall.push(Number(process.hrtime.bigint() - t0) / 1e3 / writes);
        s.cpu.push((c.user + c.system) / writes);
      }
    }
  } finally {
    for (const s of setups) fs.rmSync(s.root, { recursive: true, force: true });
  }
  return setups.map((s) => ({ wall: median(s.wall), cpu: median(s.cpu) }));
}

// Runs the CLI in a fresh process and reports that process's CPU time on fd 3 when it is done.
const TIMED_CLI = `
  const { run } = require(${JSON.stringify(BIN)});
  const status = run(process.argv.slice(1));
  const c = process.cpuUsage();
  require("fs").writeSync(3, JSON.stringify({ status, cpuMs: (c.user + c.system) / 1000 }));
`;

/** Median wall and CPU time (ms) of `memoscope report <args>` (a new process each run) over a store of `count` fragments. */
function readCost(count, closures, args, rounds) {
  const { root } = project(count, closures);
  const wall = [];
  const cpu = [];
  let bytes = 0;
  let ok = true;
  try {
    for (let r = 0; r < rounds; r++) {
      const t0 = process.hrtime.bigint();
      const result = spawnSync(process.execPath, ["-e", TIMED_CLI, "report", ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe", "pipe"] });
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const timing = JSON.parse(result.output[3] || "{}");
      cpu.push(timing.cpuMs);
      ok = ok && timing.status === 0;
      bytes = result.stdout.length;
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { ms: median(wall), cpuMs: median(cpu), ok, bytes };
}

async function runStore(opts, log) {
  const fragments = opts.quick ? 2000 : 10000;
  const writes = opts.quick ? 100 : 300;
  const rounds = opts.quick ? 3 : 7;
  const writeRows = [["part size", "empty store: wall (CPU)", `store of ${fragments} fragments: wall (CPU)`, "CPU ratio"]];
  for (const closures of [1, 10, 100]) {
    const [empty, full] = writeCost(fragments, closures, writes, rounds);
    const cell = (t) => `${t.wall.toFixed(0)} µs (${t.cpu.toFixed(0)} µs)`;
    writeRows.push([`${closures} closure${closures === 1 ? "" : "s"}`, cell(empty), cell(full), `${(full.cpu / empty.cpu).toFixed(2)}×`]);
    log(`  store write, ${closures} closures: ${cell(empty)} (empty), ${cell(full)} (${fragments} fragments)`);
  }
  const readRows = [["command", "fragments", "closures each", "wall time", "CPU time", "output"]];
  const readRounds = opts.quick ? 1 : 3;
  for (const [args, label] of [[["--format", "json"], "memoscope report --format json"], [["--check"], "memoscope report --check"], [["--write", "--format", "json"], "memoscope report --write --format json"]]) {
    const r = readCost(fragments, 5, args, readRounds);
    // --check exits 1 here: every second closure has a warning.
    const fine = r.ok || args[0] === "--check";
    readRows.push([`\`${label}\``, String(fragments), "5", fine ? `${(r.ms / 1000).toFixed(2)} s` : "failed", `${(r.cpuMs / 1000).toFixed(2)} s`, `${(r.bytes / 2 ** 20).toFixed(1)} MiB`]);
    log(`  ${label} over ${fragments} fragments: ${(r.ms / 1000).toFixed(2)} s wall, ${(r.cpuMs / 1000).toFixed(2)} s CPU`);
  }
  return { fragments, writes, rounds, readRounds, writeRows, readRows };
}

module.exports = { runStore };
