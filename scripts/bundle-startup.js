#!/usr/bin/env node
/**
 * Finishes the build of the bundler entries (run after `tsc -p tsconfig.build.json`). A production build
 * with no tag in it runs only the code a bundler entry loads at start (`memoscope/esbuild` and the rest):
 * in a fresh process Node spent more time finding, reading and wrapping those ~20 small files than the
 * plugin spent on the build. So they are bundled into one file, dist/bundler/startup.js, and each of
 * their dist files becomes a one-line stub that takes its module from there: every path to a module
 * (an entry, or a file loaded later such as transform.js) gets the same instance of it.
 *
 * "Loaded at start" is read off tsc's output: a `require("./…")` on a line that starts at column 0 is
 * top-level (tsc indents everything nested), so it runs when its module loads; one inside a function
 * (the transform, unplugin, the esbuild filter builder, the report writer) stays a `require` of its
 * dist file, loaded when first needed, as before.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const DIST = path.resolve(__dirname, "..", "dist");
const BUNDLE = path.join(DIST, "bundler", "startup.js");
const ENTRIES = ["vite", "rollup", "webpack", "rspack", "esbuild"].map((name) => path.join(DIST, "bundler", `${name}.js`));
const TOP_LEVEL_REQUIRE = /^\S.*?\brequire\("(\.\.?\/[^"]+)"\)/gm;

/** The dist file a relative specifier in `from` names. */
function resolveFrom(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const file of [base, `${base}.js`, path.join(base, "index.js")]) if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  throw new Error(`${path.relative(DIST, from)}: require("${specifier}") names no emitted file`);
}

/** The entries and every dist file they load at top level, transitively. */
function loadedAtStart() {
  const seen = new Set();
  const pending = [...ENTRIES];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(TOP_LEVEL_REQUIRE)) pending.push(resolveFrom(file, specifier));
  }
  return seen;
}

/** A specifier for `file` from the bundle's folder, as `require` takes it. */
function fromBundle(file) {
  const relative = path.relative(path.dirname(BUNDLE), file).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

async function main() {
  const modules = [...loadedAtStart()].sort();
  const keyOf = (file) => path.relative(DIST, file).split(path.sep).join("/");
  // The bundle's own exports: a getter per module, so a module runs when first asked for, as with require.
  const index = modules.map((file) => `Object.defineProperty(exports, ${JSON.stringify(keyOf(file))}, { enumerable: true, get: () => require(${JSON.stringify(fromBundle(file))}) });`).join("\n");
  const inBundle = new Set(modules);
  await esbuild.build({
    stdin: { contents: index, resolveDir: path.dirname(BUNDLE), sourcefile: "startup-index.js", loader: "js" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    packages: "external",
    outfile: BUNDLE,
    logLevel: "warning",
    legalComments: "none",
    banner: { js: "// memoscope's bundler entries and what they load at start, in one file (scripts/bundle-startup.js)." },
    plugins: [
      {
        name: "lazy-stays-outside",
        setup(build) {
          // A relative require of a module not loaded at start (one inside a function) stays a require of its dist file.
          build.onResolve({ filter: /^\.\.?\// }, (args) => {
            const file = resolveFrom(args.importer === "<stdin>" ? BUNDLE : args.importer, args.path);
            return inBundle.has(file) ? { path: file } : { path: fromBundle(file), external: true };
          });
        },
      },
    ],
  });
  for (const file of modules) {
    const specifier = path.relative(path.dirname(file), BUNDLE).split(path.sep).join("/");
    const stub = `"use strict";\n// Bundled into ${path.basename(BUNDLE)} with the rest of what the bundler entries load at start (scripts/bundle-startup.js).\nmodule.exports = require(${JSON.stringify(specifier.startsWith(".") ? specifier : `./${specifier}`)})[${JSON.stringify(keyOf(file))}];\n`;
    fs.writeFileSync(file, stub);
  }
  console.log(`bundle-startup: ${modules.length} modules in ${path.relative(process.cwd(), BUNDLE)} (${fs.statSync(BUNDLE).size} bytes)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
