#!/usr/bin/env node
// `npm run demo`: compile the closures tutorial with memoscope (Babel and, when built, TypeScript),
// run each example, time the memoized factorial's first and second call, and print the capture report.
const fs = require("node:fs");
const path = require("node:path");
const babel = require("@babel/core");

const root = path.resolve(__dirname, "..");
const out = path.join(root, ".fixture-out", "demo");
// The tutorial is the rewrite fixture of the same name, so what the demo shows is what the tests check.
const source = path.join(root, "fixtures", "rewrite", "tutorial", "input.js");
// The report store: the Babel build writes one fragment per file into <out>/fragments.
const report = out;
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

function compileWithBabel() {
  const { code } = babel.transformFileSync(source, {
    babelrc: false,
    configFile: false,
    plugins: [[path.join(root, "dist/babel/index.js"), { report, root }]],
    presets: [["@babel/preset-env", { targets: { node: "20" }, modules: "commonjs" }]],
  });
  const file = path.join(out, "babel", "tutorial.js");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

function compileWithTypeScript() {
  if (!fs.existsSync(path.join(root, "dist/ts/index.js"))) return undefined;
  const ts = require("ts-patch/compiler");
  const dir = path.join(out, "ts");
  const program = ts.createProgram([source], {
    allowJs: true,
    outDir: dir,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    plugins: [{ transform: path.join(root, "dist/ts/index.js"), report: false }],
  });
  const result = program.emit();
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost({})));
  return path.join(dir, "input.js");
}

function ms(ns) {
  return `${(Number(ns) / 1e6).toFixed(3)} ms`;
}

function runExamples(label, file) {
  const m = require(file);
  console.log(`\n== ${label}: ${path.relative(root, file)}`);
  console.log(`1. adder            outer(10)(5)          = ${m.outer(10)(5)}`);
  console.log(`2. factory          exponentiate(2)(7)    = ${m.exponentiate(2)(7)}   (square(9) = ${m.square(9)})`);
  const log = [];
  m.makeHandler("click", log)("button #1");
  console.log(`3. event callback   makeHandler("click")  → ${JSON.stringify(log[0])}`);
  const counter = m.makeCounter();
  counter.increment(); counter.increment();
  console.log(`4. counter          +1 +1 -1              = ${counter.decrement()}`);
  const calls = [];
  const wrapped = m.logged(Math.max, calls);
  console.log(`5. wrapper          logged(Math.max)(3,8) = ${wrapped(3, 8)}   (${calls[0]})`);
  let t = process.hrtime.bigint();
  const first = m.factorial(300n);
  const firstTime = process.hrtime.bigint() - t;
  t = process.hrtime.bigint();
  const second = m.factorial(300n);
  const secondTime = process.hrtime.bigint() - t;
  const { cacheOf } = require(path.join(root, "dist/runtime"));
  console.log(`6. memoized factorial(300): ${first.toString().length} digits, body ran ${cacheOf(m.factorial).info().misses} times (once per n: the recursion hits the cache)`);
  console.log(`   first call  ${ms(firstTime)}`);
  console.log(`   second call ${ms(secondTime)}  (${second === first ? "same value" : "DIFFERENT VALUE"}, ${Math.round(Number(firstTime) / Math.max(1, Number(secondTime)))}x faster: a cache hit)`);
  const before = m.withTax(100);
  m.setTaxRate(0.5);
  console.log(`7. stale cache      withTax(100) = ${before}, after setTaxRate(0.5) still ${m.withTax(100)}  (the report flags this: MS101)`);
}

runExamples("Babel plugin", compileWithBabel());
const tsFile = compileWithTypeScript();
if (tsFile) runExamples("TypeScript transformer (ts-patch)", tsFile);

if (fs.existsSync(path.join(report, "fragments")) && fs.existsSync(path.join(root, "dist/cli/main.js"))) {
  console.log("\n== Capture report (npx memoscope report)\n");
  const { spawnSync } = require("node:child_process");
  spawnSync(process.execPath, [path.join(root, "dist/cli/main.js"), "report", report], { stdio: "inherit", cwd: root });
}
