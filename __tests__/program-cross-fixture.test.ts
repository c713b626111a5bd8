import { transformFileSync } from "@babel/core";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Report } from "../dist/core";
import { runMemoscope } from "./support/cli";
import { babelOptions } from "./support/compile-babel";
import { OUT, ROOT } from "./support/fixtures";

/**
 * The multi-file project fixtures/program (tsconfig `extends`, `paths` and `baseUrl`) through the three
 * routes to a whole-program report (SPEC §5b): the Babel plugin into a store + `memoscope report`,
 * tspc (ts-patch) into a store + `memoscope report`, and `memoscope scan`. The three reports must be
 * the same, and must hold exactly the findings fixtures/program/expected.json lists (checked by hand,
 * see fixtures/program/README.md).
 */

const FIXTURE = path.join(ROOT, "fixtures", "program");
const WORK = path.join(OUT, "program-cross");
const TSPC = path.join(ROOT, "node_modules", ".bin", "tspc");

interface Expected {
  /** `file#function` → the findings on it (code, position, message fragments, chain) and its unresolved callees. */
  functions: Record<string, { findings: Array<{ code: string; line: number; column: number; message: string[]; chain?: string[] }>; unresolved?: string[] }>;
}
const expected: Expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, "expected.json"), "utf8"));

/** A fresh copy of the fixture project under .fixture-out (memoscope linked in as an install would). */
function copyProject(name: string): string {
  const dir = path.join(WORK, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !/expected\.json$|README\.md$/.test(src) });
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "memoscope"), "junction");
  return dir;
}

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(dir, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, "src", f)).sort();
}

function jsonReport(dir: string, ...args: string[]): Report {
  const result = runMemoscope(dir, ...args, "--format", "json");
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

/** Every memoized closure's findings and unresolved callees, keyed `file#name`. */
function memoizedOf(report: Report) {
  const out: Record<string, { findings: Array<{ code: string; line: number; column: number; message: string; chain?: string[] }>; unresolved: string[] }> = {};
  for (const [file, entry] of Object.entries(report.files)) {
    for (const closure of entry.closures) {
      if (closure.memoized === null) continue;
      out[`${file}#${closure.name}`] = {
        findings: closure.diagnostics.filter((d) => d.severity === "warning").map((d) => ({
          code: d.code,
          line: d.at.line,
          column: d.at.column,
          message: d.message,
          ...(d.chain && { chain: d.chain.map((s) => `${s.name} (${s.file}:${s.line})${s.what ? ` ${s.what}` : ""}`) }),
        })),
        unresolved: (closure.unresolved ?? []).map((u) => `${u.callee} (${u.line}:${u.column})`),
      };
    }
  }
  return out;
}

let babel: Report;
let tspc: Report;
let scan: Report;

beforeAll(() => {
  // Babel: each source through the plugin with the report on, as babel-loader would, then the store merged by the CLI.
  const babelDir = copyProject("babel");
  for (const file of sources(babelDir)) transformFileSync(file, { ...babelOptions(file, { report: ".memoscope" }), cwd: babelDir, root: babelDir });
  babel = jsonReport(babelDir, "report", ".memoscope");

  // tspc: the project's own tsconfig (extends, paths, baseUrl) plus the plugin entry, as a user sets it up.
  const tsDir = copyProject("ts");
  fs.writeFileSync(path.join(tsDir, "tsconfig.build.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { plugins: [{ transform: "memoscope/ts", report: ".memoscope" }] } }));
  const built = spawnSync(process.execPath, [TSPC, "-p", "tsconfig.build.json"], { cwd: tsDir, encoding: "utf8", timeout: 120000 });
  expect(built.stdout.split("\n").filter((l) => /error TS/.test(l))).toEqual([]);
  tspc = jsonReport(tsDir, "report", ".memoscope");

  const scanDir = copyProject("scan");
  scan = jsonReport(scanDir, "scan", "src");
}, 180000);

test("Babel + report, tspc + report and scan give the same whole-program report", () => {
  expect(tspc).toEqual(babel);
  expect(scan).toEqual(babel);
});

test("every memoized function has exactly the expected findings and unresolved calls", () => {
  const actual = memoizedOf(scan);
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected.functions).sort());
  for (const [id, want] of Object.entries(expected.functions)) {
    const got = actual[id];
    expect({ id, findings: got.findings.map((f) => `${f.code} ${f.line}:${f.column}`) }).toEqual({ id, findings: want.findings.map((f) => `${f.code} ${f.line}:${f.column}`) });
    want.findings.forEach((w, i) => {
      for (const part of w.message) expect({ id, message: got.findings[i].message }).toEqual({ id, message: expect.stringContaining(part) });
      if (w.chain) expect({ id, chain: got.findings[i].chain }).toEqual({ id, chain: w.chain });
    });
    expect({ id, unresolved: got.unresolved }).toEqual({ id, unresolved: want.unresolved ?? [] });
  }
});

test("an imported binding its module reassigns is recorded as reassigned, with where it is declared", () => {
  const priceWithVat = scan.files["src/cart.ts"].closures.find((c) => c.name === "priceWithVat")!;
  expect(priceWithVat.captures.find((c) => c.name === "vat")).toMatchObject({ binding: "import", reassigned: true, from: { file: "src/tax.ts", line: 2, column: 11 } });
  // A pure import (a function) stays as it was.
  const label = scan.files["src/cart.ts"].closures.find((c) => c.name === "label")!;
  for (const capture of label.captures.filter((c) => c.binding === "import")) expect(capture).toMatchObject({ reassigned: false });
});

test("--check fails on the cross-file findings and names them", () => {
  const result = runMemoscope(path.join(WORK, "scan"), "scan", "src", "--check");
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("src/cart.ts:19:10: MS105 subtotal is memoized but reaches impure code: subtotal → findSku (src/catalog.ts:10) → reads version");
});

describe("memoscope report over a store that is not all current", () => {
  /** The Babel build's store, copied, so each case changes its own. */
  function babelCopy(name: string): string {
    const dir = path.join(WORK, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(path.join(WORK, "babel"), dir, { recursive: true, verbatimSymlinks: true });
    return dir;
  }
  const subtotalOf = (report: Report) => report.files["src/cart.ts"].closures.find((c) => c.name === "subtotal")!;

  test("a stale fragment's summary is not followed: no finding through it, the call listed as unresolved, --check fails on the staleness", () => {
    const dir = babelCopy("stale");
    // catalog.ts changes after the build (findSku made pure): its fragment no longer describes it.
    const catalog = path.join(dir, "src", "catalog.ts");
    fs.writeFileSync(catalog, fs.readFileSync(catalog, "utf8").replace("sku.length * 10 + version", "sku.length * 10"));
    const result = runMemoscope(dir, "report", ".memoscope", "--format", "json");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    const subtotal = subtotalOf(report);
    expect(subtotal.diagnostics.filter((d) => d.code === "MS105")).toEqual([]);
    expect(subtotal.unresolved).toEqual([{ callee: "findSku", line: 19, column: 9 }]);
    expect(report.files["src/catalog.ts"].stale).toBe(true);
    expect(result.stderr).toContain("memoscope: warning: 1 report entry is older than its source: src/catalog.ts.");
    expect(result.stderr).toContain("calls into 1 file the store has no current summary of (src/catalog.ts) are listed as unresolved");
    // Everything else still goes through: gross's chain does not touch catalog.ts.
    expect(report.files["src/cart.ts"].closures.find((c) => c.name === "gross")!.diagnostics.map((d) => d.code)).toEqual(["MS105"]);
    expect(runMemoscope(dir, "report", ".memoscope", "--check").status).toBe(1);
  });

  test("a fragment without a summary (an older memoscope wrote it) is not followed either", () => {
    const dir = babelCopy("no-summary");
    const fragments = path.join(dir, ".memoscope", "fragments");
    for (const name of fs.readdirSync(fragments)) {
      const file = path.join(fragments, name);
      const fragment = JSON.parse(fs.readFileSync(file, "utf8"));
      if (fragment.file !== "src/clock.ts") continue;
      delete fragment.summary;
      fs.writeFileSync(file, JSON.stringify(fragment));
    }
    const result = runMemoscope(dir, "report", ".memoscope", "--format", "json");
    const stamped = (JSON.parse(result.stdout) as Report).files["src/cart.ts"].closures.find((c) => c.name === "stamped")!;
    expect(stamped.diagnostics.filter((d) => d.code === "MS105")).toEqual([]);
    expect(stamped.unresolved).toEqual([{ callee: "now", line: 24, column: 21 }]);
    expect(result.stderr).toContain("(src/clock.ts) are listed as unresolved");
  });

  test("report --write writes the whole-program report", () => {
    const dir = babelCopy("write");
    expect(runMemoscope(dir, "report", ".memoscope", "--write").status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, ".memoscope", "report.json"), "utf8"))).toEqual(babel);
  });
});

test("at build time, one file at a time, nothing is followed across files", () => {
  const file = path.join(WORK, "babel", "src", "cart.ts");
  const result = transformFileSync(file, { ...babelOptions(file, { report: false }), cwd: path.join(WORK, "babel") });
  const entry = (result!.metadata as unknown as { memoscope: Report["files"][string] }).memoscope;
  const codes = entry.closures.filter((c) => c.memoized).flatMap((c) => c.diagnostics.filter((d) => d.severity === "warning").map((d) => `${c.name} ${d.code}`));
  expect(codes).toEqual([]);
  expect(entry.closures.every((c) => c.unresolved === undefined || c.unresolved.every((u) => u.callee === "fn"))).toBe(true);
});

test("scan --out stores the summaries, so memoscope report over that store gives the scan's report", () => {
  const dir = path.join(WORK, "scan");
  fs.rmSync(path.join(dir, "store"), { recursive: true, force: true });
  expect(runMemoscope(dir, "scan", "src", "--out", "store").status).toBe(0);
  expect(jsonReport(dir, "report", "store")).toEqual(scan);
});

test("scan of part of the project: imports of files it did not scan are listed as unresolved, with one warning", () => {
  const result = runMemoscope(path.join(WORK, "scan"), "scan", "src/cart.ts", "--format", "json");
  expect(result.status).toBe(0);
  expect(result.stderr).toMatch(/^memoscope: warning: 8 imported files were not scanned \(src\/catalog\.ts, src\/lib\/index\.ts, src\/metrics\/counter\.ts, src\/parity\/even\.ts, src\/ping\.ts and 3 more\): calls into them are listed as unresolved\./);
  const subtotal = (JSON.parse(result.stdout) as Report).files["src/cart.ts"].closures.find((c) => c.name === "subtotal")!;
  expect(subtotal.diagnostics.filter((d) => d.code === "MS105")).toEqual([]);
  expect(subtotal.unresolved).toEqual([{ callee: "findSku", line: 19, column: 9 }]);
});

test("a tsconfig that cannot be read: scan warns once, relative imports are still followed, mapped ones listed as unresolved", () => {
  const dir = copyProject("broken-tsconfig");
  fs.writeFileSync(path.join(dir, "tsconfig.json"), `{ "extends": "./tsconfig.missing.json" }`);
  const result = runMemoscope(dir, "scan", "src", "--format", "json");
  expect(result.status).toBe(0);
  const warnings = result.stderr.split("\n").filter((l) => l.includes("cannot use its paths/baseUrl"));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`${path.join(dir, "tsconfig.json")}: cannot use its paths/baseUrl (File './tsconfig.missing.json' not found.)`);
  const cart = (JSON.parse(result.stdout) as Report).files["src/cart.ts"].closures;
  expect(cart.find((c) => c.name === "subtotal")!.diagnostics.map((d) => d.code)).toContain("MS105"); // ./catalog: relative
  expect(cart.find((c) => c.name === "ticket")!.unresolved).toEqual([{ callee: "count", line: 34, column: 18 }]); // metrics/counter: baseUrl
});
