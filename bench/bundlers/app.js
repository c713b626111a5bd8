"use strict";
// The benchmark app: real, untagged source, as an app has it: its own code in src/ — rxjs/src
// (TypeScript, ~250 files) copied out of node_modules into bench/.out/bundler-app/src, so the plugin's
// include filter takes every file — and a dependency left in node_modules, lodash-es (JavaScript, ~650
// files), which the default exclude skips. One entry re-exports all of both.

const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const NM = path.join(ROOT, "node_modules");
const APP = path.join(__dirname, "..", ".out", "bundler-app");

function copy(from, to, keep) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copy(source, target, keep);
    else if (keep(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

/**
 * Writes the app (once) and returns its folder, entry and file counts (`count: false`: folder and
 * entry only, reading nothing). `copies`: the larger app, with rxjs/src copied that many times
 * (src/rxjs0, src/rxjs1, …), every copy re-exported: a build with that many times the app's own modules.
 */
function makeApp({ count: counting = true, copies = 1 } = {}) {
  const dir = copies === 1 ? APP : `${APP}-x${copies}`;
  const src = path.join(dir, "src");
  if (!fs.existsSync(path.join(src, "main.ts"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    const folders = copies === 1 ? ["rxjs"] : Array.from({ length: copies }, (_, i) => `rxjs${i}`);
    for (const folder of folders) copy(path.join(NM, "rxjs", "src"), path.join(src, folder), (name) => name.endsWith(".ts") && !name.endsWith(".d.ts"));
    // Every rxjs module through `export * as` (rxjs's own index re-exports types without `type`, which
    // Vite/rolldown reject in isolated-modules builds), and all of lodash-es (the dependency) through its entry.
    const internal = fs.readdirSync(path.join(src, folders[0], "internal"), { recursive: true }).map(String).filter((f) => f.endsWith(".ts") && !f.endsWith("umd.ts")).sort(); // umd.ts re-imports the index
    const lines = folders.flatMap((folder, c) => internal.map((f, i) => `export * as rx${copies === 1 ? "" : `${c}_`}${i} from "./${folder}/internal/${f.replace(/\\/g, "/").replace(/\.ts$/, "")}";`));
    fs.writeFileSync(path.join(src, "main.ts"), `${lines.join("\n")}\nexport * as _ from "lodash-es";\n`);
  }
  if (!counting) return { dir, entry: path.join(src, "main.ts") };
  const count = (dir, re) => fs.readdirSync(dir, { recursive: true }).filter((f) => re.test(String(f))).length;
  const text = fs.readdirSync(src, { recursive: true }).filter((f) => /\.[jt]s$/.test(String(f))).map((f) => fs.readFileSync(path.join(src, String(f)), "utf8"));
  const lodash = path.join(NM, "lodash-es");
  return {
    dependency: count(lodash, /\.js$/),
    dir,
    entry: path.join(src, "main.ts"),
    ts: count(src, /\.ts$/),
    js: count(src, /\.js$/),
    lines: text.reduce((n, t) => n + t.split("\n").length, 0),
    tagged: text.filter((t) => /@(memo|cached)/i.test(t)).length,
  };
}

module.exports = { makeApp, APP };
