import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * scripts/bundle-startup.js (run by `npm run build`): what the bundler entries load at start ships as
 * one file, dist/bundler/startup.js, and each of those modules' own dist files is a stub taking its
 * module from there. Two things must hold: every path to such a module gives the one instance (a
 * module loaded later, such as transform.js, shares the options, messages and caches of the entry
 * that loaded it), and an entry loads nothing else of memoscope at start.
 */

const DIST = path.join(__dirname, "..", "dist");
const ENTRIES = ["vite", "rollup", "webpack", "rspack", "esbuild"];

/** Runs `script` in a fresh Node process (unplugin is ESM, which Jest's require cannot load) and parses what it prints. */
function inNode<T>(script: string): T {
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as T;
}

/** The module names the bundle holds (its export names: paths under dist/). */
const keys = inNode<string[]>(`process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(path.join(DIST, "bundler", "startup.js"))}))))`);

test("every module in the bundle is a stub on disk, and requiring it by its own path gives the bundle's instance", () => {
  expect(keys).toEqual(expect.arrayContaining([...ENTRIES.map((name) => `bundler/${name}.js`), "bundler/options.js", "core/diagnostics.js", "bundler/project-scan.js"]));
  const stub = /^"use strict";\n\/\/ Bundled into startup\.js .*\nmodule\.exports = require\(("[^"]+")\)\[("[^"]+")\];\n$/;
  for (const key of keys) {
    const file = path.join(DIST, key);
    const [, specifier, name] = stub.exec(fs.readFileSync(file, "utf8")) ?? [];
    expect([key, specifier && path.resolve(path.dirname(file), JSON.parse(specifier)), name && JSON.parse(name)]).toEqual([key, path.join(DIST, "bundler", "startup.js"), key]);
  }
  const different = inNode<string[]>(`
    const startup = require(${JSON.stringify(path.join(DIST, "bundler", "startup.js"))});
    process.stdout.write(JSON.stringify(Object.keys(startup).filter((key) => require(${JSON.stringify(DIST)} + "/" + key) !== startup[key])));`);
  expect(different).toEqual([]);
  // Modules loaded only when needed stay whole files of their own.
  for (const lazy of ["bundler/transform.js", "bundler/report.js", "core/report/merge.js"]) expect(keys).not.toContain(lazy);
  expect(fs.readFileSync(path.join(DIST, "bundler", "transform.js"), "utf8")).not.toMatch(/Bundled into startup\.js/);
});

test("a module loaded later (transform.js) loads no second copy of a bundled one, and a bad option is still wrapped (one MemoscopeError class)", () => {
  const script = `
    const esbuild = require(${JSON.stringify(path.join(DIST, "bundler", "esbuild.js"))});
    const { MemoscopeError } = require(${JSON.stringify(path.join(DIST, "core", "diagnostics.js"))});
    // transform.js is outside the bundle; what it requires of the bundle's modules must be the same objects.
    const before = new Set(Object.keys(require.cache));
    require(${JSON.stringify(path.join(DIST, "bundler", "transform.js"))});
    const diagnostics = Object.keys(require.cache).filter((k) => !before.has(k) && k.endsWith("/core/diagnostics.js"));
    let wrapped;
    try { esbuild({ cache: "sometimes" }); } catch (err) { wrapped = err.message; }
    process.stdout.write(JSON.stringify({ same: require(${JSON.stringify(path.join(DIST, "core", "diagnostics.js"))}).MemoscopeError === MemoscopeError, reloaded: diagnostics.length, wrapped }));`;
  const result = inNode<{ same: boolean; reloaded: number; wrapped: string }>(script);
  expect(result.same).toBe(true);
  expect(result.reloaded).toBe(0); // no second copy of diagnostics.js was loaded by transform.js's graph
  expect(result.wrapped).toMatch(/^\[memoscope\] .*cache/); // options.ts recognised core/options' MemoscopeError (instanceof) and wrapped it
});

test.each(ENTRIES)("memoscope/%s loads two files of memoscope (its stub and startup.js) when the plugin is made", (name) => {
  const script = `
    const factory = require(${JSON.stringify(path.join(DIST, "bundler", `${name}.js`))});
    factory();
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.startsWith(${JSON.stringify(DIST + path.sep)})).map((k) => k.slice(${JSON.stringify(DIST.length + 1)}))));`;
  const loaded = inNode<string[]>(script);
  expect(loaded.sort()).toEqual([`bundler/${name}.js`, "bundler/startup.js"].sort());
});
