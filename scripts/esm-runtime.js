#!/usr/bin/env node
/**
 * Finishes the ESM build of the runtime (`tsc -p tsconfig.esm.json` writes dist/esm/runtime/): Node's ESM
 * loader needs full relative specifiers, so `from "./spec"` becomes `from "./spec.js"` in the .js and
 * .d.ts files, and dist/esm/package.json marks the folder `"type": "module"` (for Node and for
 * TypeScript's node16/bundler resolution of the `import` condition). Fails when a specifier does not
 * name an emitted file, so a new import cannot ship broken.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ESM = path.resolve(__dirname, "..", "dist", "esm");
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"']*)\2/g;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const problems = [];
for (const file of files(ESM).filter((f) => /\.(js|d\.ts)$/.test(f))) {
  const text = fs.readFileSync(file, "utf8");
  const fixed = text.replace(SPECIFIER, (whole, lead, quote, spec) => {
    const target = /\.js$/.test(spec) ? spec : fs.existsSync(path.resolve(path.dirname(file), `${spec}.js`)) ? `${spec}.js` : `${spec}/index.js`;
    if (!fs.existsSync(path.resolve(path.dirname(file), target))) problems.push(`${path.relative(ESM, file)}: "${spec}" names no emitted file`);
    return `${lead}${quote}${target}${quote}`;
  });
  if (fixed !== text) fs.writeFileSync(file, fixed);
}
if (problems.length) {
  console.error(`esm-runtime: ${problems.join("\n")}`);
  process.exit(1);
}
fs.writeFileSync(path.join(ESM, "package.json"), `${JSON.stringify({ type: "module", sideEffects: false }, null, 2)}\n`);
