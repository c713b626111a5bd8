import { transformSync } from "@babel/core";
import fs from "node:fs";
import path from "node:path";
import { parseFragment, resolveStore, type ModuleSummary } from "../dist/core";
import { babelOptions } from "./support/compile-babel";
import { compileFileWithTs } from "./support/compile-ts";
import { OUT, ROOT } from "./support/fixtures";
import { quietly } from "./support/quiet";

/**
 * Issue 12: the per-file summary the whole-program pass reads (src/core/program/summary.ts) must be
 * the same whichever front end built the file. Every source under fixtures/ goes through a Babel
 * build and a TypeScript build with the report store on, and the summaries their fragments hold are
 * compared (a file with a build error stores none on either path).
 */

const FIXTURES = path.join(ROOT, "fixtures");
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(full);
    // exec.js / expected outputs are harness files, not inputs; everything else that is source is.
    return SOURCE.test(e.name) && !/^(?:exec|output|expected)\b/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The summary the store holds for `file` after a build into `report`, or undefined. */
function storedSummary(root: string, report: string, key: string): ModuleSummary | undefined {
  const { fragments } = resolveStore(root, report);
  if (!fs.existsSync(fragments)) return undefined;
  for (const name of fs.readdirSync(fragments)) {
    const fragment = parseFragment(fs.readFileSync(path.join(fragments, name), "utf8"), name);
    if (fragment.file === key) return fragment.summary;
  }
  return undefined;
}

function target(frontEnd: string, file: string): string {
  const root = path.join(OUT, "program-parity", frontEnd, path.relative(FIXTURES, file).replace(/\W+/g, "-"));
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  return root;
}

const cases = sources(FIXTURES).map((f) => [path.relative(FIXTURES, f), f] as const);

describe.each(cases)("summary parity: %s", (_name, file) => {
  test("Babel and TypeScript store the same summary", () => {
    const dir = path.dirname(file);
    const key = path.basename(file);
    const source = fs.readFileSync(file, "utf8");
    const babelStore = path.join(target("babel", file), "store");
    let babelFailed = false;
    try {
      quietly(() => transformSync(source, { ...babelOptions(file, { report: babelStore, root: dir }, false), parserOpts: { plugins: ["jsx", "decorators-legacy"] } }));
    } catch {
      babelFailed = true;
    }
    const tsStore = path.join(target("ts", file), "store");
    const ts = quietly(() => compileFileWithTs(file, { report: tsStore, root: dir }));
    const fromBabel = babelFailed ? undefined : storedSummary(dir, babelStore, key);
    const fromTs = ts.errors.length > 0 ? undefined : storedSummary(dir, tsStore, key);
    expect(fromTs).toEqual(fromBabel);
  });
});

test("the parity run covers the fixtures (and the within-file program fixtures)", () => {
  expect(cases.length).toBeGreaterThan(50);
  expect(cases.some(([name]) => name.startsWith("program-within"))).toBe(true);
});
