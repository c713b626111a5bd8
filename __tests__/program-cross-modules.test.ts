import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { createModuleResolver } from "../dist/core/program/modules";

/**
 * Module resolution for the whole-program pass (src/core/program/modules.ts): TypeScript's rules for
 * relative specifiers, tsconfig `paths`/`baseUrl`/`extends`, and report keys out. The property test
 * compares it with TypeScript's own resolver (moduleResolution "bundler") on random file trees.
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-modules-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (path → text) under `root`. */
function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

describe("relative specifiers", () => {
  beforeEach(() =>
    write(dir, {
      "src/a.ts": "",
      "src/b.tsx": "",
      "src/c.js": "",
      "src/d.mts": "",
      "src/e.cjs": "",
      "src/f.d.ts": "",
      "src/g.d.ts": "",
      "src/g.js": "",
      "src/lib/index.ts": "",
      "src/pkg/package.json": JSON.stringify({ main: "./main.js" }),
      "src/pkg/main.ts": "",
      "src/x.service.ts": "",
      "src/both.ts": "",
      "src/both.js": "",
      "src/deep/inner.ts": "",
    }),
  );
  const resolve = (from: string, specifier: string) => createModuleResolver(dir).resolve(from, specifier);

  test.each([
    ["./a", "src/a.ts"],
    ["./a.ts", "src/a.ts"],
    ["./a.js", "src/a.ts"], // ESM-style import of a TypeScript file
    ["./b", "src/b.tsx"],
    ["./b.jsx", "src/b.tsx"],
    ["./b.js", "src/b.tsx"],
    ["./c", "src/c.js"],
    ["./c.js", "src/c.js"],
    ["./d.mjs", "src/d.mts"],
    ["./d.mts", "src/d.mts"],
    ["./e.cjs", "src/e.cjs"],
    ["./lib", "src/lib/index.ts"],
    ["./lib/", "src/lib/index.ts"],
    ["./lib/index.js", "src/lib/index.ts"],
    ["./pkg", "src/pkg/main.ts"],
    ["./x.service", "src/x.service.ts"],
    ["./both", "src/both.ts"], // .ts before .js, as TypeScript probes
    ["./g", "src/g.js"], // the declaration file is skipped: the code is in g.js
    ["./g.js", "src/g.js"],
    ["./deep/inner", "src/deep/inner.ts"],
  ])("%s from src/main.ts → %s", (specifier, expected) => {
    expect(resolve("src/main.ts", specifier)).toBe(expected);
  });

  test.each([["./f"], ["./f.js"], ["./missing"], ["./d"], ["./a/"], ["./e"]])("%s resolves to nothing (declaration only, missing, or not probed)", (specifier) => {
    expect(resolve("src/main.ts", specifier)).toBeUndefined();
  });

  test("`..` and `.` climb and name directories", () => {
    expect(resolve("src/deep/inner.ts", "../a")).toBe("src/a.ts");
    expect(resolve("src/lib/other.ts", ".")).toBe("src/lib/index.ts");
    expect(resolve("src/lib/deeper/x.ts", "..")).toBe("src/lib/index.ts");
  });

  test("bare specifiers without a tsconfig, node: builtins and URLs are packages", () => {
    write(dir, { "node_modules/lodash/index.js": "" });
    for (const specifier of ["lodash", "node:fs", "fs", "https://example.com/x.js", "a"]) expect(resolve("src/main.ts", specifier)).toBeUndefined();
  });

  test("a relative import that lands in node_modules is package code", () => {
    write(dir, { "node_modules/lib/x.ts": "" });
    expect(resolve("src/main.ts", "../node_modules/lib/x")).toBeUndefined();
  });
});

describe("tsconfig paths and baseUrl", () => {
  test("`*` patterns, several targets in order, exact keys, longest prefix", () => {
    write(dir, {
      "tsconfig.json": `{
        // comments and trailing commas: tsconfig is JSONC
        "compilerOptions": {
          "paths": {
            "@app/*": ["./src/app/*", "./src/fallback/*",],
            "@app/special/*": ["./src/special/*"],
            "config": ["./src/config/index.ts"],
          },
        },
      }`,
      "src/app/cart.ts": "",
      "src/fallback/only-here.ts": "",
      "src/special/x.ts": "",
      "src/app/special/x.ts": "",
      "src/config/index.ts": "",
      "src/main.ts": "",
    });
    const { resolve, problems } = createModuleResolver(dir);
    expect(resolve("src/main.ts", "@app/cart")).toBe("src/app/cart.ts");
    expect(resolve("src/main.ts", "@app/cart.js")).toBe("src/app/cart.ts");
    expect(resolve("src/main.ts", "@app/only-here")).toBe("src/fallback/only-here.ts");
    expect(resolve("src/main.ts", "@app/special/x")).toBe("src/special/x.ts");
    expect(resolve("src/main.ts", "config")).toBe("src/config/index.ts");
    expect(resolve("src/main.ts", "@app/nothing")).toBeUndefined();
    expect(resolve("src/main.ts", "react")).toBeUndefined();
    expect(problems()).toEqual([]);
  });

  test("baseUrl maps bare specifiers, and paths are relative to it", () => {
    write(dir, {
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: "src", paths: { "~/*": ["./shared/*"] } } }),
      "src/utils/math.ts": "",
      "src/shared/money.ts": "",
      "src/main.ts": "",
    });
    const { resolve } = createModuleResolver(dir);
    expect(resolve("src/main.ts", "utils/math")).toBe("src/utils/math.ts");
    expect(resolve("src/main.ts", "~/money")).toBe("src/shared/money.ts");
    expect(resolve("src/main.ts", "react")).toBeUndefined();
  });

  test("extends: paths declared in the base are relative to the base's folder; the nearest tsconfig applies", () => {
    write(dir, {
      "config/tsconfig.base.json": `{ "compilerOptions": { "paths": { "@lib/*": ["../packages/lib/src/*"] }, }, }`,
      "tsconfig.json": `{ "extends": "./config/tsconfig.base.json", /* no paths of its own */ }`,
      "packages/lib/src/price.ts": "",
      "packages/app/tsconfig.json": `{ "compilerOptions": { "baseUrl": "." } }`,
      "packages/app/helpers/h.ts": "",
      "src/main.ts": "",
    });
    const { resolve } = createModuleResolver(dir);
    expect(resolve("src/main.ts", "@lib/price")).toBe("packages/lib/src/price.ts");
    // packages/app has its own tsconfig (baseUrl, no paths): @lib is not mapped there, helpers/h is.
    expect(resolve("packages/app/main.ts", "@lib/price")).toBeUndefined();
    expect(resolve("packages/app/main.ts", "helpers/h")).toBe("packages/app/helpers/h.ts");
  });

  test("a tsconfig that cannot be used is a problem line, and relative imports still resolve", () => {
    write(dir, {
      "tsconfig.json": `{ "extends": "./missing.json" }`,
      "src/a.ts": "",
    });
    const resolver = createModuleResolver(dir);
    expect(resolver.resolve("src/main.ts", "@x/y")).toBeUndefined();
    expect(resolver.resolve("src/main.ts", "./a")).toBe("src/a.ts");
    expect(resolver.problems()).toHaveLength(1);
    expect(resolver.problems()[0]).toMatch(/tsconfig\.json: cannot use its paths\/baseUrl \(File '\.\/missing\.json' not found\.\)/);
  });

  test("tsconfig: false resolves relative specifiers only", () => {
    write(dir, { "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: "." } }), "src/a.ts": "" });
    expect(createModuleResolver(dir).resolve("main.ts", "src/a")).toBe("src/a.ts");
    expect(createModuleResolver(dir, { tsconfig: false }).resolve("main.ts", "src/a")).toBeUndefined();
  });
});

describe("agrees with TypeScript's resolver (moduleResolution bundler) on random trees", () => {
  const names = ["a", "b", "index", "a.js", "a.service"];
  const dirs = ["", "sub/", "sub/deep/", "a/"];
  const exts = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
  const file = fc.tuple(fc.constantFrom(...dirs), fc.constantFrom(...names), fc.constantFrom(...exts)).map(([d, n, e]) => `src/${d}${n}${e}`);
  const specifier = fc.tuple(fc.constantFrom("./", "../", "./sub/", "./sub/deep/", "./a/", "../sub/"), fc.constantFrom("", ...names), fc.constantFrom("", ...exts, "/")).map(([p, n, e]) => `${p}${n}${e}`);
  const from = fc.constantFrom("src/main.ts", "src/sub/main.ts", "src/a/main.ts");

  test("same file, or nothing where TypeScript finds nothing", () => {
    fc.assert(
      fc.property(fc.uniqueArray(file, { minLength: 1, maxLength: 12 }), from, specifier, (files, importer, spec) => {
        const root = fs.mkdtempSync(path.join(dir, "p-"));
        write(root, Object.fromEntries(files.map((f) => [f, ""])));
        const ours = createModuleResolver(root).resolve(importer, spec);
        const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true, allowImportingTsExtensions: true, noEmit: true };
        const theirs = ts.resolveModuleName(spec, path.join(root, importer), options, ts.sys).resolvedModule?.resolvedFileName;
        const expected = theirs === undefined ? undefined : path.relative(root, theirs).split(path.sep).join("/");
        expect(ours).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("agrees with TypeScript's resolver on random tsconfig paths and baseUrl", () => {
  const file = fc.tuple(fc.constantFrom("src/", "src/sub/", "lib/", "lib/a/"), fc.constantFrom("a", "b", "index"), fc.constantFrom(".ts", ".ts", ".tsx", ".js", ".mts")).map(([d, n, e]) => `${d}${n}${e}`);
  const target = fc.constantFrom("./src/*", "./src/*", "./src/sub/*", "./lib/*", "./lib/*", "./lib/a/*", "./missing/*", "./src/a", "./lib");
  const paths = fc.dictionary(fc.constantFrom("@a/*", "@a/sub/*", "@x", "~/*", "*"), fc.array(target, { minLength: 1, maxLength: 3 }), { maxKeys: 3 });
  const baseUrl = fc.constantFrom(undefined, ".", "src", "lib");
  const specifier = fc.constantFrom("@a/a", "@a/b.js", "@a/sub/a", "@a/sub/index", "@x", "~/a", "~/sub/b", "a", "sub/a", "lib", "b", "@a", "react", "./a");

  test("same file, or nothing where TypeScript finds nothing", () => {
    fc.assert(
      fc.property(fc.uniqueArray(file, { minLength: 4, maxLength: 16 }), paths, baseUrl, specifier, (files, mapping, base, spec) => {
        const root = fs.mkdtempSync(path.join(dir, "t-"));
        const compilerOptions = { ...(base !== undefined && { baseUrl: base }), paths: mapping };
        write(root, { ...Object.fromEntries(files.map((f) => [f, ""])), "tsconfig.json": JSON.stringify({ compilerOptions }) });
        const ours = createModuleResolver(root).resolve("src/main.ts", spec);
        const parsed = ts.parseJsonConfigFileContent({ compilerOptions }, ts.sys, root);
        const options = { ...parsed.options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true, allowImportingTsExtensions: true, noEmit: true };
        const theirs = ts.resolveModuleName(spec, path.join(root, "src", "main.ts"), options, ts.sys).resolvedModule;
        // Package code (node_modules) is never the project's: TypeScript finds none here anyway.
        const expected = theirs === undefined || theirs.isExternalLibraryImport ? undefined : path.relative(root, theirs.resolvedFileName).split(path.sep).join("/");
        expect({ spec, compilerOptions, files, ours }).toEqual({ spec, compilerOptions, files, ours: expected });
      }),
      { numRuns: 300 },
    );
  });
});
