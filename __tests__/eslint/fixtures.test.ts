import fs from "node:fs";
import path from "node:path";
import { transformSync } from "@babel/core";
import { Linter } from "eslint";
import plugin from "../../dist/eslint";

// `require`: the package has only an `exports` map, which this repo's `moduleResolution: node` type-check cannot follow.
const tsParser: Linter.Parser = require("@typescript-eslint/parser");

/**
 * Every capture and rewrite fixture linted with every memoscope rule on gives exactly what the build
 * gives: the same codes, messages, lines and columns. "The build" is the Babel plugin compiling the
 * fixture: its thrown error (a fixture that fails the build), the warnings it prints, and the findings
 * in its report (`file.metadata.memoscope`, MS104 included). For capture fixtures the ESLint findings
 * must also equal the fixture's expected report (`captures.json`). Positions are compared as printed:
 * line and column 1-based.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const PLUGIN = path.join(ROOT, "dist", "babel", "index.js");

/** `file:line:column CODE: message`, the comparable form of one finding. */
type Line = string;

function inputOf(dir: string): string {
  const input = fs.readdirSync(dir).find((f) => /^input\.[jt]sx?$/.test(f));
  if (!input) throw new Error(`${dir}: no input file`);
  return path.join(dir, input);
}

/** What the ESLint plugin reports, every rule on, with the parser a user has for the extension. */
function lint(file: string, code: string): Line[] {
  const linter = new Linter();
  const rules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`memoscope/${name}`, "warn" as const]));
  // Babel decides script or module (`unambiguous`); a user's ESLint config says it for its files.
  const sourceType = /^\s*(?:import|export)\b/m.test(code) ? "module" : "script";
  const config: Linter.Config[] = [
    { linterOptions: { reportUnusedDisableDirectives: "off" }, languageOptions: { sourceType } },
    { files: ["**/*.js", "**/*.jsx"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tsParser } },
    { ...plugin.configs.recommended, rules },
  ];
  const messages = linter.verify(code, config, { filename: file });
  const fatal = messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${file}: ESLint could not parse it: ${fatal[0].message}`);
  return messages.map((m) => `${m.line}:${m.column} ${m.message}`).sort();
}

/** One printed warning, in the format the build prints now or the SPEC's `path:line:column: warning MSxxx: message`. */
function parsePrinted(line: string): Line | undefined {
  const spec = /^\S.*?:(\d+):(\d+): (?:warning|error|info) (MS\d{3}): (.*)$/.exec(line);
  if (spec) return `${spec[1]}:${spec[2]} ${spec[3]}: ${spec[4]}`;
  const framed = /^memoscope (?:warning|error|info): (?:.*?: )?(MS\d{3}): (.*) \((\d+):(\d+)\)$/.exec(line);
  if (framed) return `${framed[3]}:${Number(framed[4]) + 1} ${framed[1]}: ${framed[2]}`;
  return undefined;
}

/** What the Babel build gives: its error, or its printed warnings and its report's findings. */
function build(file: string, code: string, options: Record<string, unknown>, decorators: string[] = ["decorators-legacy"]): { error?: Line; lines: Line[] } {
  const writes: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    // The plugin alone, with the syntax the file needs (what the fixture runners and `scan` enable): only its findings matter here.
    const syntax = /\.tsx?$/.test(file) ? ["typescript", ...decorators] : ["jsx", ...decorators];
    if (file.endsWith(".tsx")) syntax.push("jsx");
    const result = transformSync(code, { filename: file, babelrc: false, configFile: false, sourceType: "unambiguous", parserOpts: { plugins: syntax as never[] }, plugins: [[PLUGIN, options]] });
    const report = (result!.metadata as { memoscope?: { closures: Array<{ diagnostics: Array<{ code: string; message: string; at: { line: number; column: number } }> }> } }).memoscope;
    const found = new Set<Line>();
    for (const closure of report?.closures ?? []) for (const d of closure.diagnostics) found.add(`${d.at.line}:${d.at.column + 1} ${d.code}: ${d.message}`);
    for (const line of writes.join("").split("\n")) {
      const parsed = parsePrinted(line);
      if (parsed) found.add(parsed);
    }
    return { lines: [...found].sort() };
  } catch (err) {
    const e = err as Error & { memoscope?: { code: string; message: string }; loc?: { line: number; column: number } };
    if (!e.memoscope || !e.loc) throw err;
    return { error: `${e.loc.line}:${e.loc.column + 1} ${e.memoscope.code}: ${e.memoscope.message}`, lines: [] };
  } finally {
    process.stderr.write = write;
  }
}

function fixtureDirs(kind: "captures" | "rewrite"): Array<[string, string]> {
  const root = path.join(ROOT, "fixtures", kind);
  return fs
    .readdirSync(root)
    .filter((name) => fs.statSync(path.join(root, name)).isDirectory())
    .sort()
    .map((name) => [name, path.join(root, name)]);
}

/** The Babel parser plugins a rewrite fixture names (babel-parser.json, e.g. standard decorators for `export @d class`), if any. */
function parserPlugins(dir: string): string[] | undefined {
  const file = path.join(dir, "babel-parser.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as string[]) : undefined;
}

function options(dir: string): Record<string, unknown> {
  const file = path.join(dir, "options.json");
  return { report: false, ...(fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}) };
}

describe.each([...fixtureDirs("captures"), ...fixtureDirs("rewrite")])("fixture %s", (_name, dir) => {
  const file = inputOf(dir);
  const code = fs.readFileSync(file, "utf8");

  test("ESLint reports what the Babel build reports", () => {
    const built = build(file, code, options(dir), parserPlugins(dir));
    const linted = lint(file, code);
    if (built.error) {
      // The build stops at its first error; ESLint shows it, with every other problem of the file.
      expect(linted).toContain(built.error);
    } else {
      expect(linted).toEqual(built.lines);
    }
  });

  const expectedReport = path.join(dir, "captures.json");
  if (fs.existsSync(expectedReport)) {
    test("ESLint's findings are the expected report's diagnostics", () => {
      const report = JSON.parse(fs.readFileSync(expectedReport, "utf8")) as { closures: Array<{ diagnostics: Array<{ code: string; message: string; at: { line: number; column: number } }> }> };
      const expected = report.closures.flatMap((c) => c.diagnostics.map((d) => `${d.at.line}:${d.at.column + 1} ${d.code}: ${d.message}`)).sort();
      expect(lint(file, code).filter((line) => / MS1\d\d: /.test(line))).toEqual(expected);
    });
  }
});

test("the comparison sees findings and tag notes at all (not two empty lists)", () => {
  const all = [...fixtureDirs("captures"), ...fixtureDirs("rewrite")].flatMap(([, dir]) => lint(inputOf(dir), fs.readFileSync(inputOf(dir), "utf8")));
  for (const code of ["MS010", "MS020", "MS021", "MS022", "MS023", "MS101", "MS102", "MS103", "MS104"]) expect(all.some((line) => line.includes(` ${code}: `))).toBe(true);
});
