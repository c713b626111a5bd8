import { transformSync, type TransformOptions } from "@babel/core";
import fs from "node:fs";
import path from "node:path";

/**
 * SPEC §6 no-op guarantee: a file with no `@memoize` tag compiles to exactly what Babel gives without
 * the plugin when the report is off. The corpus is real code installed from npm: TypeScript and
 * JavaScript, ESM, CommonJS and UMD, classes, generators, async code, JSDoc-heavy sources.
 */

const ROOT = path.join(__dirname, "..");
const PLUGIN = path.join(ROOT, "dist", "babel", "index.js");
const NM = path.join(ROOT, "node_modules");

const CORPUS = [
  "rxjs/src/internal/Observable.ts", // TS, ESM, classes, overloads
  "rxjs/src/internal/operators/mergeInternals.ts", // TS, closures capturing mutable state
  "rxjs/src/internal/util/pipe.ts", // TS, overloads
  "zod/src/v4/core/util.ts", // TS, large, generics, enums
  "immer/src/core/immerClass.ts", // TS, class with arrow fields
  "immer/src/core/proxy.ts", // TS, object-literal methods, getters
  "lodash-es/debounce.js", // JS ESM, JSDoc, closures
  "lodash-es/_baseClone.js", // JS ESM
  "acorn/dist/acorn.js", // JS UMD, large
  "fast-memoize/src/index.js", // JS CommonJS
  "memoizee/ext/max.js", // JS CommonJS
  "micro-memoize/dist/cjs/index.cjs", // JS CommonJS, compiled
  "@babel/core/lib/transformation/index.js", // JS CommonJS, generators
];

/** Babel without project config: bare (TypeScript syntax only where needed), or a typical preset build. */
function options(filename: string, mode: "bare" | "presets", withPlugin: boolean): TransformOptions {
  const ts = filename.endsWith(".ts");
  return {
    filename,
    babelrc: false,
    configFile: false,
    sourceType: "unambiguous",
    sourceMaps: mode === "presets",
    plugins: withPlugin ? [[PLUGIN, { report: false }]] : [],
    presets:
      mode === "presets"
        ? [[require.resolve("@babel/preset-env"), { targets: { node: "20" } }], require.resolve("@babel/preset-typescript")]
        : ts
          ? [require.resolve("@babel/preset-typescript")]
          : [],
  };
}

function compile(source: string, filename: string, mode: "bare" | "presets", withPlugin: boolean) {
  const result = transformSync(source, options(filename, mode, withPlugin));
  return { code: result!.code!, map: result!.map ? JSON.stringify(result!.map) : undefined };
}

describe("no-op guarantee: untagged files compile byte-identically with the plugin (report off)", () => {
  test("the plugin is built and rewrites a tagged function (so the comparisons below are not vacuous)", () => {
    expect(fs.existsSync(PLUGIN)).toBe(true);
    const source = "/** @memoize */\nfunction square(n) {\n  return n * n;\n}\n";
    const plain = compile(source, path.join(ROOT, "noop-probe.js"), "bare", false).code;
    const rewritten = compile(source, path.join(ROOT, "noop-probe.js"), "bare", true).code;
    expect(rewritten).not.toBe(plain);
    expect(rewritten).toContain("memoscope/runtime");
  });

  describe.each(CORPUS)("%s", (rel) => {
    const filename = path.join(NM, rel);
    const source = fs.readFileSync(filename, "utf8");

    test("has no @memoize tag", () => {
      expect(source).not.toMatch(/@memoi[sz]e/);
    });

    test.each(["bare", "presets"] as const)("%s: output (and source map) is identical", (mode) => {
      const without = compile(source, filename, mode, false);
      const withPlugin = compile(source, filename, mode, true);
      expect(withPlugin.code === without.code).toBe(true); // not toEqual: a diff of a 6k-line file helps nobody
      expect(withPlugin.map === without.map).toBe(true);
    });
  });
});
