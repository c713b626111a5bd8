"use strict";
// Makes the memoized subset: copies of corpus files with `/** @memoize */` put before every second
// eligible top-level function declaration (plain or exported; not generators, not overloaded, with a
// body). Mechanical and deterministic, so each run builds the same subset.

const fs = require("fs");
const path = require("path");
const { parse } = require("@babel/parser");

/** Returns the source with tags inserted, and how many were inserted. */
function tagSource(code, filename) {
  const ts = /\.tsx?$/.test(filename);
  const ast = parse(code, { sourceType: "module", plugins: ts ? ["typescript"] : [], errorRecovery: false });
  const body = ast.program.body;
  const declared = (stmt) => (stmt.type === "ExportNamedDeclaration" || stmt.type === "ExportDefaultDeclaration" ? stmt.declaration : stmt);
  const overloaded = new Set(body.map(declared).filter((d) => d && d.type === "TSDeclareFunction" && d.id).map((d) => d.id.name));
  const eligible = [];
  for (const stmt of body) {
    const d = declared(stmt);
    if (!d || d.type !== "FunctionDeclaration" || d.generator || !d.body) continue;
    if (d.id && overloaded.has(d.id.name)) continue;
    eligible.push(stmt.start);
  }
  const chosen = eligible.filter((_, i) => i % 2 === 0);
  let out = code;
  for (const at of chosen.slice().reverse()) out = out.slice(0, at) + "/** @memoize */\n" + out.slice(at);
  return { code: out, tags: chosen.length };
}

/**
 * Writes tagged copies of `files` under `outDir` (keeping their paths below node_modules). Files with
 * no eligible function are skipped. Returns `[{ source, copy, tags }]`.
 */
function makeSubset(files, nodeModules, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const made = [];
  for (const source of files) {
    const { code, tags } = tagSource(fs.readFileSync(source, "utf8"), source);
    if (tags === 0) continue;
    const copy = path.join(outDir, path.relative(nodeModules, source));
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(copy, code);
    made.push({ source, copy, tags });
  }
  return made;
}

module.exports = { tagSource, makeSubset };
