import { analyzeSource } from "../dist/cli/scan";
import { applyReach, reach, functionKey, type ModuleSummary, type Report } from "../dist/core";

/**
 * The whole-program pass (src/core/program/reach.ts, apply.ts) over several files' summaries, with a
 * `resolve` that maps relative specifiers to report keys as a project's resolver would: imports
 * followed through named, default and namespace imports, re-exports (`export { a } from`, `export *`,
 * `export { default as x } from`), MS101 for an import its exporter reassigns, unresolved package
 * calls, and the verdicts applied to a report (replacing, never doubling).
 */

type Project = Record<string, string>;

function analyse(project: Project): { report: Report; summaries: Map<string, ModuleSummary> } {
  const report: Report = { version: 1, files: {} };
  const summaries = new Map<string, ModuleSummary>();
  for (const [file, code] of Object.entries(project)) {
    const { entry, summary } = analyzeSource(code, file);
    report.files[file] = entry;
    summaries.set(file, summary);
  }
  return { report, summaries };
}

/** `./x` from `src/a.ts` → `src/x.ts` when the project has it; anything else is a package. */
function resolver(project: Project) {
  return (from: string, specifier: string): string | undefined => {
    if (!specifier.startsWith(".")) return undefined;
    const parts = from.split("/").slice(0, -1);
    for (const p of specifier.split("/")) {
      if (p === "..") parts.pop();
      else if (p !== ".") parts.push(p);
    }
    const base = parts.join("/");
    return [`${base}.ts`, `${base}/index.ts`].find((f) => f in project);
  };
}

function run(project: Project) {
  const { report, summaries } = analyse(project);
  const results = reach({ files: summaries, resolve: resolver(project) });
  const applied = applyReach(report, results);
  const memoized = (file: string, name: string) => applied.files[file].closures.find((c) => c.name === name && c.memoized !== null)!;
  return { report, applied, results, memoized, summaries };
}

const catalog = `export let version = 1;
export function setVersion(v: number) { version = v; }
export function findSku(sku: string) { return sku + version; }
export function pure(n: number) { return Math.max(n, 0); }
export default function stamp() { return Date.now(); }
`;

test("a named import is followed to the exporter's impure function, chain across files", () => {
  const { memoized } = run({
    "src/catalog.ts": catalog,
    "src/cart.ts": `import { findSku, pure } from "./catalog";\n/** @memoize */\nexport function subtotal(sku: string) { return pure(1) + findSku(sku).length; }\n`,
  });
  const subtotal = memoized("src/cart.ts", "subtotal");
  const ms105 = subtotal.diagnostics.filter((d) => d.code === "MS105");
  expect(ms105).toHaveLength(1);
  expect(ms105[0].message).toContain("subtotal → findSku (src/catalog.ts:3) → reads version (let, src/catalog.ts:1, reassigned)");
  expect(ms105[0].at).toEqual({ line: 3, column: 57 });
  expect(ms105[0].chain).toEqual([
    { name: "subtotal", file: "src/cart.ts", line: 3, what: "memoized" },
    { name: "findSku", file: "src/catalog.ts", line: 3, what: "calls" },
    { name: "version", file: "src/catalog.ts", line: 1, what: "reads version (let, reassigned)" },
  ]);
});

test("re-exports (named, star, default as) and namespace imports are followed; pure chains give nothing", () => {
  const { memoized } = run({
    "src/catalog.ts": catalog,
    "src/index.ts": `export { findSku as lookup } from "./catalog";\nexport * from "./catalog";\nexport { default as now } from "./catalog";\n`,
    "src/a.ts": `import { lookup } from "./index";\n/** @memoize */\nexport function a(s: string) { return lookup(s); }\n`,
    "src/b.ts": `import * as cat from "./index";\n/** @memoize */\nexport function b(s: string) { return cat.findSku(s); }\n`,
    "src/c.ts": `import { now } from "./index";\n/** @memoize */\nexport function c() { return now(); }\n`,
    "src/d.ts": `import stamp from "./catalog";\n/** @memoize */\nexport function d() { return stamp(); }\n`,
    "src/e.ts": `import { pure } from "./index";\n/** @memoize */\nexport function e(n: number) { return pure(n); }\n`,
  });
  for (const [file, name] of [["src/a.ts", "a"], ["src/b.ts", "b"]]) {
    // (string parameters: MS104 too, as ever.)
    expect(memoized(file, name).diagnostics.map((d) => d.code)).toEqual(["MS104", "MS105"]);
    expect(memoized(file, name).diagnostics[1].message).toContain("→ findSku (src/catalog.ts:3) → reads version");
  }
  for (const [file, name] of [["src/c.ts", "c"], ["src/d.ts", "d"]]) {
    expect(memoized(file, name).diagnostics.map((d) => d.code)).toEqual(["MS105"]);
    expect(memoized(file, name).diagnostics[0].message).toContain("→ stamp (src/catalog.ts:5) → calls Date.now() (src/catalog.ts:5)");
  }
  expect(memoized("src/e.ts", "e").diagnostics.filter((d) => d.code === "MS105")).toEqual([]);
});

test("a captured import its exporter reassigns is MS101 with the exporting file and line, and the capture says where", () => {
  const { memoized } = run({
    "src/tax.ts": `export let vat = 0.2;\nexport function setVat(v: number) { vat = v; }\n`,
    "src/price.ts": `import { vat } from "./tax";\n/** @memoize */\nexport function gross(n: number) { return n * (1 + vat); }\n`,
  });
  const gross = memoized("src/price.ts", "gross");
  expect(gross.diagnostics.map((d) => d.code)).toEqual(["MS101"]);
  expect(gross.diagnostics[0].message).toContain("captures `vat` (import, module scope), which src/tax.ts:1 reassigns");
  expect(gross.captures.find((c) => c.name === "vat")).toMatchObject({ binding: "import", reassigned: true, from: { file: "src/tax.ts", line: 1, column: 11 } });
});

test("calls into packages and unknown members are unresolved, never findings; applying twice changes nothing", () => {
  const { applied, summaries, memoized } = run({
    "src/x.ts": `import { join } from "node:path";\nimport * as cat from "./cat";\n/** @memoize */\nexport function x(a: string) { return join(a, cat.missing(a)); }\n`,
    "src/cat.ts": `export const other = 1;\n`,
  });
  const x = memoized("src/x.ts", "x");
  expect(x.diagnostics.filter((d) => d.code === "MS105")).toEqual([]);
  expect(x.unresolved).toEqual([
    { callee: "join", line: 4, column: 38 },
    { callee: "cat.missing", line: 4, column: 46 },
  ]);
  const again = applyReach(applied, reach({ files: summaries, resolve: () => undefined }));
  expect(again.files["src/x.ts"].closures.find((c) => c.name === "x")!.unresolved!.map((u) => u.callee)).toEqual(["join", "cat.missing"]);
});

test("without resolve (one file at build time), imports are neither followed nor listed", () => {
  const { summaries } = analyse({ "src/cart.ts": `import { findSku } from "./catalog";\n/** @memoize */\nexport function s(k: string) { return findSku(k); }\n` });
  const results = reach({ files: summaries });
  const s = results.get("src/cart.ts")!.get(functionKey({ line: 3, column: 7 }))!;
  expect(s).toEqual({ diagnostics: [], unresolved: [], importCaptures: [] });
});

test("the build's within-file MS105 is replaced, not doubled, when the cross-file pass runs over the same report", () => {
  const project = { "src/one.ts": `let n = 0;\nexport function bump() { n++; }\nfunction read() { return n; }\n/** @memoize */\nexport function one() { return read(); }\n` };
  const { report, applied } = run(project);
  const before = report.files["src/one.ts"].closures.find((c) => c.name === "one")!;
  const after = applied.files["src/one.ts"].closures.find((c) => c.name === "one")!;
  expect(before.diagnostics.filter((d) => d.code === "MS105")).toHaveLength(1);
  expect(after).toEqual(before);
});

test("a later run that cannot follow the import takes back the import's MS101 and `from`", () => {
  const project = {
    "src/tax.ts": `export let vat = 0.2;\nexport function setVat(v: number) { vat = v; }\n`,
    "src/price.ts": `import { vat } from "./tax";\n/** @memoize */\nexport function gross(n: number) { return n * (1 + vat); }\n`,
  };
  const { report, applied, summaries } = run(project);
  const again = applyReach(applied, reach({ files: summaries }));
  expect(again.files["src/price.ts"]).toEqual(report.files["src/price.ts"]);
});
