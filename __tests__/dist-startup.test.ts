import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * scripts/bundle-startup.js (run by `npm run build`): what the bundler entries load at start ships as
 * two files, dist/core/startup.js (the core modules the other entries load too) and
 * dist/bundler/startup.js (the rest), and each of those modules' own dist files is a stub taking its
 * module from there. What must hold: every path to such a module gives the one instance (a module
 * loaded later, such as transform.js, shares the options, messages and caches of the entry that
 * loaded it), a bundler entry loads nothing else of memoscope at start, and the other entries load no
 * bundler code.
 */

const DIST = path.join(__dirname, "..", "dist");
const ENTRIES = ["vite", "rollup", "webpack", "rspack", "esbuild"];
const BUNDLES = [path.join(DIST, "core", "startup.js"), path.join(DIST, "bundler", "startup.js")];

/** Runs `script` in a fresh Node process (unplugin is ESM, which Jest's require cannot load) and parses what it prints. */
function inNode<T>(script: string): T {
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as T;
}

/** The module names each bundle holds (its export names: paths under dist/). */
const keysOf = BUNDLES.map((bundle) => inNode<string[]>(`process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(bundle)}))))`));
const keys = keysOf.flat();

test("every module in a bundle is a stub on disk, and requiring it by its own path gives the bundle's instance", () => {
  expect(keysOf[0]).toEqual(expect.arrayContaining(["core/diagnostics.js", "core/options.js", "core/tag-hint.js"]));
  expect(keysOf[1]).toEqual(expect.arrayContaining([...ENTRIES.map((name) => `bundler/${name}.js`), "bundler/options.js", "bundler/project-scan.js"]));
  expect(keysOf[1].filter((key) => !key.startsWith("bundler/"))).toEqual([]); // the core modules are in the core bundle only
  const stub = /^"use strict";\n\/\/ Bundled into (?:core|bundler)\/startup\.js .*\nmodule\.exports = require\(("[^"]+")\)\[("[^"]+")\];\n$/;
  BUNDLES.forEach((bundle, i) => {
    for (const key of keysOf[i]) {
      const file = path.join(DIST, key);
      const [, specifier, name] = stub.exec(fs.readFileSync(file, "utf8")) ?? [];
      expect([key, specifier && path.resolve(path.dirname(file), JSON.parse(specifier)), name && JSON.parse(name)]).toEqual([key, bundle, key]);
    }
  });
  const different = inNode<string[]>(`
    const bundles = ${JSON.stringify(BUNDLES)}.map((bundle) => require(bundle));
    process.stdout.write(JSON.stringify(bundles.flatMap((startup) => Object.keys(startup).filter((key) => require(${JSON.stringify(DIST)} + "/" + key) !== startup[key]))));`);
  expect(different).toEqual([]);
  // Modules loaded only when needed stay whole files of their own.
  for (const lazy of ["bundler/transform.js", "bundler/report.js", "core/report/merge.js"]) expect(keys).not.toContain(lazy);
  expect(fs.readFileSync(path.join(DIST, "bundler", "transform.js"), "utf8")).not.toMatch(/Bundled into/);
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

test.each(ENTRIES)("memoscope/%s loads three files of memoscope (its stub and the two bundles) when the plugin is made", (name) => {
  const script = `
    const factory = require(${JSON.stringify(path.join(DIST, "bundler", `${name}.js`))});
    factory();
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.startsWith(${JSON.stringify(DIST + path.sep)})).map((k) => k.slice(${JSON.stringify(DIST.length + 1)}))));`;
  const loaded = inNode<string[]>(script);
  expect(loaded.sort()).toEqual([`bundler/${name}.js`, "bundler/startup.js", "core/startup.js"].sort());
});

test.each(["babel/index.js", "ts/index.js", "eslint/index.js"])("%s loads no bundler code", (entry) => {
  const loaded = inNode<string[]>(`
    require(${JSON.stringify(path.join(DIST, entry))});
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.startsWith(${JSON.stringify(DIST + path.sep)})).map((k) => k.slice(${JSON.stringify(DIST.length + 1)}))));`);
  expect(loaded).toContain("core/startup.js");
  expect(loaded.filter((file) => file.startsWith("bundler/"))).toEqual([]);
});
