import { transformSync } from "@babel/core";
import fs from "node:fs";
import path from "node:path";
import { babelOptions, compileWithBabel } from "./support/compile-babel";
import { compileFileWithTs, compileWithTs } from "./support/compile-ts";
import { OUT, ROOT, loadFixtures, type Fixture } from "./support/fixtures";
import { runExec } from "./support/run-exec";
import { storedReport } from "./support/store";
import { quietly } from "./support/quiet";

/**
 * Both front ends, same source, same result (SPEC §4.11, issue 4): every fixture's exec.js prints the
 * same observations after either build, a build error has the same MS code at the same line:column,
 * and both print exactly the same text for their warnings. A difference is a failing test.
 */

/** `MSxxx (line:column)` for each finding a build printed (`path:line:column: warning MSxxx: …`, column 1-based), column 0-based as errors give it. */
function printed(stderr: string): string[] {
  return [...stderr.matchAll(/^[^\n]*?:(\d+):(\d+): (?:warning|error) (MS\d{3}): /gm)].map((m) => `${m[3]} (${m[1]}:${Number(m[2]) - 1})`);
}

type Outcome = { error: string } | { warnings: string[]; code: string; stderr: string };

function babelOutcome(fixture: Fixture): Outcome {
  try {
    const { code, stderr } = compileWithBabel(fixture);
    return { warnings: printed(stderr), code, stderr };
  } catch (err) {
    const diagnostic = (err as { memoscope?: { code: string }; loc?: { line: number; column: number } });
    if (!diagnostic.memoscope) throw err;
    return { error: `${diagnostic.memoscope.code} (${diagnostic.loc!.line}:${diagnostic.loc!.column})` };
  }
}

function tsOutcome(result: ReturnType<typeof compileWithTs>): Outcome {
  const [first] = result.errors;
  if (first) return { error: `${first.code} (${first.line}:${first.column})` };
  return { warnings: printed(result.stderr), code: result.code, stderr: result.stderr };
}

describe.each(loadFixtures().map((f) => [f.name, f] as const))("conformance: %s", (_name, fixture) => {
  test("same build errors and warnings, same behaviour", () => {
    const babel = babelOutcome(fixture);
    const ts = tsOutcome(compileWithTs(fixture));
    if ("error" in babel || "error" in ts) {
      expect("error" in ts ? ts.error : "no error").toBe("error" in babel ? babel.error : "no error");
      return;
    }
    expect(ts.warnings).toEqual(babel.warnings);
    expect(ts.stderr).toBe(babel.stderr);
    if (fixture.exec === undefined) return;
    const fromBabel = runExec(fixture, "conformance-babel", babel.code);
    const fromTs = runExec(fixture, "conformance-ts", ts.code);
    expect({ status: fromTs.status, stderr: fromTs.stderr }).toEqual({ status: 0, stderr: "" });
    expect({ status: fromBabel.status, stderr: fromBabel.stderr }).toEqual({ status: 0, stderr: "" });
    expect(fromTs.stdout).toBe(fromBabel.stdout);
  });
});

/**
 * Where a tag counts: small sources through both front ends, comparing errors, warnings and how many
 * functions were rewritten. These pin the comment-attachment rules TypeScript does not share with Babel.
 */
const PLACEMENTS: Record<string, string> = {
  "before export": "/** @memoize */ export function f(a: number) { return a; }",
  "between export and async": "export /** @memoize */ async function f(a: number) { return a; }",
  "between export and default": "export /** @memoize */ default function (a: number) { return a; }",
  "between export and const": "export /** @memoize */ const f = (a: number) => a;",
  "between export and function": "export /** @memoize */ function f(a: number) { return a; }",
  "between export default and function": "export default /** @memoize */ function f(a: number) { return a; }",
  "between export and generator": "export /** @memoize */ function* g() {}",
  "between export and class": "export /** @memoize */ class C {}",
  "between export and enum": "export /** @memoize */ enum E { A }",
  "between export and declare": "export /** @memoize */ declare function f(a: number): number;",
  "before export enum": "/** @memoize */\nexport enum E { A }",
  "constructor overload": "class A {\n  /** @memoize */\n  constructor(a: number);\n  constructor(a: any) {}\n}",
  "two errors, the later one first in source": "/** @memoize */\nclass B {}\n/** @memoize maxx=1 */\nfunction a(x: number) { return x; }",
  "export default arrow": "export default /** @memoize */ (a: number) => a;",
  "argument": "[1].map(/** @memoize */ (n) => n * 2);",
  "argument after comma": "[1].reduce((a, b) => a + b, /** @memoize */ 0);",
  "in parentheses": "const f = /** @memoize */ ((a: number) => a);",
  "before parentheses": "const f = (/** @memoize */ (a: number) => a);",
  "value in parentheses": "const v = /** @memoize */ (1);",
  "trailing in call": "f(1 /** @memoize */);",
  "empty call": "f(/** @memoize */);",
  "empty block": "function g() { /** @memoize */ }",
  "end of file": "const a = 1;\n/** @memoize */",
  "not nearest": "/** @memoize */\n// other\nfunction f(a: number) { return a; }",
  "two tags": "/** @memoize */\n/** @memoize max=2 */\nfunction f(a: number) { return a; }",
  "line comment": "// @memoize\nfunction f(a: number) { return a; }",
  "block comment": "/* @memoize */\nfunction f(a: number) { return a; }",
  "misspelled": "/** @memoise */\nfunction f(a: number) { return a; }",
  "in prose": "/** Use @memoize here. */\nfunction f(a: number) { return a; }",
  "parameter": "function f(/** @memoize */ a: number) { return a; }",
  "after decorator-free modifiers": "class C { static /** @memoize */ m(a: number) { return a; } }",
  "class member": "class C {\n  /** @memoize */\n  static m(a: number) { return a; }\n}",
  "class body brace": "class C /** @memoize */ {}",
  "implements": "interface I {}\nclass C /** @memoize */ implements I {}",
  "type annotation": "let x: /** @memoize */ number = 1;",
  "object property": "const o = {\n  /** @memoize */\n  f: (a: number) => a,\n  /** @memoize */\n  g(a: number) { return a; },\n};",
  "switch case": "switch (1) {\n  case 1:\n    /** @memoize */\n    function f(a: number) { return a; }\n}",
  "inside string": "const s = '/** @memoize */';\nfunction f(a: number) { return a; }",
  "inside template": "const s = `${1} /** @memoize */`;\nfunction f(a: number) { return a; }",
  "class value": "/** @memoize */\nexport class C {}",
  "export list": "function f() {}\n/** @memoize */\nexport { f };",
  "declare const": "/** @memoize */\ndeclare const f: (a: number) => number;",
  "abstract class": "/** @memoize */\nexport abstract class A {}",
  "key in scope from import": "import { join } from 'node:path';\n/** @memoize key=join */\nexport function f(a: string) { return a; }",
  "key is a builtin": "/** @memoize key=String */\nexport function f(a: string) { return a; }",
  "key is a lib global": "/** @memoize key=setTimeout */\nexport function f(a: string) { return a; }",
};

describe("conformance: where a tag counts", () => {
  const dir = path.join(OUT, "conformance-placements");
  beforeAll(() => fs.mkdirSync(dir, { recursive: true }));
  test.each(Object.entries(PLACEMENTS))("%s", (name, source) => {
    const inputFile = path.join(dir, `${name.replace(/\W+/g, "-")}.ts`);
    fs.writeFileSync(inputFile, source + "\n");
    const fixture = { name, dir, inputFile, source: source + "\n", options: { report: false }, nodeFlags: [], parserPlugins: [] } as Fixture;
    const rewrites = (code: string) => (code.match(/\.(store|memoize)\(/g) ?? []).length;
    const babel = babelOutcome(fixture);
    const ts = tsOutcome(compileFileWithTs(inputFile, { report: false }));
    const summary = (o: Outcome) => ("error" in o ? o : { warnings: o.warnings, rewrites: rewrites(o.code) });
    expect(summary(ts)).toEqual(summary(babel));
  });
});

/**
 * Same report (SPEC §5, issue 4 §3): every capture fixture and every rewrite fixture that builds,
 * compiled by both front ends with the report on, gives deep-equal parts: Babel's
 * `file.metadata.memoscope` and the entry the TypeScript path merged into its report file.
 */
const CAPTURES = path.join(ROOT, "fixtures", "captures");
const reportCases: Array<[string, string, Record<string, unknown>]> = [
  ...fs
    .readdirSync(CAPTURES)
    .filter((name) => fs.statSync(path.join(CAPTURES, name)).isDirectory())
    .sort()
    .map((name): [string, string, Record<string, unknown>] => {
      const input = fs.readdirSync(path.join(CAPTURES, name)).find((f) => f.startsWith("input."))!;
      return [`captures/${name}`, path.join(CAPTURES, name, input), {}];
    }),
  ...loadFixtures()
    .filter((f) => f.throws === undefined)
    .map((f): [string, string, Record<string, unknown>] => [`rewrite/${f.name}`, f.inputFile, f.options]),
];

/** A temporary report file and root for one build. */
function reportTarget(frontEnd: string, name: string): { root: string; report: string } {
  const root = path.join(OUT, "conformance-reports", frontEnd, name.replace(/\W+/g, "-"));
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  return { root, report: path.join(root, "report.json") };
}

describe.each(reportCases)("conformance report: %s", (name, inputFile, options) => {
  test("the two front ends give deep-equal report parts", () => {
    const source = fs.readFileSync(inputFile, "utf8");
    const babelTarget = reportTarget("babel", name);
    const babelOpts = babelOptions(inputFile, { ...options, report: babelTarget.report, root: path.dirname(inputFile) }, false);
    const babel = quietly(() => transformSync(source, { ...babelOpts, parserOpts: { plugins: ["jsx", "decorators-legacy"] } })!);
    const fromBabel = (babel.metadata as { memoscope?: unknown }).memoscope;
    expect(fromBabel).toBeDefined();

    const tsTarget = reportTarget("ts", name);
    const ts = compileFileWithTs(inputFile, { ...options, report: tsTarget.report, root: path.dirname(inputFile) });
    expect(ts.errors).toEqual([]);
    const written = storedReport(tsTarget.report);
    // A part without closures is not stored (its fragment is removed), as with Babel.
    const fromTs = written.files[path.basename(inputFile)] ?? { closures: [] };
    expect(fromTs).toEqual(fromBabel);
  });
});
