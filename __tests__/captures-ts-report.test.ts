import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileFileWithTs } from "./support/compile-ts";
import { storedReport } from "./support/store";

/**
 * Report delivery through the TypeScript transformer (§5, issue 4 §3), as the Babel plugin does it
 * (__tests__/babel-report.test.ts): the file's part written to the store (default `.memoscope` under
 * the tsconfig's folder), findings printed to stderr with
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

  test("the part is in the store .memoscope under the tsconfig's folder, keyed relative to it", () => {
    const result = build("counter.ts", {});
    expect(result.errors).toEqual([]);
    expect(fs.readdirSync(path.join(root, ".memoscope"))).toEqual(["fragments"]);
    const report = storedReport(".memoscope", root);
    expect(report.version).toBe(1);
    expect(Object.keys(report.files)).toEqual(["src/counter.ts"]);
    const bump = report.files["src/counter.ts"].closures.find((c) => c.name === "bump")!;
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
    expect(fs.existsSync(path.join(root, "out"))).toBe(false);
  });

  test("a report store outside the root is written where asked, with one warning", () => {
    const outside = `${root}-outside`;
    try {
      const first = build("a.ts", { report: "../" + path.basename(outside) });
      expect(first.stderr).toContain(`memoscope: warning: the report store ${outside} (report: "../${path.basename(outside)}") is outside the project root ${root}; writing it there as asked.\n`);
      expect(Object.keys(storedReport(outside).files)).toEqual(["src/a.ts"]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test("a rebuild replaces the file's own entry and keeps the others; the root option moves the keys", () => {
    build("a.ts", { report: "out" });
    build("b.ts", { report: "out" }, "let z = 1;\nexport const g = () => z;\n");
    build("a.ts", { report: "out/r.json" }, "export const h = () => 1;\n"); // the older .json form: the same store
    expect(Object.keys(storedReport("out", root).files)).toEqual(["src/b.ts"]);
    build("c.ts", { report: "out", root: "src" });
    expect(Object.keys(storedReport("src/out", root).files)).toEqual(["c.ts"]);
  });
});
