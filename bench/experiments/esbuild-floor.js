"use strict";
// What any plugin that never lets a tagged file slip must cost a cold esbuild build with no tag
// (issue 9, item 6), next to memoscope's. A cold build is a fresh process, as the esbuild CLI or a build
// script runs. Variants, each built in its own fresh process, interleaved, order rotating each round:
//   without  no plugin
//   noop     a plugin registering onStart, onEnd and an onLoad whose filter matches nothing
//   floor    the least a correct no-tag plugin of this design does: read its saved stamps and filter
//            (one small JSON file, written before the rounds), list the project, stat every script and
//            compare its stamp (a file edited since could have gained the tag), register the filter
//            that leaves the untagged files to esbuild, and onStart/onEnd. No module of memoscope loaded.
//   memoscope  memoscope() from dist/bundler/esbuild.js
// The app is bench/bundlers' (rxjs's sources, 250 files, and lodash-es as a dependency). Prints medians
// (ms since the process started, and the process's CPU time) and ratios to `without`.
// Run: `npm run build && node bench/experiments/esbuild-floor.js [rounds]` (default 30). Not part of
// `npm run bench`; run it on a quiet machine.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const VARIANTS = ["without", "noop", "floor", "memoscope"];
const SAVED = path.join(__dirname, "..", ".out", "esbuild-floor.json");
const SCRIPT = /\.[cm]?[jt]sx?$/;

/** The floor plugin: see the header. */
function floorPlugin() {
  return {
    name: "floor",
    setup(build) {
      const saved = JSON.parse(fs.readFileSync(SAVED, "utf8"));
      const pending = [saved.root];
      let changed = 0;
      while (pending.length > 0) {
        const dir = pending.pop();
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = `${dir}/${entry.name}`;
          if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && !entry.name.startsWith(".") && entry.name !== "dist") pending.push(file);
          } else if (SCRIPT.test(entry.name)) {
            const stat = fs.statSync(file);
            const stamp = saved.stamps[file];
            if (!stamp || stamp[0] !== stat.size || stamp[1] !== stat.mtimeMs || stamp[2] !== stat.ctimeMs) changed++;
          }
        }
      }
      if (changed > 0) throw new Error(`floor: ${changed} files changed since the stamps were saved; delete ${SAVED}`);
      build.onStart(() => undefined);
      build.onLoad({ filter: new RegExp(saved.filter) }, () => undefined);
      build.onEnd(() => undefined);
    },
  };
}

/** One build in this fresh process; prints `{ wall, cpu }`. */
async function child(variant) {
  const { makeApp } = require("../bundlers/app.js");
  const app = makeApp({ count: false });
  const esbuild = require("esbuild");
  const plugins =
    variant === "memoscope"
      ? [require("../../dist/bundler/esbuild.js")()]
      : variant === "floor"
        ? [floorPlugin()]
        : variant === "noop"
          ? [{ name: "noop", setup: (b) => (b.onStart(() => undefined), b.onEnd(() => undefined), b.onLoad({ filter: /^\0never$/ }, () => undefined)) }]
          : [];
  await esbuild.build({ absWorkingDir: app.dir, entryPoints: [app.entry], bundle: true, format: "esm", minify: true, outdir: path.join(app.dir, "..", "esbuild-floor-dist", variant), logLevel: "silent", plugins });
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ wall: require("perf_hooks").performance.now(), cpu: (cpu.user + cpu.system) / 1000 }));
  process.exit(0);
}

/** The stamps and the filter memoscope's scan gives the app, saved for the floor plugin. */
function save() {
  const { makeApp } = require("../bundlers/app.js");
  const root = fs.realpathSync(makeApp({ count: false }).dir);
  const { scanProject } = require("../../dist/bundler/project-scan.js");
  const { scriptsOutside } = require("../../dist/bundler/esbuild-filter.js");
  const { TAG_HINT } = require("../../dist/core/tag-hint.js");
  const scan = scanProject(root, [path.join(root, "dist")], TAG_HINT);
  if (!scan || scan.tagged.length > 0) throw new Error("the bench app must scan, with no tag");
  const stamps = {};
  for (const file of scan.untagged) {
    const stat = fs.statSync(file);
    stamps[file] = [stat.size, stat.mtimeMs, stat.ctimeMs];
  }
  fs.mkdirSync(path.dirname(SAVED), { recursive: true });
  // No tag: the filter lets through only what the scan does not read (outside the project, dot-folders, the output folder).
  fs.writeFileSync(SAVED, JSON.stringify({ root, stamps, filter: scriptsOutside(root, [path.join(root, "dist")], new Map()).source }));
}

function main() {
  const rounds = Number(process.argv[2] || 30);
  save();
  const times = Object.fromEntries(VARIANTS.map((v) => [v, { wall: [], cpu: [] }]));
  const run = (variant) => JSON.parse(execFileSync(process.execPath, [__filename, "--child", variant], { encoding: "utf8" }));
  for (const variant of VARIANTS) run(variant); // warm the disk cache and memoscope's own caches
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < VARIANTS.length; i++) {
      const variant = VARIANTS[(round + i) % VARIANTS.length];
      const { wall, cpu } = run(variant);
      times[variant].wall.push(wall);
      times[variant].cpu.push(cpu);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const base = { wall: median(times.without.wall), cpu: median(times.without.cpu) };
  console.log(`cold esbuild build, ${rounds} rounds, medians (Node ${process.version}, ${require("os").cpus()[0].model}, ${require("os").cpus().length} cores)`);
  console.log("variant     wall ms  ratio   cpu ms  ratio");
  for (const variant of VARIANTS) {
    const wall = median(times[variant].wall);
    const cpu = median(times[variant].cpu);
    console.log(`${variant.padEnd(10)} ${wall.toFixed(1).padStart(8)} ${(wall / base.wall).toFixed(3).padStart(6)} ${cpu.toFixed(1).padStart(8)} ${(cpu / base.cpu).toFixed(3).padStart(6)}`);
  }
}

if (process.argv[2] === "--child") child(process.argv[3]);
else main();
