import * as fs from "fs";
import * as path from "path";
import { stableStringify } from "../dist/core";
import { compileFileWithTs } from "./support/compile-ts";
import { OUT } from "./support/fixtures";
import { storedReport } from "./support/store";

/**
 * Capture fixtures (fixtures/captures/<case>/) through the TypeScript front end: the entry the
 * transformer merges into its report file must be exactly `captures.json`, the Babel runner's
 * expectation (__tests__/captures-fixtures.test.ts). Never rewrites captures.json.
 */

const root = path.join(__dirname, "..", "fixtures", "captures");
const cases = fs.readdirSync(root).filter((name) => fs.statSync(path.join(root, name)).isDirectory()).sort();

describe.each(cases)("ts capture fixture %s", (name) => {
  it("writes the expected report entry", () => {
    const dir = path.join(root, name);
    const input = fs.readdirSync(dir).find((f) => f.startsWith("input."))!;
    const reportFile = path.join(OUT, "captures-ts", name, "report.json");
    fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
    const result = compileFileWithTs(path.join(dir, input), { report: reportFile, root: dir });
    expect(result.errors).toEqual([]);
    const report = storedReport(reportFile);
    expect(Object.keys(report.files)).toEqual([input]);
    expect(stableStringify(report.files[input])).toBe(fs.readFileSync(path.join(dir, "captures.json"), "utf8"));
  });
});
