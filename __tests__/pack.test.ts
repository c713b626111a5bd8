import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The package as users get it: `npm pack`, unpacked into a fresh project's node_modules, used from a
 * babel.config.js as `plugins: ["memoscope/babel"]` with @babel/preset-typescript, from a tsconfig's
 * `plugins: [{ transform: "memoscope/ts" }]` through `ts-patch/compiler`, and
 * `import { cacheOf } from "memoscope/runtime"` type-checked by tsc, and the runtime's two conditions
 * (`import` → dist/esm, `require` → dist/runtime) resolved, loaded and type-checked. No network: the peers (Babel,
 * TypeScript, ts-patch) are linked from this repository's node_modules.
 */
const ROOT = path.resolve(__dirname, "..");

describe("npm pack → install → use", () => {
  let project: string;

  beforeAll(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-pack-"));
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", project], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
    const modules = path.join(project, "node_modules");
    fs.mkdirSync(path.join(modules, "memoscope"), { recursive: true });
    execFileSync("tar", ["xzf", path.join(project, tarball), "-C", path.join(modules, "memoscope"), "--strip-components=1"]);
    for (const name of ["@babel", "typescript", "ts-patch", "@types"]) fs.symlinkSync(path.join(ROOT, "node_modules", name), path.join(modules, name));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "user-app", private: true }));
    fs.writeFileSync(
      path.join(project, "babel.config.js"),
      `module.exports = { presets: ["@babel/preset-typescript"], plugins: [["memoscope/babel", { report: false }], "@babel/plugin-transform-modules-commonjs"] };\n`,
    );
    fs.mkdirSync(path.join(project, "src"));
    fs.writeFileSync(
      path.join(project, "src", "app.ts"),
      `import { cacheOf } from "memoscope/runtime";
export let runs = 0;
/** @memoize max=100 */
export function add(a: number, b: number): number { runs++; return a + b; }
export class Cart {
  constructor(private items: number[]) {}
  /** @memoize */
  get total(): number { runs++; return this.items.reduce((x, y) => x + y, 0); }
}
export function check(): string {
  add(1, 2); add(1, 2);
  const cart = new Cart([1, 2, 3]);
  cart.total; cart.total;
  const info = cacheOf(add).info();
  const cartInfo = cacheOf(cart, "total").info();
  // @ts-expect-error -- cacheOf(add).has takes (number, number)
  cacheOf(add).has("x", 1);
  return JSON.stringify({ runs, info, cartSize: cartInfo.size });
}
`,
    );
    fs.writeFileSync(
      path.join(project, "src", "esm-user.mts"),
      `import { cacheOf, type CacheControl } from "memoscope/runtime";
export function infoOf(fn: (n: number) => number): CacheControl<[number]> { return cacheOf(fn); }
// @ts-expect-error -- the ESM types are the same typed API: has takes the function's parameters
export const wrong = (fn: (n: number) => number) => cacheOf(fn).has("x");
`,
    );
  }, 120000);

  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  test("the tarball holds the built entry points and nothing from the repo's tests", () => {
    const files = execFileSync("find", [".", "-type", "f"], { cwd: path.join(project, "node_modules", "memoscope"), encoding: "utf8" });
    const entries = ["dist/babel/index.js", "dist/runtime/index.js", "dist/runtime/index.d.ts", "dist/esm/runtime/index.js", "dist/esm/runtime/index.d.ts", "dist/esm/package.json", "dist/ts/ts-jest.js", "dist/bundler/vite.js", "dist/bundler/webpack.d.ts"];
    for (const entry of [...entries, "package.json", "README.md"]) expect(files).toContain(entry);
    expect(files).not.toMatch(/__tests__|fixtures\//);
  });

  test("every image the README shows from the package is in it (npm renders the README with paths relative to the package)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]).filter((src) => !/^[a-z]+:/i.test(src));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(fs.existsSync(path.join(project, "node_modules", "memoscope", image))).toBe(true);
  });

  test("Babel with preset-typescript compiles through `memoscope/babel` and the output runs", () => {
    const script = `
      const babel = require("@babel/core");
      const fs = require("fs");
      const { code } = babel.transformFileSync("src/app.ts", { cwd: process.cwd() });
      fs.mkdirSync("lib", { recursive: true });
      fs.writeFileSync("lib/app.js", code);
      console.log(require("./lib/app.js").check());
    `;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ runs: 2, info: { hits: 1, misses: 1, size: 1, max: 100 }, cartSize: 1 });
  });

  test("ts-patch/compiler with `memoscope/ts` in tsconfig plugins compiles, and the output runs", () => {
    const script = `
      const ts = require("ts-patch/compiler");
      const path = require("path");
      const config = ts.parseJsonConfigFileContent({
        compilerOptions: { strict: true, module: "commonjs", target: "ES2022", outDir: "ts-out", declaration: true, types: [],
          plugins: [{ transform: "memoscope/ts", report: false }] },
        files: ["src/app.ts"],
      }, ts.sys, process.cwd());
      const program = ts.createProgram(config.fileNames, config.options);
      const result = program.emit();
      const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length) { console.error(ts.formatDiagnostics(errors, ts.createCompilerHost({}))); process.exit(1); }
      console.log(require(path.resolve("ts-out/app.js")).check());
    `;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ runs: 2, info: { hits: 1, misses: 1, size: 1, max: 100 }, cartSize: 1 });
    expect(fs.readFileSync(path.join(project, "ts-out", "app.js"), "utf8")).toContain('require("memoscope/runtime")');
  });

  test("`import` loads the ESM build and `require` the CommonJS build; both copies see one registry", () => {
    const script = `
      import { createRequire } from "node:module";
      import * as esm from "memoscope/runtime";
      const require = createRequire(import.meta.url);
      const cjs = require("memoscope/runtime");
      const f = esm.memoize((n) => n + 1, { arity: 1 });
      f(1); f(1);
      console.log(JSON.stringify({
        import: import.meta.resolve("memoscope/runtime"),
        require: require.resolve("memoscope/runtime"),
        exports: Object.keys(esm).sort(),
        twoCopies: esm.cacheOf !== cjs.cacheOf,
        info: cjs.cacheOf(f).info(),
      }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" }));
    const installed = fs.realpathSync(path.join(project, "node_modules", "memoscope"));
    expect(new URL(out.import).pathname).toBe(path.join(installed, "dist", "esm", "runtime", "index.js"));
    expect(out.require).toBe(path.join(installed, "dist", "runtime", "index.js"));
    expect(out.exports).toEqual(Object.keys(require(out.require)).sort());
    expect(out).toMatchObject({ twoCopies: true, info: { hits: 1, misses: 1, size: 1 } });
  });

  test.each([
    ["node16", "node16"],
    ["commonjs", "node"],
    ["esnext", "bundler"],
  ])("cacheOf is typed (module %s, moduleResolution %s): tsc accepts correct use, rejects wrong arguments", (module, moduleResolution) => {
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      // src/esm-user.mts reads the `import` condition's types, src/app.ts (CommonJS under node16) the `require` one's.
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: "ES2022", types: [] }, files: ["src/app.ts", ...(module === "commonjs" ? [] : ["src/esm-user.mts"])] }),
    );
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", "."], { cwd: project, encoding: "utf8" });
    } catch (err) {
      output = String((err as { stdout?: string }).stdout) || String(err);
    }
    expect(output).toBe("");
  });

  test("node16 resolution reads the ESM declarations for `import` and the CommonJS ones for `require`", () => {
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "node16", moduleResolution: "node16", target: "ES2022", types: [], traceResolution: true }, files: ["src/app.ts", "src/esm-user.mts"] }),
    );
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    const trace = execFileSync(process.execPath, [tsc, "-p", "."], { cwd: project, encoding: "utf8" });
    expect(trace).toMatch(/'memoscope\/runtime' was successfully resolved to '[^']*\/dist\/esm\/runtime\/index\.d\.ts'/);
    expect(trace).toMatch(/'memoscope\/runtime' was successfully resolved to '[^']*\/memoscope\/dist\/runtime\/index\.d\.ts'/);
  });
});
