import { transformSync } from "@babel/core";
import fs from "node:fs";
import path from "node:path";
import { stableStringify } from "../dist/core";
import { babelOptions } from "./support/compile-babel";
import { compileFileWithTs } from "./support/compile-ts";
import { OUT, ROOT } from "./support/fixtures";
import { storedReport } from "./support/store";

/**
 * Issue 12 within one file (fixtures/program-within/<case>/): the whole-program pass at build time.
 * Each input goes through the Babel plugin and the TypeScript transformer; both must store exactly
 * `report.json` (checked by hand: each input's header says which findings are right and why) and print
 * the same warnings, MS105 among them as `path:line:col: warning MS105: …`.
 */

const CASES = path.join(ROOT, "fixtures", "program-within");
const cases = fs.readdirSync(CASES).filter((name) => fs.statSync(path.join(CASES, name)).isDirectory()).sort();

function capture<T>(build: () => T): { result: T; stderr: string } {
  const writes: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { result: build(), stderr: writes.join("") };
  } finally {
    process.stderr.write = write;
  }
}

function store(frontEnd: string, name: string): string {
  const dir = path.join(OUT, "program-within", frontEnd, name);
  fs.rmSync(dir, { recursive: true, force: true });
  return path.join(dir, "store");
}

/** `MSxxx line:col` of each printed finding. */
function printed(stderr: string): string[] {
  return [...stderr.matchAll(/^(\S+):(\d+):(\d+): warning (MS\d{3}): /gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

describe.each(cases)("program within a file: %s", (name) => {
  const dir = path.join(CASES, name);
  const input = "input.ts";
  const file = path.join(dir, input);
  const source = fs.readFileSync(file, "utf8");
  const expected = fs.readFileSync(path.join(dir, "report.json"), "utf8");

  test("Babel and TypeScript store the expected report and print the same warnings", () => {
    const babelStore = store("babel", name);
    const babel = capture(() => transformSync(source, babelOptions(file, { report: babelStore, root: dir }, false)));
    const tsStore = store("ts", name);
    const ts = compileFileWithTs(file, { report: tsStore, root: dir });
    expect(ts.errors).toEqual([]);
    const fromBabel = stableStringify(storedReport(babelStore, dir).files[input] ?? { closures: [] });
    const fromTs = stableStringify(storedReport(tsStore, dir).files[input] ?? { closures: [] });
    expect(fromBabel).toBe(expected);
    expect(fromTs).toBe(expected);
    // The store lies outside the fixture's folder (each build has its own): that warning names the store, the rest must match.
    const findings = (stderr: string) => stderr.replace(/^memoscope: warning: the report store .*\n/m, "");
    expect(findings(ts.stderr)).toBe(findings(babel.stderr));
    const ms105 = (JSON.parse(expected).closures as { diagnostics: { code: string; at: { line: number; column: number } }[] }[])
      .flatMap((c) => c.diagnostics)
      .filter((d) => d.code === "MS105")
      .map((d) => `${input}:${d.at.line}:${d.at.column + 1} MS105`);
    expect(printed(babel.stderr).filter((p) => p.endsWith("MS105"))).toEqual(ms105);
  });
});
