/**
 * Compatibility runner (CI: .ci/compat.sh): the rewrite and capture fixtures through whichever
 * @babel/core, typescript and ts-patch resolve from where this file runs, checked exactly as the jest
 * runners check them (__tests__/rewrite-*.test.ts, __tests__/captures-*fixtures.test.ts), plus the
 * Babel and TypeScript exec lines must match. .ci/compat.sh compiles it with the repository's tsc into
 * a scratch folder that mirrors the repository (dist/, fixtures/ and package.json linked) and holds the
 * compilers under test in its node_modules, so the same support code drives Babel 8 or TypeScript 6.
 *
 * Usage: node <scratch>/run/compat/run-fixtures.js babel|ts ...   (prints one line per failure, a summary, exit 1 on failure)
 */
import fs from "node:fs";
import path from "node:path";
import { stableStringify } from "../../dist/core";
import { babelOptions, compileWithBabel } from "../support/compile-babel";
import { compileFileWithTs, compileWithTs, ts } from "../support/compile-ts";
import { loadFixtures, OUT, ROOT, type Fixture } from "../support/fixtures";
import { runExec } from "../support/run-exec";
import { storedReport } from "../support/store";

type FrontEnd = "babel" | "ts";

const failures: string[] = [];
let checks = 0;

/** One named check: a thrown error or a returned message is a failure. */
function check(name: string, body: () => string | void): void {
  checks++;
  try {
    const problem = body();
    if (problem) failures.push(`${name}: ${problem}`);
  } catch (err) {
    failures.push(`${name}: ${(err as Error).stack ?? err}`);
  }
}

/** Runs `body` with stderr swallowed: the findings the plugins print are what the report holds, checked there. */
function quiet<T>(body: () => T): T {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return body();
  } finally {
    process.stderr.write = write;
  }
}

function missing(text: string, lines: string[]): string | void {
  const absent = lines.filter((line) => !text.includes(line));
  if (absent.length) return `missing ${JSON.stringify(absent)} in:\n${text}`;
}

function same(actual: string, expected: string, what: string): string | void {
  if (actual === expected) return;
  const a = actual.split("\n");
  const e = expected.split("\n");
  const at = a.findIndex((line, i) => line !== e[i]);
  return `${what} differs at line ${at + 1}:\n  expected: ${e[at]}\n  actual:   ${a[at]}`;
}

function execLine(fixture: Fixture, frontEnd: string, code: string): string {
  const result = runExec(fixture, frontEnd, code);
  if (result.stderr !== "" || result.status !== 0) throw new Error(`exec.js failed (status ${result.status}):\n${result.stderr}`);
  JSON.parse(result.stdout);
  return result.stdout;
}

/** rewrite-babel.test.ts, per fixture. */
function babelFixture(fixture: Fixture, lines: Map<string, string>): void {
  const name = `babel rewrite ${fixture.name}`;
  if (fixture.throws) {
    return check(name, () => {
      try {
        compileWithBabel(fixture);
      } catch (err) {
        return missing((err as Error).message, fixture.throws!);
      }
      return "the build did not fail";
    });
  }
  if (fixture.warnings) check(`${name} warnings`, () => missing(compileWithBabel(fixture).stderr, fixture.warnings!));
  if (fixture.expectedOutput?.babel !== undefined) check(`${name} output`, () => same(compileWithBabel(fixture, false).code.trim(), fixture.expectedOutput!.babel!.trim(), "output.babel.js"));
  if (fixture.exec !== undefined) check(`${name} exec`, () => void lines.set(fixture.name, execLine(fixture, "babel", compileWithBabel(fixture).code)));
}

/** rewrite-ts.test.ts, per fixture. */
function tsFixture(fixture: Fixture, lines: Map<string, string>): void {
  const name = `ts rewrite ${fixture.name}`;
  if (fixture.throws) {
    return check(name, () => {
      const { errors } = compileWithTs(fixture);
      if (errors.length === 0) return "no error diagnostic";
      return missing(errors.map((e) => e.message).join("\n"), fixture.throws!);
    });
  }
  const built = compileWithTs(fixture);
  check(`${name} build`, () => (built.errors.length ? `errors: ${JSON.stringify(built.errors)}` : undefined));
  if (fixture.warnings) check(`${name} warnings`, () => missing(built.stderr, fixture.warnings!));
  if (fixture.expectedOutput?.ts !== undefined) check(`${name} output`, () => same(compileWithTs(fixture, "esm").code.trim(), fixture.expectedOutput!.ts!.trim(), "output.ts.js"));
  if (fixture.exec !== undefined) check(`${name} exec`, () => void lines.set(fixture.name, execLine(fixture, "ts", built.code)));
}

const CAPTURES = path.join(ROOT, "fixtures", "captures");

/** captures-fixtures.test.ts / captures-ts-fixtures.test.ts: the report entry each front end writes is captures.json. */
function captureFixture(frontEnd: FrontEnd, name: string): void {
  check(`${frontEnd} captures ${name}`, () => {
    const dir = path.join(CAPTURES, name);
    const input = fs.readdirSync(dir).find((f) => f.startsWith("input."))!;
    const reportFile = path.join(OUT, `captures-${frontEnd}`, name, "report.json");
    fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
    const file = path.join(dir, input);
    let entry: unknown;
    if (frontEnd === "babel") {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const babel: typeof import("@babel/core") = require("@babel/core");
      // The syntax `memoscope scan` parses (src/cli/scan.ts): JSX outside TypeScript files, decorators everywhere.
      const decorators = Number(babel.version.split(".")[0]) >= 8 ? "decorators" : "decorators-legacy";
      const syntax = /\.[cm]?ts$/.test(file) ? [decorators] : ["jsx", decorators];
      const options = { ...babelOptions(file, { report: reportFile, root: dir }), parserOpts: { plugins: syntax } } as Parameters<typeof babel.transformSync>[1];
      const result = quiet(() => babel.transformSync(fs.readFileSync(file, "utf8"), options));
      entry = (result!.metadata as { memoscope?: unknown }).memoscope;
    } else {
      const result = quiet(() => compileFileWithTs(file, { report: reportFile, root: dir }));
      if (result.errors.length) return `errors: ${JSON.stringify(result.errors)}`;
      const report = storedReport(reportFile);
      if (Object.keys(report.files).join() !== input) return `report files ${Object.keys(report.files)}`;
      entry = report.files[input];
    }
    return same(stableStringify(entry), fs.readFileSync(path.join(dir, "captures.json"), "utf8"), "captures.json");
  });
}

function main(frontEnds: FrontEnd[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const versions = { node: process.version, babel: frontEnds.includes("babel") ? require("@babel/core").version : "-", typescript: frontEnds.includes("ts") ? ts.version : "-" };
  const patch = frontEnds.includes("ts") ? JSON.parse(fs.readFileSync(require.resolve("ts-patch/package.json"), "utf8")).version : "-";
  console.log(`compat: node ${versions.node}, @babel/core ${versions.babel}, typescript ${versions.typescript}, ts-patch ${patch}`);
  const fixtures = loadFixtures();
  const lines = { babel: new Map<string, string>(), ts: new Map<string, string>() };
  for (const fixture of fixtures) {
    if (frontEnds.includes("babel")) babelFixture(fixture, lines.babel);
    if (frontEnds.includes("ts")) tsFixture(fixture, lines.ts);
  }
  if (frontEnds.length === 2) {
    for (const [name, line] of lines.babel) check(`exec ${name} same on both front ends`, () => (lines.ts.has(name) ? same(lines.ts.get(name)!, line, "exec line") : undefined));
  }
  const captures = fs.readdirSync(CAPTURES).filter((name) => fs.statSync(path.join(CAPTURES, name)).isDirectory()).sort();
  for (const frontEnd of frontEnds) for (const name of captures) captureFixture(frontEnd, name);
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`compat: ${checks - failures.length}/${checks} checks passed (${fixtures.length} rewrite fixtures, ${captures.length} capture fixtures; ${frontEnds.join(" + ")})`);
  process.exitCode = failures.length ? 1 : 0;
}

const wanted = process.argv.slice(2) as FrontEnd[];
if (wanted.length === 0 || wanted.some((f) => f !== "babel" && f !== "ts")) {
  console.error("usage: run-fixtures.js babel|ts [babel|ts]");
  process.exit(2);
}
main(wanted);
