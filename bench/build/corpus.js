"use strict";
// The build corpus: real, readable source installed from npm (devDependencies), TypeScript and
// JavaScript, ESM and UMD. Tests and declaration files are left out.
//
//   rxjs/src           TypeScript   ~21k lines
//   zod/src/v3, v4     TypeScript   ~30k lines (core, classic, mini, v3; no locales, no tests)
//   immer/src          TypeScript   ~3k lines
//   lodash-es          JavaScript   ~21k lines (ESM)
//   acorn/dist/acorn.js JavaScript  ~6k lines (UMD)

const fs = require("fs");
const path = require("path");

const NM = path.join(__dirname, "..", "..", "node_modules");

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!/^(tests?|__tests__|node_modules|locales)$/.test(entry.name)) walk(p, out);
    } else if (/\.(ts|js)$/.test(entry.name) && !/\.d\.ts$|\.test\.ts$|\.spec\.ts$/.test(entry.name)) {
      out.push(p);
    }
  }
  return out;
}

/** Source roots of the full corpus, with a label for the report. */
const PARTS = [
  ["rxjs/src", "TS"],
  ["zod/src/v4/core", "TS"],
  ["zod/src/v4/classic", "TS"],
  ["zod/src/v4/mini", "TS"],
  ["zod/src/v3", "TS"],
  ["immer/src", "TS"],
  ["lodash-es", "JS (ESM)"],
  ["acorn/dist/acorn.js", "JS (UMD)"],
];

/** Smaller corpus for `--quick`. */
const QUICK_PARTS = [
  ["rxjs/src/internal/operators", "TS"],
  ["immer/src", "TS"],
  ["lodash-es/a", "JS (ESM)"],
];

function filesOf(parts) {
  const out = [];
  for (const [rel] of parts) {
    const p = path.join(NM, rel);
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) out.push(...walk(p));
    else if (fs.existsSync(p)) out.push(p);
    else out.push(...walk(path.dirname(p)).filter((f) => path.basename(f).startsWith(path.basename(p)))); // a name prefix
  }
  return out;
}

/** Files of the corpus (quick or full). */
function corpusFiles(quick) {
  return filesOf(quick ? QUICK_PARTS : PARTS);
}

/** Files the memoized subset is made from (tags are added to copies of them). */
function subsetSources(quick) {
  const files = filesOf([["immer/src", "TS"], ["rxjs/src/internal/operators", "TS"], ["zod/src/v4/core", "TS"]]);
  const lodash = filesOf([["lodash-es", "JS"]]).filter((f) => !/\/_/.test(f));
  return quick ? files.filter((f) => !/zod/.test(f)).slice(0, 60) : [...files, ...lodash.slice(0, 150)];
}

/** `{ files, lines, parts }` summary for the report. */
function describe(files, parts) {
  let lines = 0;
  for (const f of files) lines += fs.readFileSync(f, "utf8").split("\n").length;
  return { files: files.length, lines, parts: parts ? parts.map(([rel, kind]) => `${rel} (${kind})`) : undefined };
}

module.exports = { corpusFiles, subsetSources, describe, PARTS, QUICK_PARTS, NM };
