// Checks one e2e app after its build (run by .ci/e2e.sh from the app's folder):
//   node ../assert.mjs <bundle> <build-log>
// - the bundle runs: memoized bodies ran once, cacheOf(...).info() counted the hits;
// - a throw inside a memoized function maps to its original line (node --enable-source-maps);
// - the tool's own build output shows memoscope's MS102 warning with src/math.ts:line;
// - the capture report lists src/math.ts and nothing from node_modules or memoscope itself.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [bundle, logFile] = process.argv.slice(2);
const load = bundle.endsWith(".mjs") || JSON.parse(fs.readFileSync("package.json", "utf8")).type === "module" && !bundle.endsWith(".cjs")
  ? `const m = await import(${JSON.stringify(path.resolve(bundle))});`
  : `const m = require(${JSON.stringify(path.resolve(bundle))});`;
const run = (expression) =>
  execFileSync(process.execPath, ["--enable-source-maps", "--input-type=module", "-e", `import { createRequire } from "node:module"; const require = createRequire(process.cwd() + "/"); ${load} process.stdout.write(${expression});`], { encoding: "utf8" });

const result = JSON.parse(run("m.check()"));
assert.deepEqual(result, { runs: 2, square: { hits: 1, misses: 1, size: 1 }, norm: { hits: 1, misses: 1, size: 1, max: 10 } });

const stack = run("m.fail()").split("\n");
assert.match(stack[0], /boom 1/);
assert.match(stack[1], /math\.ts:22:\d+/, `stack frame not mapped to src/math.ts:22: ${stack[1]}`);

const log = fs.readFileSync(logFile, "utf8");
assert.match(log, /MS102/, "the build output has no MS102 warning");
assert.match(log, /src[\\/]math\.ts(:5:3| \(5:2\)|:5:2)/, "the build output does not locate the warning at src/math.ts line 5");

const report = JSON.parse(fs.readFileSync(".memoscope/report.json", "utf8"));
assert.deepEqual(Object.keys(report.files), ["src/math.ts"]);
assert.equal(report.files["src/math.ts"].closures.filter((c) => c.memoized).length, 3);
console.log(`ok: ${path.basename(process.cwd())} (${JSON.stringify(result)}; ${stack[1].trim()})`);
