import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileFileWithTs } from "./support/compile-ts";

/**
 * Report delivery through the TypeScript transformer (§5, issue 4 §3), as the Babel plugin does it
 * (__tests__/babel-report.test.ts): the file's part merged into the report file (default
 * `.memoscope/report.json` under the tsconfig's folder), findings printed to stderr with
 * file:line:column and a code frame, `strict: true` turning warnings into error diagnostics.
 */

const COUNTER = `
let count = 0;
/** @memoize */
export function bump(step: number) {
  count += step;
  return count;
}
`;

describe("report delivery (TypeScript)", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-ts-report-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const build = (name: string, options: Record<string, unknown>, source = COUNTER) =>
    compileFileWithTs(path.join(root, "src", name), options, { source, compilerOptions: { configFilePath: path.join(root, "tsconfig.json") } as never });

  test("the part is merged into .memoscope/report.json under the tsconfig's folder, keyed relative to it", () => {
    const result = build("counter.ts", {});
    expect(result.errors).toEqual([]);
    const report = JSON.parse(fs.readFileSync(path.join(root, ".memoscope", "report.json"), "utf8"));
    expect(report.version).toBe(1);
    expect(Object.keys(report.files)).toEqual(["src/counter.ts"]);
    const bump = report.files["src/counter.ts"].closures.find((c: { name: string }) => c.name === "bump");
    expect(bump.memoized).toEqual({ key: "identity" });
    expect(bump.captures).toEqual([{ name: "count", binding: "let", scope: "module", declared: { line: 2, column: 4 }, reassigned: true, writtenHere: true, via: "direct" }]);
    expect(bump.diagnostics.map((d: { code: string }) => d.code)).toEqual(["MS101", "MS102"]);
  });

  test("findings on memoized functions go to stderr with file:line:column and a code frame, not to diagnostics", () => {
    const result = build("counter.ts", { report: false });
    expect(result.diagnostics).toEqual([]);
    // The path is relative to the build root (the tsconfig's folder); line and column 1-based, as tsc prints them.
    expect(result.stderr).toContain("src/counter.ts:5:3: warning MS101: bump is memoized but captures `count`");
    expect(result.stderr).toContain("src/counter.ts:5:3: warning MS102: bump is memoized but writes the captured `count`");
    expect(result.stderr).toContain("> 5 |   count += step;\n    |   ^");
    expect(fs.existsSync(path.join(root, ".memoscope"))).toBe(false);
  });

  test("report: false writes nothing; a file without tags prints nothing", () => {
    const untagged = build("plain.ts", { report: false }, "let n = 0;\nexport const f = () => n++;\n");
    expect(untagged.stderr).toBe("");
    expect(fs.existsSync(path.join(root, ".memoscope"))).toBe(false);
  });

  test("strict: true turns MS101/MS102 into error diagnostics with a position, leaves the file unrewritten and writes nothing", () => {
    const result = build("counter.ts", { strict: true, report: "out/r.json" });
    expect(result.errors.map((e) => `${e.code} ${e.line}:${e.column}`)).toEqual(["MS101 5:2", "MS102 5:2"]);
    expect(result.errors[0].message).toMatch(/MS101: bump is memoized but captures `count`.*\(strict: true makes this an error\) \(5:2\)/s);
    expect(result.diagnostics[0].code).toBe(990101);
    expect(result.stderr).toBe("");
    expect(result.code).not.toContain("memoscope/runtime");
    expect(fs.existsSync(path.join(root, "out", "r.json"))).toBe(false);
  });

  test("a rebuild replaces the file's own entry and keeps the others; the root option moves the keys", () => {
    build("a.ts", { report: "r.json" });
    build("b.ts", { report: "r.json" }, "let z = 1;\nexport const g = () => z;\n");
    build("a.ts", { report: "r.json" }, "export const h = () => 1;\n");
    const report = JSON.parse(fs.readFileSync(path.join(root, "r.json"), "utf8"));
    expect(Object.keys(report.files)).toEqual(["src/b.ts"]);
    build("c.ts", { report: "r.json", root: "src" });
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(root, "src", "r.json"), "utf8")).files)).toEqual(["c.ts"]);
  });
});
