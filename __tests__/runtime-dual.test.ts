import { transformSync } from "@babel/core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build as esbuild } from "esbuild";
import { rollup, type RollupLog } from "rollup";
import webpack from "webpack";
import { babelOptions } from "./support/compile-babel";
import { compileFileWithTs } from "./support/compile-ts";
import { ROOT } from "./support/fixtures";

/**
 * The runtime is a dual package: `import "memoscope/runtime"` loads dist/esm, `require` loads dist/runtime.
 * Generated code and user code may load different copies (ESM output used from CommonJS, and the
 * reverse); both copies share one registry, so `cacheOf` still finds every cache. Bundlers take the
 * ESM copy with no CommonJS support at all.
 */

const LIB = `
const counter = { runs: 0 };
/** @memoize */
export function square(n: number): number { counter.runs++; return n * n; }
/** @memoize max=10 */
export const twice = (n: number) => { counter.runs++; return 2 * n; };
export class Box {
  /** @memoize */
  area(w: number, h: number): number { counter.runs++; return w * h; }
}
export function count(): number { return counter.runs; }
`;

/** Uses the library, then reads its caches through the user's copy of the runtime. */
const USE = `
  lib.square(3); lib.square(3); lib.twice(2); lib.twice(2);
  const box = new lib.Box(); box.area(2, 3); box.area(2, 3);
  const seen = { square: cacheOf(lib.square).info(), twice: cacheOf(lib.twice).info(), area: cacheOf(box, "area").info(), runs: lib.count() };
  cacheOf(lib.square).clear();
  seen.afterClear = { size: cacheOf(lib.square).info().size, has: cacheOf(lib.twice).has(2) };
  let error = "";
  try { cacheOf(function plain() {}); } catch (err) { error = err.message; }
  seen.error = error;
`;

const EXPECTED = {
  square: { hits: 1, misses: 1, size: 1 },
  twice: { hits: 1, misses: 1, size: 1, max: 10 },
  area: { hits: 1, misses: 1, size: 1 },
  runs: 3,
  afterClear: { size: 0, has: true },
  error: "cacheOf: function plain is not a function memoized by memoscope (tag it with /** @memoize */)",
};

let project: string;

/** The library compiled to ESM and to CommonJS by one front end. */
function compileLib(frontEnd: "babel" | "ts"): { esm: string; cjs: string } {
  const file = path.join(project, "lib.ts");
  if (frontEnd === "babel") {
    const compile = (modules: "commonjs" | false) => transformSync(LIB, babelOptions(file, { report: false }, modules))!.code!;
    return { esm: compile(false), cjs: compile("commonjs") };
  }
  const compile = (module: "commonjs" | "esm") => {
    const result = compileFileWithTs(file, { report: false }, { module, source: LIB });
    expect(result.errors).toEqual([]);
    return result.code;
  };
  return { esm: compile("esm"), cjs: compile("commonjs") };
}

function run(file: string): unknown {
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: "utf8" }));
}

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-dual-"));
  fs.mkdirSync(path.join(project, "node_modules"));
  fs.symlinkSync(ROOT, path.join(project, "node_modules", "memoscope"));
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "dual-user", private: true }));
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

describe.each(["babel", "ts"] as const)("%s output", (frontEnd) => {
  beforeAll(() => {
    const { esm, cjs } = compileLib(frontEnd);
    expect(esm).toMatch(/^import \* as _memoscope from "memoscope\/runtime";/m);
    expect(cjs).toMatch(/require\("memoscope\/runtime"\)/);
    fs.writeFileSync(path.join(project, `lib-${frontEnd}.mjs`), esm);
    fs.writeFileSync(path.join(project, `lib-${frontEnd}.cjs`), cjs);
  });

  test("CommonJS user code finds the caches of a library compiled to ESM", () => {
    const user = path.join(project, `cjs-user-${frontEnd}.cjs`);
    fs.writeFileSync(
      user,
      `const { cacheOf } = require("memoscope/runtime");
      (async () => {
        const lib = await import("./lib-${frontEnd}.mjs");
        const other = await import("memoscope/runtime");
        ${USE}
        seen.twoCopies = other.cacheOf !== cacheOf;
        console.log(JSON.stringify(seen));
      })();`,
    );
    expect(run(user)).toMatchObject({ ...EXPECTED, twoCopies: true });
  });

  test("ESM user code finds the caches of a library compiled to CommonJS", () => {
    const user = path.join(project, `esm-user-${frontEnd}.mjs`);
    fs.writeFileSync(
      user,
      `import { cacheOf } from "memoscope/runtime";
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const lib = require("./lib-${frontEnd}.cjs");
      ${USE}
      seen.twoCopies = require("memoscope/runtime").cacheOf !== cacheOf;
      console.log(JSON.stringify(seen));`,
    );
    expect(run(user)).toMatchObject({ ...EXPECTED, twoCopies: true });
  });
});

describe("bundlers take the ESM build, with no CommonJS support", () => {
  let entry: string;
  let runtimeEntry: string;

  beforeAll(() => {
    fs.writeFileSync(path.join(project, "lib-bundle.mjs"), compileLib("babel").esm);
    entry = path.join(project, "bundle-entry.mjs");
    fs.writeFileSync(entry, `import { cacheOf } from "memoscope/runtime";\nimport * as lib from "./lib-bundle.mjs";\n${USE}\nconsole.log(JSON.stringify(seen));\n`);
    // Node's own resolver, with the `import` condition a bundler's resolver applies.
    runtimeEntry = execFileSync(process.execPath, ["--input-type=module", "-e", `console.log(new URL(import.meta.resolve("memoscope/runtime")).pathname)`], { cwd: project, encoding: "utf8" }).trim();
    expect(runtimeEntry).toBe(path.join(ROOT, "dist", "esm", "runtime", "index.js"));
  });

  test("Rollup bundles it without @rollup/plugin-commonjs: no warning, one runtime copy, caches found", async () => {
    const logs: RollupLog[] = [];
    const bundle = await rollup({
      input: entry,
      onwarn: (log) => void logs.push(log),
      // Stands in for @rollup/plugin-node-resolve: package names only; relative files are Rollup's own.
      plugins: [{ name: "resolve-package", resolveId: (source) => (source === "memoscope/runtime" ? runtimeEntry : null) }],
    });
    const { output } = await bundle.generate({ format: "es" });
    await bundle.close();
    expect(logs.map((l) => `${l.code}: ${l.message}`)).toEqual([]);
    const code = output[0].code;
    expect(code).not.toMatch(/\brequire\(|\bexports\./);
    expect(code.match(/Symbol\.for\(`memoscope\.registry/g)).toHaveLength(1);
    const out = path.join(project, "rollup-out.mjs");
    fs.writeFileSync(out, code);
    expect(run(out)).toMatchObject(EXPECTED);
  });

  test("esbuild bundles it as ESM (no CommonJS wrapper), and the bundle finds the caches", async () => {
    const result = await esbuild({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent", absWorkingDir: project });
    expect(result.warnings).toEqual([]);
    const code = result.outputFiles[0].text;
    expect(code).not.toMatch(/__commonJS|__require\(/);
    expect(code).toContain("dist/esm/runtime/registry.js");
    const out = path.join(project, "esbuild-out.mjs");
    fs.writeFileSync(out, code);
    expect(run(out)).toMatchObject(EXPECTED);
  });

  test("webpack takes the ESM build for `import` and the CommonJS one for `require`: one bundle, both copies, one registry", async () => {
    // A CommonJS module of the app reads the caches through `require`, the library's generated code imports.
    fs.writeFileSync(path.join(project, "cjs-reader.cjs"), `const { cacheOf } = require("memoscope/runtime");\nmodule.exports = (fn) => cacheOf(fn).info();\n`);
    const webpackEntry = path.join(project, "webpack-entry.mjs");
    fs.writeFileSync(
      webpackEntry,
      `import { cacheOf } from "memoscope/runtime";\nimport * as lib from "./lib-bundle.mjs";\nimport read from "./cjs-reader.cjs";\n${USE}\nseen.viaRequire = read(lib.twice);\nconsole.log(JSON.stringify(seen));\n`,
    );
    const compiler = webpack({ mode: "development", devtool: false, target: "node", entry: webpackEntry, context: project, output: { path: path.join(project, "webpack-out"), filename: "main.js" } });
    const stats = await new Promise<webpack.Stats>((resolve, reject) => compiler.run((err, result) => (err ? reject(err) : resolve(result!))));
    await new Promise((resolve) => compiler.close(resolve));
    expect(stats.toJson({ all: false, errors: true, warnings: true })).toMatchObject({ errors: [], warnings: [] });
    const code = fs.readFileSync(path.join(project, "webpack-out", "main.js"), "utf8");
    expect(code).toContain("dist/esm/runtime/registry.js");
    expect(code).toMatch(/[^m]\/dist\/runtime\/registry\.js/);
    expect(run(path.join(project, "webpack-out", "main.js"))).toMatchObject({ ...EXPECTED, viaRequire: EXPECTED.twice });
  });
});

test("a function memoized by a runtime of another protocol version gets an error that says so", () => {
  const script = path.join(project, "other-version.cjs");
  fs.writeFileSync(
    script,
    `const { cacheOf } = require("memoscope/runtime");
    function fromV2() {}
    fromV2[Symbol.for("memoscope.store.v2")] = {};
    try { cacheOf(fromV2); } catch (err) { console.log(JSON.stringify(err.message)); }`,
  );
  expect(run(script)).toBe(
    "cacheOf: function fromV2 is not a function memoized by memoscope (tag it with /** @memoize */); a memoscope runtime of another version (protocol 2, this one is 1) is loaded too: install a single memoscope version (npm dedupe)",
  );
});
