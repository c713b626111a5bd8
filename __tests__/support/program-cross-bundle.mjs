// Builds the whole-program fixture project (a copy of fixtures/program at `dir`) with one bundler and
// memoscope's plugin, then prints a JSON summary on stdout after a marker: { warnings: [text], errors: [text] }.
// Run in a child process by __tests__/program-cross-bundlers.test.ts (Vite and unplugin are ES modules).
// Usage: node program-cross-bundle.mjs '{"tool":"esbuild","dir":"/abs/project","options":{}}'
import path from "node:path";
import { createRequire } from "node:module";

const { tool, dir, options } = JSON.parse(process.argv[2]);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);
const memoscope = require(path.join(ROOT, "dist", "bundler", `${tool}.js`));
const entries = [path.join(dir, "src", "cart.ts"), path.join(dir, "src", "checkout.ts")];
const result = { warnings: [], errors: [] };

if (tool === "esbuild") {
  const esbuild = await import("esbuild");
  try {
    // esbuild reads the project's tsconfig (extends, paths, baseUrl) itself.
    const r = await esbuild.build({ absWorkingDir: dir, entryPoints: entries, bundle: true, platform: "node", format: "cjs", outdir: path.join(dir, "out"), external: ["memoscope/runtime"], plugins: [memoscope(options)], logLevel: "silent" });
    result.warnings.push(...r.warnings.map((w) => w.text));
  } catch (err) {
    result.errors.push(...(err.errors ?? [err]).map((e) => e.text ?? e.message));
  }
} else if (tool === "vite") {
  const { build } = await import("vite");
  const logger = { info() {}, warn() {}, warnOnce() {}, error() {}, clearScreen() {}, hasErrorLogged: () => false, hasWarned: false };
  try {
    await build({
      root: dir,
      configFile: false,
      logLevel: "silent",
      customLogger: logger,
      plugins: [memoscope(options)],
      resolve: { tsconfigPaths: true },
      build: {
        outDir: path.join(dir, "out"),
        emptyOutDir: true,
        minify: false,
        lib: { entry: entries, formats: ["cjs"] },
        rollupOptions: { external: ["memoscope/runtime", /^node:/], onwarn: (w) => result.warnings.push(w.message) },
      },
    });
  } catch (err) {
    result.errors.push(err.message);
  }
}
process.stdout.write(`@@memoscope-result@@${JSON.stringify(result)}`);
