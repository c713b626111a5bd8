"use strict";
// A generated TypeScript project for the whole-program scan benchmark (issue 12): `files` modules in
// folders of 50, each with a folder index that re-exports them (`export *`), a tsconfig with `baseUrl`
// and `paths`, and in every module: imports of functions from other modules (relative, through a
// `paths` alias, through a folder index, a namespace import), module state with a setter in one module
// of five, pure helpers, functions calling imports, a class whose methods call each other on `this`,
// and `/** @memoize */` on about one function in eight. Deterministic (seeded).
// `node bench/scan-program-generate.js DIR [FILES]` writes one by hand.

const fs = require("fs");
const path = require("path");
const { rng } = require("./lib/stats");

const PER_FOLDER = 50;

/** Writes the project into `dir` (created); returns { files, lines, tags }. */
function generateProject(dir, files = 1000, seed = 12) {
  const random = rng(seed);
  const pick = (n) => Math.floor(random() * n);
  const folders = Math.ceil(files / PER_FOLDER);
  const folderOf = (i) => Math.floor(i / PER_FOLDER);
  const moduleName = (i) => `m${i}`;
  const fileOf = (i) => `src/f${folderOf(i)}/${moduleName(i)}.ts`;
  let lines = 0;
  let tags = 0;
  const write = (rel, text) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    lines += text.split("\n").length - 1;
  };
  write("tsconfig.json", JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, baseUrl: "src", paths: { "@app/*": ["f*"] } }, include: ["src"] }, null, 2) + "\n");
  for (let f = 0; f < folders; f++) {
    const members = [];
    for (let i = f * PER_FOLDER; i < Math.min(files, (f + 1) * PER_FOLDER); i++) members.push(`export * from "./${moduleName(i)}";\n`);
    write(`src/f${f}/index.ts`, members.join(""));
  }
  const stateful = (i) => i % 5 === 0;
  for (let i = 0; i < files; i++) {
    const out = [];
    const imports = [];
    const callable = [];
    // Imports from modules earlier in the order (some later: cycles), each by a different route.
    const count = i === 0 ? 0 : 3 + pick(3);
    const seen = new Set();
    for (let k = 0; k < count; k++) {
      const j = pick(files);
      if (j === i || seen.has(j)) continue;
      seen.add(j);
      const fn = `calc${j}_${pick(3)}`;
      const route = pick(4);
      const sameFolder = folderOf(j) === folderOf(i);
      if (route === 0 || sameFolder) {
        const rel = path.posix.relative(path.posix.dirname(fileOf(i)), fileOf(j)).replace(/\.ts$/, "");
        imports.push(`import { ${fn} } from "${rel.startsWith(".") ? rel : `./${rel}`}";`);
        callable.push(`${fn}(x)`);
      } else if (route === 1) {
        imports.push(`import { ${fn} } from "@app/${folderOf(j)}/${moduleName(j)}";`);
        callable.push(`${fn}(x)`);
      } else if (route === 2) {
        imports.push(`import { ${fn} } from "f${folderOf(j)}";`);
        callable.push(`${fn}(x)`);
      } else {
        imports.push(`import * as ns${j} from "../f${folderOf(j)}/${moduleName(j)}";`);
        callable.push(`ns${j}.${fn}(x)`);
      }
    }
    if (stateful(i)) imports.push(`import { readFileSync } from "fs";`);
    out.push(...imports, "");
    if (stateful(i)) {
      out.push(`export let level${i} = ${i};`, "", `export function setLevel${i}(v: number): void {`, `  level${i} = v;`, "}", "");
    }
    out.push(`const TABLE${i} = [${[1, 2, 3, 4].map((n) => n * (i + 1)).join(", ")}];`, "");
    for (let k = 0; k < 3; k++) {
      const memo = pick(8) === 0;
      if (memo) tags++;
      out.push(`/** calc${i}_${k}: part of the generated workload. */`);
      if (memo) out.push("/** @memoize */");
      out.push(`export function calc${i}_${k}(x: number): number {`);
      out.push(`  const base = Math.max(x, TABLE${i}[${k}]);`);
      if (k === 0 && stateful(i)) out.push(`  if (x < 0) return readFileSync("/dev/null").length + level${i};`);
      if (k === 1 && callable.length > 0) out.push(`  return base + ${callable.slice(0, 2).join(" + ")};`);
      else if (k === 2 && callable.length > 2) out.push(`  return helper${i}(base) * ${callable[2]};`);
      else out.push(`  return helper${i}(base);`);
      out.push("}", "");
    }
    out.push(`function helper${i}(n: number): number {`, `  let acc = 0;`, `  for (let k = 0; k < n % 7; k++) acc += k * n;`, `  return acc${stateful(i) ? ` + level${i}` : ""};`, "}", "");
    const memoMethod = pick(6) === 0;
    if (memoMethod) tags++;
    out.push(`export class Service${i} {`, `  constructor(private readonly scale: number) {}`, "");
    if (memoMethod) out.push("  /** @memoize */");
    out.push(`  price(x: number): number {`, `    return this.unit(x) * this.scale;`, "  }", "");
    out.push(`  unit(x: number): number {`, `    return calc${i}_0(x) + [1, 2].map((n) => n * x).length;`, "  }", "}", "");
    out.push(`export const arrow${i} = (items: number[]): number[] => items.filter((n) => n > ${i % 10}).map((n) => calc${i}_2(n));`);
    write(fileOf(i), out.join("\n") + "\n");
  }
  return { files: files + folders, lines, tags };
}

module.exports = { generateProject };

if (require.main === module) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node bench/scan-program-generate.js DIR [FILES]");
    process.exit(2);
  }
  console.log(generateProject(path.resolve(dir), count ? Number(count) : 1000));
}
