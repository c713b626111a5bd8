// Builds a fixture app with one real bundler and memoscope's plugin for it, then prints a JSON summary
// on stdout: { output, warnings: [{ message, loc }], errors: [{ message, loc, frame }], printed }.
// Run in a child process by __tests__/bundler-plugins.test.ts (Vite and unplugin are ES modules).
// Usage: node bundle.mjs '{"tool":"rollup","fixture":"app","out":"/abs/dir","options":{},"typesFirst":false}'
// `fixture` is a folder of fixtures/bundler/ or an absolute path (a copy a test edits). With `edit`
// ({ file, from, to } or { file, text } to write a new file, or a list of them; file relative to the fixture), esbuild builds twice in one context and Rspack
// runs one compiler twice, the file edited in between; the summary is the second build's. With
// `watch: true` as well, webpack/Rspack build in `compiler.watch()` and the edit triggers the rebuild;
// with `editBeforeRun: true`, webpack/Rspack make the edit after creating the compiler and build once.
// The summary's `unplugin` says whether unplugin was loaded in this process.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { transform } from "esbuild";

const request = JSON.parse(process.argv[2]);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);
const fixture = path.isAbsolute(request.fixture) ? request.fixture : path.join(ROOT, "fixtures", "bundler", request.fixture);
const entry = path.join(fixture, "src", "main.ts");
const out = request.out;
const memoscope = require(path.join(ROOT, "dist", "bundler", `${request.tool}.js`));
const options = request.options ?? {};
const result = { output: path.join(out, "main.js"), warnings: [], errors: [], printed: "" };
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

/** Rollup has no TypeScript of its own: resolve `./x` to x.ts and strip types with esbuild (what rollup-plugin-esbuild does). */
function rollupTypeScript(order) {
  return {
    name: "ts",
    resolveId(source, importer) {
      if (!importer || !source.startsWith(".")) return null;
      const file = path.resolve(path.dirname(importer), `${source}.ts`);
      return fs.existsSync(file) ? file : null;
    },
    transform: {
      ...(order ? { order } : {}),
      async handler(code, id) {
        if (!id.endsWith(".ts")) return null;
        const r = await transform(code, { loader: "ts", sourcemap: true, sourcefile: id });
        return { code: r.code, map: r.map };
      },
    },
  };
}

/** A plugin set to run first that strips types but keeps comments (TypeScript's transpileModule), under a name memoscope does not know. */
function stripTypesFirst() {
  const ts = require("typescript");
  return {
    name: "strip-types",
    transform: {
      order: "pre",
      handler(code, id) {
        if (!id.endsWith(".ts")) return null;
        const out = ts.transpileModule(code, { fileName: id, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true } });
        return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ""), map: out.sourceMapText };
      },
    },
  };
}

const log = (w) => ({ message: w.message, loc: w.loc ?? null, frame: w.frame ?? null, code: w.pluginCode ?? w.code ?? null });

async function runRollup() {
  const { rollup } = await import("rollup");
  const plugins =
    request.typesFirst === "tsc" ? [stripTypesFirst(), memoscope(options), rollupTypeScript()] : request.typesFirst ? [rollupTypeScript("pre"), memoscope(options)] : [memoscope(options), rollupTypeScript()];
  try {
    const bundle = await rollup({ input: entry, external: ["memoscope/runtime"], plugins, onwarn: (w) => result.warnings.push(log(w)) });
    await bundle.write({ file: result.output, format: "cjs", sourcemap: true });
    await bundle.close();
  } catch (err) {
    result.errors.push(log(err));
  }
}

async function runVite() {
  const { build } = await import("vite");
  const printed = [];
  const logger = { info() {}, warn: (m) => printed.push(m), warnOnce: (m) => printed.push(m), error: (m) => printed.push(m), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false };
  try {
    await build({
      root: fixture,
      configFile: false,
      customLogger: logger,
      plugins: [memoscope(options)],
      build: {
        outDir: out,
        emptyOutDir: true,
        minify: false,
        sourcemap: true,
        lib: { entry, formats: ["cjs"], fileName: () => "main.js" },
        rollupOptions: { external: ["memoscope/runtime"], onwarn: (w) => result.warnings.push(log(w)) },
      },
    });
  } catch (err) {
    result.errors.push(log(err));
  }
  result.printed = printed.join("\n");
}

/** Between the two builds of an `edit` request: the file's text changed as asked. */
function applyEdit() {
  for (const edit of [request.edit].flat()) {
    const file = path.join(fixture, edit.file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "text" in edit ? edit.text : fs.readFileSync(file, "utf8").replaceAll(edit.from, edit.to));
  }
}

async function runEsbuild() {
  const esbuild = await import("esbuild");
  try {
    const buildOptions = { absWorkingDir: request.cwd ?? fixture, entryPoints: [entry], bundle: true, platform: "node", format: "cjs", outfile: result.output, sourcemap: true, external: ["memoscope/runtime"], plugins: [memoscope(options)], logLevel: "silent" };
    let r;
    if (request.edit) {
      const context = await esbuild.context(buildOptions);
      try {
        await context.rebuild();
        applyEdit();
        r = await context.rebuild();
      } finally {
        await context.dispose();
      }
    } else r = await esbuild.build(buildOptions);
    result.warnings.push(...r.warnings.map((w) => ({ message: w.text, loc: w.location, frame: null, code: null })));
    const text = await esbuild.formatMessages(r.warnings, { kind: "warning", color: false });
    result.printed = text.join("\n");
  } catch (err) {
    result.errors.push(...(err.errors ?? [err]).map((e) => ({ message: e.text ?? e.message, loc: e.location ?? null, frame: null, code: null })));
    result.warnings.push(...(err.warnings ?? []).map((w) => ({ message: w.text, loc: w.location, frame: null, code: null })));
  }
}

async function runWebpackLike(tool) {
  const rspack = tool === "rspack";
  const compilerFactory = rspack ? require("@rspack/core").rspack : require("webpack");
  const tsRule = rspack
    ? { test: /\.ts$/, loader: "builtin:swc-loader", options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }, type: "javascript/auto" }
    : { test: /\.ts$/, loader: path.join(import.meta.dirname, "ts-loader.cjs") };
  const compiler = compilerFactory({
    mode: request.mode ?? "production",
    context: fixture,
    entry,
    target: "node",
    devtool: "source-map",
    output: { path: out, filename: "main.js", library: { type: "commonjs2" } },
    resolve: { extensions: [".ts", ".js"] },
    externals: { "memoscope/runtime": "commonjs memoscope/runtime" },
    optimization: { minimize: false },
    module: { rules: [tsRule] },
    plugins: [memoscope(options)],
  });
  const runOnce = () => new Promise((resolve, reject) => compiler.run((err, s) => (err ? reject(err) : resolve(s))));
  let stats;
  if (request.watch) {
    stats = await new Promise((resolve, reject) => {
      let builds = 0;
      const timer = setTimeout(() => reject(new Error("no rebuild after the edit")), 60000);
      const watching = compiler.watch({ aggregateTimeout: 50 }, (err, s) => {
        if (err) return reject(err);
        if (++builds === 1) setTimeout(applyEdit, 300);
        else {
          clearTimeout(timer);
          watching.close(() => resolve(s));
        }
      });
    });
  } else if (request.editBeforeRun) {
    applyEdit();
    stats = await runOnce();
  } else {
    stats = await runOnce();
    if (request.edit) {
      applyEdit();
      stats = await runOnce();
    }
  }
  await new Promise((resolve) => compiler.close(resolve));
  const json = stats.toJson({ all: false, warnings: true, errors: true });
  result.warnings.push(...json.warnings.map((w) => ({ message: w.message, loc: w.loc ?? null, frame: null, code: null, module: w.moduleName ?? null })));
  result.errors.push(...json.errors.map((e) => ({ message: e.message, loc: e.loc ?? null, frame: null, code: null, module: e.moduleName ?? null })));
  result.printed = stats.toString({ colors: false });
}

const run = { rollup: runRollup, vite: runVite, esbuild: runEsbuild, webpack: () => runWebpackLike("webpack"), rspack: () => runWebpackLike("rspack") }[request.tool];
await run();
result.unplugin = Object.keys(require.cache).some((file) => /[\\/]unplugin[\\/]dist[\\/]index\.mjs$/.test(file));
// Bundlers print progress on stdout: the summary follows a marker line.
process.stdout.write(`\n@@memoscope-result@@\n${JSON.stringify(result)}\n`);
