"use strict";
// One front end in its own process for the build-scaling benchmark: for each size, builds the
// generated file (generate.js) without and with memoscope (`report: false`), `reps` times each in
// alternation, and answers with the least CPU time (user + system) of each: CPU time, not wall time,
// so other load on the machine slows the figures as little as possible.
//   babel: Babel 7 transformSync with preset-env (node 20) + preset-typescript, one options object per configuration
//   ts:    ts-patch/compiler, a program over the one file (lib files parsed once), emit to memory

const path = require("path");
const { generate } = require("./generate");

const { frontEnd, sizes, reps, root } = JSON.parse(process.argv[2]);
const FILE = path.join(root, "bench", ".out", "scaling", "generated.ts");

function babelBuilder(withPlugin) {
  const babel = require("@babel/core");
  const options = {
    babelrc: false,
    configFile: false,
    filename: FILE,
    sourceType: "module",
    presets: [[require.resolve("@babel/preset-env"), { targets: { node: "20" } }], require.resolve("@babel/preset-typescript")],
    plugins: withPlugin ? [[path.join(root, "dist", "babel", "index.js"), { report: false }]] : [],
  };
  return (source) => babel.transformSync(source, options).code;
}

function tsBuilder(withPlugin) {
  const ts = require("ts-patch/compiler");
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
    types: [],
    outDir: path.join(path.dirname(FILE), "out"),
    plugins: withPlugin ? [{ transform: path.join(root, "dist", "ts", "index.js"), report: false }] : [],
  };
  const libs = new Map();
  return (source) => {
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, ...rest) => {
      if (path.resolve(name) === FILE) return ts.createSourceFile(name, source, version, true);
      if (!libs.has(name)) libs.set(name, read(name, version, ...rest));
      return libs.get(name);
    };
    host.fileExists = (name) => path.resolve(name) === FILE || ts.sys.fileExists(name);
    let code = "";
    ts.createProgram([FILE], options, host).emit(undefined, (name, text) => {
      if (name.endsWith(".js")) code = text;
    });
    return code;
  };
}

const make = frontEnd === "babel" ? babelBuilder : tsBuilder;
const builds = { none: make(false), memoscope: make(true) };
process.stderr.write = () => true; // the MS101 warnings of the generated code

function cpuMs(build, source) {
  const start = process.cpuUsage();
  const code = build(source);
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, code };
}

// Warm-up at the smallest size: load everything, let the JIT settle (a cold first size reads as cheap or dear at random).
const small = generate(sizes[0]);
for (let i = 0; i < 4; i++) for (const build of Object.values(builds)) build(small);

const results = [];
for (const tags of sizes) {
  const source = generate(tags);
  const best = { none: Infinity, memoscope: Infinity };
  let rewritten = 0;
  for (let r = 0; r < reps; r++) {
    for (const config of ["none", "memoscope"]) {
      const { ms, code } = cpuMs(builds[config], source);
      best[config] = Math.min(best[config], ms);
      if (config === "memoscope") rewritten = (code.match(/\.(store|memoize)\(/g) || []).length;
    }
  }
  results.push({ tags, lines: source.split("\n").length, none: best.none, memoscope: best.memoscope, rewritten });
}
process.send({ frontEnd, results });
process.on("message", (msg) => {
  if (msg.type === "exit") process.exit(0);
});
