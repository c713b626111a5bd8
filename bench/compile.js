"use strict";
// Compiles the tagged sources in bench/src/ with @babel/core and memoscope's Babel plugin
// (`report: false`) into bench/.out/, so the runtime and demo benchmarks time the plugin's generated
// code. The output stays inside the package, so `memoscope/runtime` resolves by self-reference.

const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(__dirname, ".out");
const PLUGIN = path.join(ROOT, "dist", "babel", "index.js");
/** `MEMOSCOPE_BENCH_BASELINE_RUNTIME=<another build's dist/runtime>`: memoscope's contenders also run on that runtime. */
const BASELINE_RUNTIME = process.env.MEMOSCOPE_BENCH_BASELINE_RUNTIME;

/** Babel options that compile one tagged source: the plugin, then ESM → CommonJS, nothing else. */
function compileOptions(filename) {
  return {
    filename,
    babelrc: false,
    configFile: false,
    sourceType: "module",
    plugins: [[PLUGIN, { report: false }], require.resolve("@babel/plugin-transform-modules-commonjs")],
  };
}

/**
 * Compiles every file of bench/src. Returns `{ ok, reason?, files }`; `ok` is false (with the reason)
 * when the plugin is not built yet or fails, and the bench then marks memoscope's rows "n/a".
 */
function compileSources() {
  fs.rmSync(path.join(OUT, "contenders.js"), { force: true });
  fs.rmSync(path.join(OUT, "demo.js"), { force: true });
  fs.rmSync(path.join(OUT, "contenders-baseline.js"), { force: true });
  if (!fs.existsSync(PLUGIN)) return { ok: false, reason: "dist/babel/index.js does not exist (plugin not built yet)", files: [] };
  const babel = require("@babel/core");
  fs.mkdirSync(OUT, { recursive: true });
  const files = [];
  for (const name of fs.readdirSync(path.join(__dirname, "src"))) {
    const from = path.join(__dirname, "src", name);
    const to = path.join(OUT, name);
    try {
      const { code } = babel.transformSync(fs.readFileSync(from, "utf8"), compileOptions(from));
      if (!code.includes("memoscope/runtime")) throw new Error("the output does not use memoscope/runtime: the tags were not rewritten");
      fs.writeFileSync(to, code);
      files.push(to);
      if (BASELINE_RUNTIME && name === "contenders.js") {
        // The same generated code against another build's runtime, for before/after rows in the same run.
        const baseline = code.replace(/require\("memoscope\/runtime"\)/g, `require(${JSON.stringify(path.resolve(BASELINE_RUNTIME))})`);
        fs.writeFileSync(path.join(OUT, "contenders-baseline.js"), baseline);
      }
    } catch (e) {
      return { ok: false, reason: `compiling bench/src/${name} failed: ${String(e.message).split("\n")[0]}`, files };
    }
  }
  return { ok: true, files };
}

module.exports = { compileSources, PLUGIN, OUT };

if (require.main === module) {
  const result = compileSources();
  console.log(result.ok ? `compiled: ${result.files.join(", ")}` : `not compiled: ${result.reason}`);
}
