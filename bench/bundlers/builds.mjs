// One production build of the benchmark app with one bundler, with or without memoscope's plugin.
// Each bundler gets what a typical project uses for TypeScript: Vite, esbuild and Rspack their own;
// Rollup and webpack an esbuild-based transform (what rollup-plugin-esbuild / esbuild-loader do).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const plugin = (tool) => require(path.join(ROOT, "dist", "bundler", `${tool}.js`));
const LOADER = path.join(import.meta.dirname, "esbuild-loader.cjs");

function rollupTypeScript() {
  return {
    name: "ts",
    resolveId(source, importer) {
      if (importer && !source.startsWith(".")) return createRequire(importer).resolve(source.replace(/^lodash-es$/, "lodash-es/lodash.js"));
      if (!importer || !source.startsWith(".")) return null;
      for (const ext of [".ts", ".js", "/index.ts"]) {
        const file = path.resolve(path.dirname(importer), source + ext);
        if (fs.existsSync(file)) return file;
      }
      return null;
    },
    async transform(code, id) {
      if (!id.endsWith(".ts")) return null;
      const r = await require("esbuild").transform(code, { loader: "ts", sourcemap: false });
      return { code: r.code, map: null };
    },
  };
}

/** A plugin that registers nothing, for each bundler: the noise control (what any plugin costs, and how much the figures move by chance). */
const NOOP = {
  esbuild: () => ({ name: "noop", setup() {} }),
  vite: () => ({ name: "noop" }),
  rollup: () => ({ name: "noop" }),
  webpack: () => ({ apply() {} }),
  rspack: () => ({ apply() {} }),
};

/** The variants each bundler is built in: no plugin, memoscope() first, or the do-nothing plugin first. */
export const VARIANTS = ["without", "with", "noop"];

/** Builds `app` with `tool` as `variant` (VARIANTS). Resolves when the output is written. */
export async function build(tool, app, variant) {
  // Outside the app folder, as a project has one output folder of its own (which Rspack's scan skips), not ten.
  const out = path.join(app.dir, "..", `${path.basename(app.dir)}-dist`, `${tool}-${variant}`);
  fs.rmSync(out, { recursive: true, force: true });
  const memoscope = variant === "with" ? [plugin(tool)()] : variant === "noop" ? [NOOP[tool]()] : [];
  switch (tool) {
    case "esbuild": {
      const esbuild = await import("esbuild");
      // Run from the app folder, as a project runs its build.
      await esbuild.build({ absWorkingDir: app.dir, entryPoints: [app.entry], bundle: true, format: "esm", minify: true, outdir: out, logLevel: "silent", plugins: memoscope });
      return;
    }
    case "vite": {
      const { build } = await import("vite");
      await build({ root: app.dir, configFile: false, logLevel: "silent", plugins: memoscope, build: { outDir: out, lib: { entry: app.entry, formats: ["es"], fileName: "main" } } });
      return;
    }
    case "rollup": {
      const { rollup } = await import("rollup");
      const bundle = await rollup({ input: app.entry, plugins: [...memoscope, rollupTypeScript()], onwarn() {} });
      await bundle.write({ dir: out, format: "es" });
      await bundle.close();
      return;
    }
    case "webpack":
    case "rspack": {
      const rspack = tool === "rspack";
      const create = rspack ? require("@rspack/core").rspack : require("webpack");
      const rule = rspack
        ? { test: /\.ts$/, loader: "builtin:swc-loader", options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }, type: "javascript/auto" }
        : { test: /\.ts$/, loader: LOADER };
      const compiler = create({
        mode: "production",
        context: app.dir,
        entry: app.entry,
        output: { path: out, filename: "main.js", library: { type: "module" } },
        experiments: { outputModule: true },
        resolve: { extensions: [".ts", ".js"] },
        module: { rules: [rule] },
        // Terser would be most of a webpack build here: without it the plugin's share is measured against less.
        optimization: { minimize: rspack },
        plugins: memoscope,
        infrastructureLogging: { level: "none" },
      });
      const stats = await new Promise((resolve, reject) => compiler.run((err, s) => (err ? reject(err) : resolve(s))));
      await new Promise((resolve) => compiler.close(resolve));
      if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
      return;
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}
