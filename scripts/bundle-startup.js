#!/usr/bin/env node
/**
 * Finishes the build of the bundler entries (run after `tsc -p tsconfig.build.json`). A production build
 * with no tag in it runs only the code a bundler entry loads at start (`memoscope/esbuild` and the rest):
 * in a fresh process Node spent more time finding, reading and wrapping those ~25 small files than the
 * plugin spent on the build. So they ship as two files, and each of their dist files becomes a one-line
 * stub that takes its module from there, so every path to a module (an entry, or a file loaded later
 * such as transform.js) gets the same instance of it:
 * - dist/core/startup.js: the core modules the other entries (Babel plugin, TypeScript transformer,
 *   ESLint plugin, CLI) load at start too, so that they load none of the bundler code;
 * - dist/bundler/startup.js: the rest of what the bundler entries load at start.
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

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");

/** The package's entries (package.json `exports` and `bin`) in the CommonJS build: the bundler entries, and the others, whose start-up modules are kept out of the bundler bundle. */
function entries() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const targets = (value) => (typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(targets) : []);
  const files = [...new Set([...targets(pkg.exports), ...targets(pkg.bin)])].map((target) => path.join(ROOT, target)).filter((file) => file.endsWith(".js") && file.startsWith(DIST + path.sep) && !file.startsWith(path.join(DIST, "esm") + path.sep));
  const inBundler = (file) => path.dirname(file) === path.join(DIST, "bundler");
  return { bundler: files.filter(inBundler), others: files.filter((file) => !inBundler(file)) };
}
const TOP_LEVEL_REQUIRE = /^\S.*?\brequire\("(\.\.?\/[^"]+)"\)/gm;

/** The dist file a relative specifier in `from` names. */
function resolveFrom(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const file of [base, `${base}.js`, path.join(base, "index.js")]) if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  throw new Error(`${path.relative(DIST, from)}: require("${specifier}") names no emitted file`);
}

/** `entries` and every dist file they load at top level, transitively. */
function loadedAtStart(entries) {
  const seen = new Set();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(TOP_LEVEL_REQUIRE)) pending.push(resolveFrom(file, specifier));
  }
  return seen;
}

/** A specifier for `file` from the folder of `from`, as `require` takes it. */
function specifierFrom(from, file) {
  const relative = path.relative(path.dirname(from), file).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

const keyOf = (file) => path.relative(DIST, file).split(path.sep).join("/");

/**
 * Bundles `modules` into `bundle` (a getter per module, so a module runs when first asked for, as with
 * require) and makes their dist files stubs. `elsewhere`: modules already in another bundle, taken from
 * that bundle directly (not through their stub files: one file fewer to load for each).
 */
async function bundleInto(bundle, modules, elsewhere = new Map()) {
  const inBundle = new Set(modules);
  const index = modules.map((file) => `Object.defineProperty(exports, ${JSON.stringify(keyOf(file))}, { enumerable: true, get: () => require(${JSON.stringify(specifierFrom(bundle, file))}) });`).join("\n");
  await esbuild.build({
    stdin: { contents: index, resolveDir: path.dirname(bundle), sourcefile: "startup-index.js", loader: "js" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    packages: "external",
    outfile: bundle,
    logLevel: "warning",
    legalComments: "none",
    banner: { js: "// Modules memoscope's entries load at start, in one file (scripts/bundle-startup.js)." },
    plugins: [
      {
        name: "others-stay-outside",
        setup(build) {
          // A relative require of a module outside this bundle (loaded later, or in the other bundle) stays a require of its dist file.
          build.onResolve({ filter: /^\.\.?\// }, (args) => {
            if (args.namespace === "elsewhere") return { path: args.path, external: true };
            const file = resolveFrom(args.importer === "<stdin>" ? bundle : args.importer, args.path);
            if (inBundle.has(file)) return { path: file };
            if (elsewhere.has(file)) return { path: file, namespace: "elsewhere" };
            return { path: specifierFrom(bundle, file), external: true };
          });
          build.onLoad({ filter: /.*/, namespace: "elsewhere" }, (args) => ({
            contents: `module.exports = require(${JSON.stringify(specifierFrom(bundle, elsewhere.get(args.path)))})[${JSON.stringify(keyOf(args.path))}];`,
            loader: "js",
          }));
        },
      },
    ],
  });
  for (const file of modules) {
    const stub = `"use strict";\n// Bundled into ${keyOf(bundle)} with the rest of what memoscope's entries load at start (scripts/bundle-startup.js).\nmodule.exports = require(${JSON.stringify(specifierFrom(file, bundle))})[${JSON.stringify(keyOf(file))}];\n`;
    fs.writeFileSync(file, stub);
  }
  console.log(`bundle-startup: ${modules.length} modules in ${path.relative(process.cwd(), bundle)} (${fs.statSync(bundle).size} bytes)`);
}

async function main() {
  const { bundler: bundlerEntries, others: otherEntries } = entries();
  const bundler = loadedAtStart(bundlerEntries);
  const others = loadedAtStart(otherEntries);
  const shared = [...bundler].filter((file) => others.has(file)).sort();
  const own = [...bundler].filter((file) => !others.has(file)).sort();
  // The bundler bundle requires the shared modules by their dist files, which are by then stubs into the core bundle.
  const core = path.join(DIST, "core", "startup.js");
  await bundleInto(core, shared);
  await bundleInto(path.join(DIST, "bundler", "startup.js"), own, new Map(shared.map((file) => [file, core])));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
